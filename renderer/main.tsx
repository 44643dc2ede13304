/** Renderer entry: one store, one client, one React root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './api-client';
import { App } from './App';
import { AppContext } from './state/app-context';
import { createHindsightStore } from './state/store';
import './styles/app.css';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html must contain <div id="root">.');

createRoot(rootElement).render(
  <StrictMode>
    <AppContext.Provider value={{ store: createHindsightStore(), client: getClient() }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
