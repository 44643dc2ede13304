/** The window: the start screen or the open incident, with the alert and busy regions always present. */
import { useEffect } from 'react';
import { IncidentView } from './panels/IncidentView';
import { StartScreen } from './panels/StartScreen';
import { StatusBanner } from './panels/StatusBanner';
import { useApp, useHindsight } from './state/app-context';
import { errorSentence } from './state/errors';
import { useIncidentActions } from './state/use-incident-actions';

/** Root component: loads the app status once and follows `incident.changed`. */
export function App() {
  const { store, client } = useApp();
  const { refresh } = useIncidentActions();
  const hasIncident = useHindsight((s) => s.incident !== null);

  useEffect(() => {
    let isCurrent = true;
    client.api['app.status']({}).then(
      (status) => {
        if (isCurrent && status.incident !== null) void refresh();
      },
      (error: unknown) => store.getState().showError(errorSentence(error)),
    );
    const unsubscribe = client.on('incident.changed', ({ incident }) => {
      if (incident === null) store.getState().setIncident(null);
      else void refresh();
    });
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [client, store, refresh]);

  return (
    <div className="app">
      <StatusBanner />
      {hasIncident ? <IncidentView /> : <StartScreen />}
    </div>
  );
}
