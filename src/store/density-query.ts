/**
 * Event counts per lane, density band and time bucket: what the timeline draws. Answered from the
 * level-of-detail table (lod-index.ts) for any span, and from raw rows only for tiny, sparse spans.
 */
import { DENSITY_BANDS, densityBandOf, type DensityBand, type Level } from '../model/event';
import type { DensityLane, DensityResult, LaneBy } from '../model/timeline';
import { isEmptyFilter, type EventFilter } from '../model/filter';
import { filterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';
import { LOD_LANE_SQL, LOD_LEVEL_EXPS } from './lod-build';
import { laneTotal, lodIndexOf, lowerBound, type LodLane } from './lod-index';

/** A span holding at most this many events (by the LOD's count) may be answered from raw rows at finer buckets. */
export const RAW_ROWS_MAX = 2000;

/**
 * Counts events in about `bucketCount` equal buckets covering [fromMs, toMs). The answer says where its
 * buckets are: from the LOD, `bucketMs` is a whole number of the finest stored level not finer than
 * asked (≥ 256 ms) and `fromMs` is aligned down to it, so there may be a bucket more, or up to about
 * 6% fewer, than asked; from raw rows (tiny spans), buckets start at `fromMs` and are whole milliseconds.
 * Counts are exact for the buckets returned. Source lanes include every source, even empty ones.
 */
export function queryDensity(incident: IncidentDb, fromMs: number, toMs: number, bucketCount: number, laneBy: LaneBy, filter?: EventFilter): DensityResult {
  const askedMs = Math.max(1, Math.ceil((toMs - fromMs) / bucketCount));
  // NOTE: the LOD holds counts of every event, so a filtered query reads raw rows (through the covering
  // index search-index.ts builds): it costs a scan of the events in the span, not O(lanes × buckets).
  if (filter !== undefined && !isEmptyFilter(filter)) return queryDensityRaw(incident, fromMs, askedMs, bucketCount, laneBy, filter);
  const lod = lodIndexOf(incident);
  if (lod === null) return queryDensityRaw(incident, fromMs, askedMs, bucketCount, laneBy);
  const finest = LOD_LEVEL_EXPS[0];
  // NOTE: a level at most 1/16 of the bucket keeps rounding the bucket up to whole cells under about 6%.
  let exp: number | undefined = askedMs < 2 ** finest ? undefined : ([...LOD_LEVEL_EXPS].reverse().find((e) => 2 ** e * 16 <= askedMs) ?? finest);
  if (exp === undefined) {
    const sizeMs = 2 ** finest;
    let rows = 0;
    for (const lane of lod.level('source', finest).values()) rows += laneTotal(lane, Math.floor(fromMs / sizeMs), Math.ceil(toMs / sizeMs));
    if (rows <= RAW_ROWS_MAX) return queryDensityRaw(incident, fromMs, askedMs, bucketCount, laneBy);
    exp = finest;
  }
  const levelMs = 2 ** exp;
  const bucketMs = Math.ceil(askedMs / levelMs) * levelMs;
  const alignedFromMs = Math.floor(fromMs / levelMs) * levelMs;
  const count = Math.max(1, Math.ceil((toMs - alignedFromMs) / bucketMs));
  const perBucket = bucketMs / levelMs;
  const firstBucket = alignedFromMs / levelMs;
  const lanes = new LaneSet(incident, laneBy, count);
  for (const [key, lane] of lod.level(laneBy, exp)) {
    if (laneTotal(lane, firstBucket, firstBucket + count * perBucket) === 0) continue;
    fillLane(lanes.laneFor(key), lane, firstBucket, perBucket, count);
  }
  return { fromMs: alignedFromMs, bucketMs, bucketCount: count, lanes: lanes.ordered() };
}

/**
 * Adds a lane's counts per bucket: walks the stored cells in range when there are fewer of them than
 * query buckets (sparse lanes, e.g. one host of hundreds), else the query buckets' boundaries.
 */
function fillLane(target: DensityLane, lane: LodLane, firstBucket: number, perBucket: number, count: number): void {
  const { buckets, cumulative } = lane;
  const first = lowerBound(buckets, firstBucket);
  const end = gallopTo(buckets, first, firstBucket + count * perBucket);
  if (end - first < count) {
    fillLaneByCells(target, lane, first, end, firstBucket, perBucket);
    return;
  }
  let at = first;
  const before = (band: number): number => (at > 0 ? cumulative[band]![at - 1]! : 0);
  const previous = [before(0), before(1), before(2)];
  for (let i = 0; i < count; i++) {
    const boundary = firstBucket + (i + 1) * perBucket;
    at = gallopTo(buckets, at, boundary);
    for (let band = 0; band < DENSITY_BANDS.length; band++) {
      const upTo = before(band);
      const n = upTo - previous[band]!;
      if (n !== 0) {
        target.counts[DENSITY_BANDS[band]!][i] = n;
        target.total += n;
      }
      previous[band] = upTo;
    }
  }
}

/** Adds the stored cells [first, end) of a lane to the query buckets they fall in: O(cells), not O(buckets). */
function fillLaneByCells(target: DensityLane, lane: LodLane, first: number, end: number, firstBucket: number, perBucket: number): void {
  const { buckets, cumulative } = lane;
  for (let j = first; j < end; j++) {
    const i = Math.floor((buckets[j]! - firstBucket) / perBucket);
    for (let band = 0; band < DENSITY_BANDS.length; band++) {
      const cum = cumulative[band]!;
      const n = cum[j]! - (j > 0 ? cum[j - 1]! : 0);
      if (n === 0) continue;
      target.counts[DENSITY_BANDS[band]!][i]! += n;
      target.total += n;
    }
  }
}

/**
 * The first index ≥ `from` whose bucket number is ≥ `bucket`: an exponential then binary search, so a
 * step costs O(log gap) whether a query bucket spans one stored cell or thousands.
 */
function gallopTo(buckets: Float64Array, from: number, bucket: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < buckets.length && buckets[hi]! < bucket) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  hi = Math.min(hi, buckets.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buckets[mid]! < bucket) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts from raw rows in `bucketCount` buckets of `bucketMs` from `fromMs` (exact; for tiny spans, filters and tests). */
export function queryDensityRaw(incident: IncidentDb, fromMs: number, bucketMs: number, bucketCount: number, laneBy: LaneBy, filter?: EventFilter): DensityResult {
  const toMs = fromMs + bucketMs * bucketCount;
  const { where, params } = filter === undefined || isEmptyFilter(filter) ? { where: 'TRUE', params: {} } : filterSql(incident, filter);
  // NOTE: JS numbers bind as REAL; the CAST keeps bucket numbers integral so GROUP BY forms real buckets.
  const rows = incident.db
    .prepare(
      `SELECT ${LOD_LANE_SQL[laneBy]} AS lane, CAST((ts_ms - @fromMs) / @bucketMs AS INTEGER) AS bucket, level, COUNT(*) AS n
         FROM events WHERE ts_ms >= @fromMs AND ts_ms < @toMs AND ${where}
        GROUP BY lane, bucket, level`,
    )
    .raw()
    .all({ ...params, fromMs, toMs, bucketMs }) as [string, number, Level, number][];
  const lanes = new LaneSet(incident, laneBy, bucketCount);
  for (const [key, bucket, level, n] of rows) {
    if (bucket < 0 || bucket >= bucketCount) continue;
    const lane = lanes.laneFor(key);
    lane.counts[densityBandOf(level)][bucket]! += n;
    lane.total += n;
  }
  return { fromMs, bucketMs, bucketCount, lanes: lanes.ordered() };
}

/** The lanes of one answer: every source for source lanes, else lanes as they are met, sorted by key. */
class LaneSet {
  private readonly lanes = new Map<string, DensityLane>();

  constructor(
    incident: IncidentDb,
    private readonly laneBy: LaneBy,
    private readonly bucketCount: number,
  ) {
    if (laneBy !== 'source') return;
    const sources = incident.db.prepare('SELECT id, name FROM sources ORDER BY id').all() as { id: number; name: string }[];
    for (const s of sources) this.lanes.set(String(s.id), this.newLane(String(s.id), s.name));
  }

  laneFor(key: string): DensityLane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = this.newLane(key, key === '' ? `(no ${this.laneBy})` : key);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  ordered(): DensityLane[] {
    const list = [...this.lanes.values()];
    if (this.laneBy !== 'source') list.sort((a, b) => a.key.localeCompare(b.key));
    return list;
  }

  private newLane(key: string, label: string): DensityLane {
    const counts = Object.fromEntries(DENSITY_BANDS.map((band) => [band, new Array<number>(this.bucketCount).fill(0)])) as Record<DensityBand, number[]>;
    return { key, label, total: 0, counts };
  }
}
