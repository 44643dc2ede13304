/** Timeline query shapes shared by the core, the API and the renderer. Times are UTC epoch ms. */
import type { DensityBand } from './event';

/** How lanes are formed. The foundation groups by source; host and service follow. */
export type LaneBy = 'source' | 'host' | 'service';

/** Lane kinds a density query answers: the stored ones, plus hosts summed by their rollout group (user rules applied). */
export type DensityLaneBy = LaneBy | 'group';

/** Hosts the rollout model does not place in a group are summed under this group lane. */
export const NO_GROUP_LANE = '(no group)';

/** Event counts of one lane, one array per density band, one entry per bucket. */
export interface DensityLane {
  key: string;
  label: string;
  total: number;
  counts: Record<DensityBand, number[]>;
}

/**
 * Answer to a density query: `bucketCount` buckets of `bucketMs` starting at `fromMs`. `laneCount` is how
 * many lanes the answer would hold without a lane window (so a viewer asking for a few lanes can size its
 * scroll box); without a window it equals `lanes.length`.
 */
export interface DensityResult {
  fromMs: number;
  bucketMs: number;
  bucketCount: number;
  laneCount: number;
  lanes: DensityLane[];
}
