/**
 * Hands the store and the API client to components. One provider at the root; components read single
 * values with `useHindsight(selector)` (or `useShallow` for small tuples) so they re-render only when
 * what they show changes.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HindsightClient } from '../api-client';
import type { HindsightState, HindsightStore } from './store';

/** What every component can reach: the one store and the one API client. */
export interface AppContextValue {
  store: HindsightStore;
  client: HindsightClient;
}

/** Set by `main.tsx`; reading it outside the provider is a bug. */
export const AppContext = createContext<AppContextValue | null>(null);

/** The store and client of this window. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp must be used inside <AppContext.Provider>.');
  return value;
}

/** Selects one value from the store and re-renders only when it changes. */
export function useHindsight<T>(selector: (state: HindsightState) => T): T {
  return useStore(useApp().store, selector);
}
