/** The hosts with events matching the filter bar, for narrowing the fleet view; null when unfiltered. */
import { useEffect, useState } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** Matching host names as a set (null = no filter, or more hosts than the service lists). */
export function useMatchingHosts(): ReadonlySet<string> | null {
  const { store, client } = useApp();
  const filterText = useHindsight((s) => s.filterText);
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}`));
  const [hosts, setHosts] = useState<{
    filterText: string;
    set: ReadonlySet<string> | null;
  }>({ filterText: '', set: null });

  useEffect(() => {
    if (filterText === '' || incidentKey === '') return;
    let isCurrent = true;
    client.api['search.hosts']({ filter: filterText }).then(
      (result) =>
        isCurrent &&
        setHosts({
          filterText,
          set: result.isComplete ? new Set(result.hosts) : null,
        }),
      (error: unknown) => isCurrent && store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [store, client, filterText, incidentKey]);

  return filterText === '' || hosts.filterText !== filterText ? null : hosts.set;
}
