/**
 * Keeps a density answer for the current viewport: re-queries only when the quantised query changes
 * (see `densityQueryFor`) or the filter or lane kind changes (lanes by group ask for host lanes), debounced, latest wins. The answer lives
 * here, not in the store.
 */
import { useEffect, useRef, useState } from 'react';
import type { DensityResult } from '../../src/model/timeline';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { apiLaneBy } from './lane-layout';
import { densityQueryFor, queryCovers, type DensityQuery } from './viewport-maths';

/** Quiet time after the last viewport change before asking the service, in ms. */
const DEBOUNCE_MS = 60;

/** The latest density answer covering the viewport drawn `widthPx` wide (null until the first one). */
export function useDensity(widthPx: number): DensityResult | null {
  const { store, client } = useApp();
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}:${s.incident.sourceCount}`));
  const filterText = useHindsight((s) => s.filterText);
  const laneBy = useHindsight((s) => apiLaneBy(s.laneBy));
  const [density, setDensity] = useState<DensityResult | null>(null);
  const fetchedRef = useRef<DensityQuery | null>(null);

  useEffect(() => {
    if (widthPx <= 0 || incidentKey === '') return;
    fetchedRef.current = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sequence = 0;
    const request = () => {
      const { viewport } = store.getState();
      const query = densityQueryFor(viewport, widthPx);
      fetchedRef.current = query;
      sequence += 1;
      const mine = sequence;
      client.api['timeline.density']({
        fromMs: query.fromMs,
        toMs: query.toMs,
        bucketCount: query.bucketCount,
        laneBy,
        ...(filterText === '' ? {} : { filter: filterText }),
      }).then(
        (result) => {
          if (mine === sequence) setDensity(result);
        },
        (error: unknown) => {
          if (mine === sequence) store.getState().showError(errorSentence(error));
        },
      );
    };
    const check = () => {
      const fetched = fetchedRef.current;
      if (fetched !== null && queryCovers(fetched, store.getState().viewport, widthPx)) return;
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
  }, [store, client, widthPx, incidentKey, filterText, laneBy]);

  return density;
}
