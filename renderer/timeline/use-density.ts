/**
 * Keeps the counts in view for the timeline's rows: re-queries only when the quantised query changes
 * (see `densityQueryFor`), the filter or lane kind changes, or (lanes by host) rows outside the last
 * lane window scroll into view; debounced, latest wins, and the last answer is drawn until the next one
 * arrives. Lanes by host ask for a window of host lanes (`windowKeys`) plus the group lanes their group
 * headers show, so a request costs about the rows shown, not the whole fleet. The answer lives here,
 * not in the store.
 */
import { useEffect, useRef, useState } from 'react';
import type { DensityLane, DensityResult } from '../../src/model/timeline';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { GROUP_ROW_PREFIX, type TimelineLaneBy } from './lane-layout';
import { densityQueryFor, queryCovers, type DensityQuery } from './viewport-maths';

/** Quiet time after the last viewport change or lane-box scroll before asking the service, in ms. */
const DEBOUNCE_MS = 60;

/** Counts in view: the answer's buckets, with lanes keyed as the rows are (group headers `group:NAME`). */
export interface TimelineDensity {
  density: DensityResult;
  /** Lanes by row key. */
  lanesByKey: ReadonlyMap<string, DensityLane>;
  /** Lanes that together hold every event in view once (the group lanes for lanes by host), for the summary. */
  summaryLanes: readonly DensityLane[];
}

function combine(main: DensityResult, groups: DensityResult | null): TimelineDensity {
  const lanesByKey = new Map(main.lanes.map((lane) => [lane.key, lane]));
  for (const lane of groups?.lanes ?? []) lanesByKey.set(`${GROUP_ROW_PREFIX}${lane.key}`, lane);
  return { density: main, lanesByKey, summaryLanes: groups?.lanes ?? main.lanes };
}

/**
 * The latest counts for the viewport drawn `widthPx` wide (null until the first). `windowKeys`: for lanes
 * by host, the host rows to answer (null until the layout is known); ignored for other lane kinds.
 */
export function useDensity(widthPx: number, laneBy: TimelineLaneBy, windowKeys: readonly string[] | null): TimelineDensity | null {
  const { store, client } = useApp();
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}:${s.incident.sourceCount}`));
  const filterText = useHindsight((s) => s.filterText);
  const [answer, setAnswer] = useState<TimelineDensity | null>(null);
  const fetchedRef = useRef<{ scope: string; query: DensityQuery; keys: ReadonlySet<string>; groups: DensityResult | null } | null>(null);
  const isHostWindow = laneBy === 'host';
  // NOTE: the effect depends on the keys' text, so a new array holding the same keys does not re-query.
  const windowJson = isHostWindow && windowKeys !== null ? JSON.stringify(windowKeys) : null;

  useEffect(() => {
    if (widthPx <= 0 || incidentKey === '' || (isHostWindow && windowJson === null)) return;
    const keys = windowJson === null ? [] : (JSON.parse(windowJson) as string[]);
    const scope = `${incidentKey}|${filterText}|${laneBy}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sequence = 0;
    const ask = (query: DensityQuery, laneByAsked: TimelineLaneBy, laneKeys?: readonly string[]): Promise<DensityResult> =>
      client.api['timeline.density']({
        fromMs: query.fromMs,
        toMs: query.toMs,
        bucketCount: query.bucketCount,
        laneBy: laneByAsked,
        ...(filterText === '' ? {} : { filter: filterText }),
        ...(laneKeys === undefined ? {} : { laneKeys: [...laneKeys] }),
      });
    const request = () => {
      const query = densityQueryFor(store.getState().viewport, widthPx);
      const previous = fetchedRef.current?.scope === scope ? fetchedRef.current : null;
      sequence += 1;
      const mine = sequence;
      // NOTE: a scroll keeps the query, so the group lanes already fetched for it are reused.
      const reusable = previous !== null && previous.query.fromMs === query.fromMs && previous.query.toMs === query.toMs && previous.query.bucketMs === query.bucketMs ? previous.groups : null;
      const pending = isHostWindow
        ? Promise.all([keys.length === 0 ? Promise.resolve(null) : ask(query, 'host', keys), reusable === null ? ask(query, 'group') : Promise.resolve(reusable)])
        : Promise.all([ask(query, laneBy), Promise.resolve(null)]);
      fetchedRef.current = { scope, query, keys: new Set(keys), groups: null };
      pending.then(
        ([main, groups]) => {
          if (mine !== sequence) return;
          fetchedRef.current = { scope, query, keys: new Set(keys), groups };
          setAnswer(combine(main ?? { ...groups!, lanes: [] }, groups));
        },
        (error: unknown) => {
          if (mine === sequence) store.getState().showError(errorSentence(error));
        },
      );
    };
    const check = () => {
      const fetched = fetchedRef.current?.scope === scope ? fetchedRef.current : null;
      if (fetched !== null && queryCovers(fetched.query, store.getState().viewport, widthPx) && keys.every((key) => fetched.keys.has(key))) return;
      clearTimeout(timer);
      timer = setTimeout(request, fetched === null ? 0 : DEBOUNCE_MS);
    };
    check();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.viewport !== previous.viewport) check();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      sequence += 1;
    };
  }, [store, client, widthPx, incidentKey, filterText, laneBy, isHostWindow, windowJson]);

  return answer;
}
