/**
 * The LOD table in memory, as sparse prefix sums: per lane and level, the non-empty bucket numbers and
 * the running count per density band up to each. The count over any run of whole buckets is then two
 * lookups, so a density query costs O(lanes × bucketCount) whatever the zoom. Loaded per level on first
 * use and dropped when the events change.
 */
import type { LaneBy } from '../model/timeline';
import type { IncidentDb } from './incident-db';
import { buildLod, lodFingerprint, storedLodFingerprint } from './lod-build';

/** One lane at one level: sorted bucket numbers and inclusive running counts per band (error, warn, other). */
export interface LodLane {
  buckets: Float64Array;
  cumulative: [Float64Array, Float64Array, Float64Array];
}

/** Every lane of one lane kind at one level. */
export type LodLevel = Map<string, LodLane>;

/** The LOD of one incident, for the events it held when loaded. */
export interface LodIndex {
  fingerprint: string;
  level(laneBy: LaneBy, exp: number): LodLevel;
}

const cache = new WeakMap<IncidentDb, LodIndex>();

/**
 * The current LOD of an incident, building the table first when it is missing or stale (writable
 * incidents only); null when it cannot be used (a read-only incident whose table is stale).
 */
export function lodIndexOf(incident: IncidentDb): LodIndex | null {
  const fingerprint = lodFingerprint(incident);
  const cached = cache.get(incident);
  if (cached?.fingerprint === fingerprint) return cached;
  if (storedLodFingerprint(incident) !== fingerprint && !buildLod(incident)) return null;
  const levels = new Map<string, LodLevel>();
  const index: LodIndex = {
    fingerprint,
    level(laneBy, exp) {
      const key = `${laneBy}:${exp}`;
      let level = levels.get(key);
      if (!level) {
        level = loadLevel(incident, laneBy, exp);
        levels.set(key, level);
      }
      return level;
    },
  };
  cache.set(incident, index);
  return index;
}

function loadLevel(incident: IncidentDb, laneBy: LaneBy, exp: number): LodLevel {
  const rows = incident.db
    .prepare('SELECT lane, bucket, error_count, warn_count, other_count FROM lod_buckets WHERE lane_by = ? AND level_exp = ? ORDER BY lane, bucket')
    .raw()
    .all(laneBy, exp) as [string, number, number, number, number][];
  const level: LodLevel = new Map();
  let start = 0;
  while (start < rows.length) {
    const lane = rows[start]![0];
    let end = start;
    while (end < rows.length && rows[end]![0] === lane) end++;
    const n = end - start;
    const buckets = new Float64Array(n);
    const cumulative: LodLane['cumulative'] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    let error = 0;
    let warn = 0;
    let other = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[start + i]!;
      buckets[i] = row[1];
      cumulative[0][i] = error += row[2];
      cumulative[1][i] = warn += row[3];
      cumulative[2][i] = other += row[4];
    }
    level.set(lane, { buckets, cumulative });
    start = end;
  }
  return level;
}

/** Index of the first bucket number ≥ `bucket` in a lane (binary search). */
export function lowerBound(buckets: Float64Array, bucket: number): number {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buckets[mid]! < bucket) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Events of a lane in buckets [fromBucket, toBucket), all bands together. */
export function laneTotal(lane: LodLane, fromBucket: number, toBucket: number): number {
  const a = lowerBound(lane.buckets, fromBucket);
  const b = lowerBound(lane.buckets, toBucket);
  let total = 0;
  for (const cum of lane.cumulative) total += (b > 0 ? cum[b - 1]! : 0) - (a > 0 ? cum[a - 1]! : 0);
  return total;
}
