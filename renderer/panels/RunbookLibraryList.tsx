/**
 * The runbook library: search by title, summary, tag, service, owner or id; the files that could not be
 * loaded, each with file, line and reason; and the folders read, where the user adds the team's own.
 */
import { useDeferredValue, useId, useState } from 'react';
import type { RunbookSummary } from '../../src/model/runbook';
import { useApp } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { useRunbookQuery } from '../runbooks/use-runbook-query';
import { formatCountOf } from '../timeline/format-time';
import { PathDialog } from './PathDialog';

/** True when every word of `query` appears somewhere in the runbook's searchable text. */
export function matchesQuery(runbook: RunbookSummary, query: string): boolean {
  const haystack = [runbook.title, runbook.summary, runbook.id, runbook.owner, runbook.severity, ...runbook.tags, ...runbook.services].join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .every((word) => haystack.includes(word));
}

/** The library tab. */
export function RunbookLibraryList() {
  const { store, client } = useApp();
  const searchId = useId();
  const library = useRunbookQuery((c) => c.api['runbooks.library']({}), []);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [isAddingFolder, setAddingFolder] = useState(false);
  if (library === null) return <p className="muted">Loading runbooks…</p>;
  const shown = library.runbooks.filter((runbook) => matchesQuery(runbook, deferredQuery));

  const call = async (run: () => Promise<unknown>) => {
    try {
      await run();
      store.getState().bumpRunbookRevision();
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };

  return (
    <div className="runbook-library">
      <label htmlFor={searchId} className="visually-hidden">
        Search runbooks
      </label>
      <input id={searchId} type="search" placeholder="Search runbooks (title, tag, service…)" value={query} onChange={(event) => setQuery(event.target.value)} />
      <p className="muted" aria-live="polite">
        {formatCountOf(shown.length, 'runbook')} of {library.runbooks.length}
      </p>
      <ul className="runbook-list" aria-label="Runbooks in the library" data-testid="runbook-library">
        {shown.map((runbook) => (
          <li key={runbook.id} className="runbook-item">
            <button type="button" className="runbook-open" onClick={() => store.getState().openRunbook(runbook.id)}>
              {runbook.title}
            </button>
            <span className="runbook-meta">
              {runbook.severity} · {runbook.owner} · {formatCountOf(runbook.stepCount, 'step')}
              {runbook.tags.length > 0 ? ` · ${runbook.tags.join(', ')}` : ''}
              {runbook.isShipped ? '' : ' · team folder'}
            </span>
          </li>
        ))}
      </ul>
      {library.invalid.length > 0 && (
        <section className="runbook-invalid" aria-label="Runbook files that could not be loaded" data-testid="runbook-invalid">
          <h3>{formatCountOf(library.invalid.length, 'file')} could not be loaded</h3>
          <ul>
            {library.invalid.map((problem) => (
              <li key={`${problem.file}:${problem.line}`}>
                <code>
                  {problem.file}:{problem.line}
                </code>{' '}
                — {problem.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="runbook-folders" aria-label="Runbook folders">
        <h3>Folders (watched for changes)</h3>
        <ul>
          {library.folders.map((folder) => (
            <li key={folder.path}>
              <code>{folder.path}</code> {folder.isShipped ? '(ships with Hindsight)' : folder.exists ? '' : '(missing)'}
              {!folder.isShipped && (
                <button type="button" aria-label={`Remove folder ${folder.path}`} onClick={() => void call(() => client.api['runbooks.removeFolder']({ path: folder.path }))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setAddingFolder(true)}>
          Add folder…
        </button>
        <button type="button" onClick={() => void call(() => client.api['runbooks.reload']({}))}>
          Reload
        </button>
      </section>
      {isAddingFolder && (
        <PathDialog
          title="Add a runbook folder"
          description="A folder of Markdown runbooks on the machine running Hindsight, such as your team's runbook repository. It is watched and re-read when files change."
          fieldLabel="Folder path"
          confirmLabel="Add folder"
          initialValue=""
          isMultiple={false}
          onCancel={() => setAddingFolder(false)}
          onConfirm={(paths) => {
            setAddingFolder(false);
            const [path] = paths;
            if (path !== undefined) void call(() => client.api['runbooks.addFolder']({ path }));
          }}
        />
      )}
    </div>
  );
}
