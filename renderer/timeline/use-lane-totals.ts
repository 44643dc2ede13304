/**
 * Every lane of the incident with its events over the whole incident (honouring the filter): the rows
 * the timeline lays out, and their heights, so busy lanes are taller and stay put while zooming and the
 * lane box knows its height before counts in view arrive. One single-bucket density query per lane kind
 * and filter.
 */
import { useEffect, useState } from 'react';
import type { DensityLane, DensityLaneBy } from '../../src/model/timeline';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** The lanes by `laneBy` in the API's order, `total` = events in the whole incident; null until loaded. */
export function useLaneTotals(laneBy: DensityLaneBy): readonly DensityLane[] | null {
  const { store, client } = useApp();
  const firstMs = useHindsight((s) => s.incident?.firstTsMs ?? null);
  const lastMs = useHindsight((s) => s.incident?.lastTsMs ?? null);
  const eventCount = useHindsight((s) => s.incident?.eventCount ?? 0);
  const filterText = useHindsight((s) => s.filterText);
  const [answer, setAnswer] = useState<{ query: string; lanes: readonly DensityLane[] } | null>(null);
  const query = `${laneBy}|${firstMs}|${lastMs}|${eventCount}|${filterText}`;
  useEffect(() => {
    if (firstMs === null || lastMs === null) return;
    let isCurrent = true;
    client.api['timeline.density']({ fromMs: firstMs, toMs: lastMs + 1, bucketCount: 1, laneBy, ...(filterText === '' ? {} : { filter: filterText }) }).then(
      (result) => isCurrent && setAnswer({ query, lanes: result.lanes }),
      (error: unknown) => isCurrent && store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [store, client, laneBy, firstMs, lastMs, filterText, query]);
  return answer?.query === query ? answer.lanes : null;
}
