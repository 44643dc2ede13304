/** Timeline query shapes shared by the core, the API and the renderer. Times are UTC epoch ms. */
import type { DensityBand } from './event';

/** How lanes are formed. The foundation groups by source; host and service follow. */
export type LaneBy = 'source' | 'host' | 'service';

/** Event counts of one lane, one array per density band, one entry per bucket. */
export interface DensityLane {
  key: string;
  label: string;
  total: number;
  counts: Record<DensityBand, number[]>;
}

/** Answer to a density query: `bucketCount` buckets of `bucketMs` starting at `fromMs`. */
export interface DensityResult {
  fromMs: number;
  bucketMs: number;
  bucketCount: number;
  lanes: DensityLane[];
}
