/**
 * The runbook panel beside the event list: "Here" (the runbooks that match around the playhead),
 * "Library" (every runbook, searchable, with folders and files that could not be loaded), and the
 * viewer of the runbook opened from either. Follows `runbooks.changed` so everything refetches.
 */
import { useEffect, useId } from 'react';
import { RunbookLibraryList } from './RunbookLibraryList';
import { RunbooksHere } from './RunbooksHere';
import { RunbookViewer } from './RunbookViewer';
import { useApp, useHindsight } from '../state/app-context';

/** localStorage key of the display name; NOTE: the same key the annotation panel uses, so it is set once. */
export const DISPLAY_NAME_STORAGE_KEY = 'hindsight.author';

/** The panel. */
export function RunbookPanel() {
  const { store, client } = useApp();
  const headingId = useId();
  const nameId = useId();
  const tab = useHindsight((s) => s.runbookTab);
  const openId = useHindsight((s) => s.openRunbookId);
  const authorName = useHindsight((s) => s.authorName);

  useEffect(() => client.on('runbooks.changed', () => store.getState().bumpRunbookRevision()), [client, store]);
  useEffect(() => {
    if (store.getState().authorName === '') store.getState().setAuthorName(window.localStorage.getItem(DISPLAY_NAME_STORAGE_KEY) ?? '');
  }, [store]);

  return (
    <section className="panel runbook-panel" aria-labelledby={headingId} data-testid="runbook-panel">
      <div className="panel-head">
        <h2 id={headingId}>Runbooks</h2>
        <div className="toolbar" role="group" aria-label="Runbook views">
          <button type="button" aria-pressed={openId === null && tab === 'here'} onClick={() => store.getState().setRunbookTab('here')}>
            Here
          </button>
          <button type="button" aria-pressed={openId === null && tab === 'library'} onClick={() => store.getState().setRunbookTab('library')}>
            Library
          </button>
        </div>
      </div>
      <div className="runbook-name">
        <label htmlFor={nameId}>Your name (recorded on every step)</label>
        <input
          id={nameId}
          type="text"
          value={authorName}
          placeholder="e.g. priya"
          maxLength={100}
          autoComplete="name"
          onChange={(event) => {
            store.getState().setAuthorName(event.target.value);
            window.localStorage.setItem(DISPLAY_NAME_STORAGE_KEY, event.target.value);
          }}
        />
      </div>
      <div className="runbook-body">{openId !== null ? <RunbookViewer runbookId={openId} /> : tab === 'here' ? <RunbooksHere /> : <RunbookLibraryList />}</div>
    </section>
  );
}
