/** Counts of the whole incident (honouring the filter) in about one bucket per 2 px of the overview strip. */
import { useEffect, useState } from 'react';
import type { DensityResult } from '../../src/model/timeline';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** Density of [firstMs, lastMs] for a strip `widthPx` wide; null until loaded. */
export function useOverviewDensity(widthPx: number): DensityResult | null {
  const { store, client } = useApp();
  const firstMs = useHindsight((s) => s.incident?.firstTsMs ?? null);
  const lastMs = useHindsight((s) => s.incident?.lastTsMs ?? null);
  const filterText = useHindsight((s) => s.filterText);
  const [density, setDensity] = useState<DensityResult | null>(null);
  // NOTE: the width is quantised to 64 px so resizing the window does not re-query on every pixel.
  const bucketCount = Math.min(4096, Math.max(16, Math.round(widthPx / 128) * 32));
  useEffect(() => {
    if (firstMs === null || lastMs === null || widthPx <= 0) return;
    let isCurrent = true;
    client.api['timeline.density']({
      fromMs: firstMs,
      toMs: Math.max(lastMs + 1, firstMs + 1),
      bucketCount,
      laneBy: 'source',
      ...(filterText === '' ? {} : { filter: filterText }),
    }).then(
      (result) => isCurrent && setDensity(result),
      (error: unknown) => isCurrent && store.getState().showError(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [store, client, firstMs, lastMs, bucketCount, filterText, widthPx]);
  return density;
}

/** Sums every lane per band: one array per band, one entry per bucket. */
export function sumLanes(density: DensityResult): {
  error: number[];
  warn: number[];
  other: number[];
} {
  const sums = {
    error: new Array<number>(density.bucketCount).fill(0),
    warn: new Array<number>(density.bucketCount).fill(0),
    other: new Array<number>(density.bucketCount).fill(0),
  };
  for (const lane of density.lanes) {
    for (let i = 0; i < density.bucketCount; i++) {
      sums.error[i]! += lane.counts.error[i] ?? 0;
      sums.warn[i]! += lane.counts.warn[i] ?? 0;
      sums.other[i]! += lane.counts.other[i] ?? 0;
    }
  }
  return sums;
}
