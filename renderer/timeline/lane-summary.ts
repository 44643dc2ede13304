/** Counts per lane and density band inside a viewport: the text twin of what the canvas draws. */
import type { DensityLane, DensityResult } from '../../src/model/timeline';
import type { Viewport } from './viewport-maths';

/** Events of one lane inside the viewport, by band. */
export interface LaneCounts {
  key: string;
  label: string;
  events: number;
  errors: number;
  warnings: number;
  /** True while the lane's counts in view have not arrived (lanes by host scrolled into view). */
  isPending?: boolean;
}

/** Sums the buckets of `density` that overlap `view`, per lane (of `lanes`: the answer's own by default). */
export function laneCountsInView(density: DensityResult, view: Viewport, lanes: readonly DensityLane[] = density.lanes): LaneCounts[] {
  const firstBucket = Math.max(0, Math.floor((view.fromMs - density.fromMs) / density.bucketMs));
  const lastBucket = Math.min(density.bucketCount - 1, Math.floor((view.toMs - density.fromMs) / density.bucketMs));
  return lanes.map((lane) => {
    let errors = 0;
    let warnings = 0;
    let other = 0;
    for (let b = firstBucket; b <= lastBucket; b += 1) {
      errors += lane.counts.error[b] ?? 0;
      warnings += lane.counts.warn[b] ?? 0;
      other += lane.counts.other[b] ?? 0;
    }
    return { key: lane.key, label: lane.label, events: errors + warnings + other, errors, warnings };
  });
}
