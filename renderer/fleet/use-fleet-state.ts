/**
 * The fleet's state at the playhead. Subscribes to the playhead with `store.subscribe` (no React renders
 * while it moves) and asks the service for `replay.stateAt` at most every MIN_INTERVAL_MS with one
 * request in flight; each request reads the playhead when it starts, so the latest position wins.
 */
import { useEffect, useState } from 'react';
import type { FleetState } from '../../src/model/replay';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** Shortest gap between two requests while the playhead moves, in ms. */
const MIN_INTERVAL_MS = 100;

/** The latest fleet state fetched for the playhead (null until the first answer). */
export function useFleetState(): FleetState | null {
  const { store, client } = useApp();
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}`));
  const [state, setState] = useState<FleetState | null>(null);

  useEffect(() => {
    if (incidentKey === '') return;
    let isActive = true;
    let isInFlight = false;
    let fetchedMs: number | null = null;
    let lastStartMs = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pump = (): void => {
      if (!isActive || isInFlight) return;
      const tsMs = store.getState().playheadMs;
      if (tsMs === fetchedMs) return;
      const waitMs = lastStartMs + MIN_INTERVAL_MS - performance.now();
      if (waitMs > 0) {
        clearTimeout(timer);
        timer = setTimeout(pump, waitMs);
        return;
      }
      isInFlight = true;
      fetchedMs = tsMs;
      lastStartMs = performance.now();
      client.api['replay.stateAt']({ tsMs })
        .then(
          (result) => {
            if (isActive) setState(result);
          },
          (error: unknown) => {
            if (isActive) store.getState().showError(errorSentence(error));
          },
        )
        .finally(() => {
          isInFlight = false;
          pump();
        });
    };
    pump();
    const unsubscribe = store.subscribe((next, previous) => {
      if (next.playheadMs !== previous.playheadMs) pump();
    });
    return () => {
      isActive = false;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, client, incidentKey]);

  return state;
}
