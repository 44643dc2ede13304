/** The first screen: open the sample, create or open an incident file, or reopen a recent one. */
import { useEffect, useId, useState } from 'react';
import type { AppStatus, PickKind } from '../../src/api/contract';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { useIncidentActions } from '../state/use-incident-actions';
import { defaultIncidentFileName, formatUtcDateTime } from '../timeline/format-time';
import { FileDropZone } from './FileDropZone';
import { PathDialog } from './PathDialog';

type AskingFor = Extract<PickKind, 'open-incident' | 'create-incident'> | null;

/** What a drop onto the start screen says: logs need an incident to go into. */
const NO_INCIDENT_DROP = 'No incident is open to import into; open or create an incident first, then drop the logs onto it.';

/** Drops are refused here (FileDropZone shows {@link NO_INCIDENT_DROP}), so nothing is imported. */
const ignoreDrop = (): void => undefined;

/** Shown whenever no incident is open. */
export function StartScreen() {
  const { store, client } = useApp();
  const actions = useIncidentActions();
  const isBusy = useHindsight((s) => s.busyLabel !== null);
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [askingFor, setAskingFor] = useState<AskingFor>(null);
  const [newFileName, setNewFileName] = useState('');
  const headingId = useId();
  const recentId = useId();

  useEffect(() => {
    let isCurrent = true;
    client.api['app.status']({}).then(
      (result) => {
        if (isCurrent) setStatus(result);
      },
      (error: unknown) => store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [client, store]);

  const ask = async (kind: NonNullable<AskingFor>) => {
    if (client.transport === 'electron') {
      const paths = await client.pick(kind);
      const path = paths?.[0];
      if (path === undefined) return;
      if (kind === 'create-incident') await actions.createIncident(path);
      else await actions.openIncident(path);
      return;
    }
    setNewFileName(defaultIncidentFileName(Date.now()));
    setAskingFor(kind);
  };

  const defaultDir = status?.defaultDir ?? '';
  const newPath = `${defaultDir}${defaultDir.endsWith('/') || defaultDir === '' ? '' : '/'}${newFileName}`;

  return (
    <main className="start-screen" aria-labelledby={headingId} aria-busy={isBusy}>
      <h1 id={headingId}>Hindsight</h1>
      <p className="muted tagline">Replay the rollout, follow the runbook, write down what broke.</p>
      <div className="start-actions">
        <button type="button" className="primary" disabled={isBusy} onClick={() => void actions.openSample()}>
          Open sample incident
        </button>
        <button type="button" disabled={isBusy} onClick={() => void ask('create-incident')}>
          New incident…
        </button>
        <button type="button" disabled={isBusy} onClick={() => void ask('open-incident')}>
          Open incident…
        </button>
      </div>
      <section className="recent" aria-labelledby={recentId}>
        <h2 id={recentId}>Recent incidents</h2>
        {status === null ? (
          <p className="muted">Loading…</p>
        ) : status.recent.length === 0 ? (
          <p className="muted">None yet. Open the sample to see how a replay works.</p>
        ) : (
          <ul>
            {status.recent.map((recent) => (
              <li key={recent.path}>
                <button type="button" className="recent-item" disabled={isBusy} onClick={() => void actions.openIncident(recent.path)}>
                  <span className="recent-title">{recent.title}</span>
                  <span className="recent-path">{recent.path}</span>
                  <span className="recent-time">opened {formatUtcDateTime(recent.openedAtMs)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <FileDropZone targetTitle={null} refusal={NO_INCIDENT_DROP} onDropFiles={ignoreDrop} />
      {askingFor === 'create-incident' && (
        <PathDialog
          title="New incident"
          description="Hindsight keeps the whole incident in this one file."
          fieldLabel="File path for the new incident"
          confirmLabel="Create"
          initialValue={newPath}
          onCancel={() => setAskingFor(null)}
          onConfirm={([path]) => {
            setAskingFor(null);
            if (path !== undefined) void actions.createIncident(path);
          }}
        />
      )}
      {askingFor === 'open-incident' && (
        <PathDialog
          title="Open incident"
          description="Type the path of a .hindsight file on the machine running Hindsight."
          fieldLabel="Incident file path"
          confirmLabel="Open"
          initialValue={defaultDir === '' ? '' : `${defaultDir}/`}
          onCancel={() => setAskingFor(null)}
          onConfirm={([path]) => {
            setAskingFor(null);
            if (path !== undefined) void actions.openIncident(path);
          }}
        />
      )}
    </main>
  );
}
