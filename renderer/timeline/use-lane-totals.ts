/**
 * Events per lane over the whole incident (honouring the filter), so lane heights follow how busy each
 * lane is overall and stay put while zooming. One single-bucket density query per lane kind and filter.
 */
import { useEffect, useState } from 'react';
import type { LaneBy } from '../../src/model/timeline';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** Lane key → events in the whole incident for lanes by `laneBy`; null until loaded. */
export function useLaneTotals(laneBy: LaneBy): ReadonlyMap<string, number> | null {
  const { store, client } = useApp();
  const firstMs = useHindsight((s) => s.incident?.firstTsMs ?? null);
  const lastMs = useHindsight((s) => s.incident?.lastTsMs ?? null);
  const filterText = useHindsight((s) => s.filterText);
  const [answer, setAnswer] = useState<{ query: string; totals: ReadonlyMap<string, number> } | null>(null);
  const query = `${laneBy}|${firstMs}|${lastMs}|${filterText}`;
  useEffect(() => {
    if (firstMs === null || lastMs === null) return;
    let isCurrent = true;
    client.api['timeline.density']({ fromMs: firstMs, toMs: lastMs + 1, bucketCount: 1, laneBy, ...(filterText === '' ? {} : { filter: filterText }) }).then(
      (result) => isCurrent && setAnswer({ query, totals: new Map(result.lanes.map((lane) => [lane.key, lane.total])) }),
      (error: unknown) => isCurrent && store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [store, client, laneBy, firstMs, lastMs, filterText, query]);
  return answer?.query === query ? answer.totals : null;
}
