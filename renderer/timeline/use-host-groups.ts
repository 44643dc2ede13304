/** Each host's group from the rollout model (`replay.hosts`), for lanes by group and group headers. */
import { useEffect, useState } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

const NO_GROUPS: ReadonlyMap<string, string> = new Map();

/** Host name → group; empty until loaded, or when `isWanted` is false (no request is made then). */
export function useHostGroups(isWanted: boolean): ReadonlyMap<string, string> {
  const { store, client } = useApp();
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}`));
  const [groups, setGroups] = useState<{ key: string; map: ReadonlyMap<string, string> }>({ key: '', map: NO_GROUPS });
  useEffect(() => {
    if (!isWanted || incidentKey === '' || groups.key === incidentKey) return;
    let isCurrent = true;
    client.api['replay.hosts']({}).then(
      (hosts) => isCurrent && setGroups({ key: incidentKey, map: new Map(hosts.map((h) => [h.host, h.group])) }),
      (error: unknown) => isCurrent && store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [store, client, incidentKey, isWanted, groups.key]);
  return groups.key === incidentKey ? groups.map : NO_GROUPS;
}
