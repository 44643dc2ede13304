/**
 * Fetches something runbook-related from the API and refetches whenever the incident or the runbook
 * revision changes (the panel bumps it on every `runbooks.changed` event). Latest answer wins.
 */
import { useEffect, useState } from 'react';
import type { HindsightClient } from '../api-client';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** The latest answer of `load(client)`, or null until the first one; `deps` add reasons to refetch. */
export function useRunbookQuery<T>(load: (client: HindsightClient) => Promise<T>, deps: readonly unknown[]): T | null {
  const { store, client } = useApp();
  const revision = useHindsight((s) => s.runbookRevision);
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}`));
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let isCurrent = true;
    load(client).then(
      (result) => {
        if (isCurrent) setValue(result);
      },
      (error: unknown) => {
        if (isCurrent) store.getState().showError(errorSentence(error));
      },
    );
    return () => {
      isCurrent = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is re-created each render; `deps` say when it changes.
  }, [client, store, revision, incidentKey, ...deps]);
  return value;
}
