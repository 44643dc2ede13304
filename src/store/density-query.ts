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
import { lodIndexOf } from './lod-index';
import { addLaneBuckets, rankOf, type LodLevel } from './lod-levels';

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
  const finest = LOD_LEVEL_EXPS[0];
  // NOTE: a level at most 1/16 of the bucket keeps rounding the bucket up to whole cells under about 6%.
  let exp: number | undefined = askedMs < 2 ** finest ? undefined : ([...LOD_LEVEL_EXPS].reverse().find((e) => 2 ** e * 16 <= askedMs) ?? finest);
  if (exp === undefined) {
    const sizeMs = 2 ** finest;
    if (eventsIn(lod.level('source', finest), Math.floor(fromMs / sizeMs), Math.ceil(toMs / sizeMs)) <= RAW_ROWS_MAX) return queryDensityRaw(incident, fromMs, askedMs, bucketCount, laneBy);
    exp = finest;
  }
  const levelMs = 2 ** exp;
  const bucketMs = Math.ceil(askedMs / levelMs) * levelMs;
  const alignedFromMs = Math.floor(fromMs / levelMs) * levelMs;
  const count = Math.max(1, Math.ceil((toMs - alignedFromMs) / bucketMs));
  const lanes = new LaneSet(incident, laneBy, count);
  fillLanes(lanes, lod.level(laneBy, exp), alignedFromMs / levelMs, bucketMs / levelMs, count);
  return { fromMs: alignedFromMs, bucketMs, bucketCount: count, lanes: lanes.ordered() };
}

/** Events of every lane of a level in absolute cells [fromCell, toCell). */
function eventsIn(level: LodLevel, fromCell: number, toCell: number): number {
  let total = 0;
  for (let lane = 0; lane < level.keys.length; lane++) {
    const a = rankOf(level, lane, fromCell - level.baseCell);
    const b = rankOf(level, lane, toCell - level.baseCell);
    for (const cum of level.cumulative) total += cum[b]! - cum[a]!;
  }
  return total;
}

/**
 * Adds each lane's counts in `count` query buckets of `perBucket` cells from absolute cell `firstCell`:
 * two rank lookups per bucket the lane spans, and band sums only where the lane has events.
 * O(lanes × buckets) whatever the zoom or the number of events.
 */
function fillLanes(lanes: LaneSet, level: LodLevel, firstCell: number, perBucket: number, count: number): void {
  const { offsets, cells } = level;
  const relFirst = firstCell - level.baseCell;
  const relEnd = relFirst + count * perBucket;
  for (let lane = 0; lane < level.keys.length; lane++) {
    const a = offsets[lane]!;
    const b = offsets[lane + 1]!;
    if (a === b || cells[b - 1]! < relFirst || cells[a]! >= relEnd) continue;
    const iStart = cells[a]! <= relFirst ? 0 : Math.floor((cells[a]! - relFirst) / perBucket);
    const iEnd = Math.min(count, Math.floor((cells[b - 1]! - relFirst) / perBucket) + 1);
    if (rankOf(level, lane, relFirst + iEnd * perBucket) === rankOf(level, lane, relFirst + iStart * perBucket)) continue;
    const target = lanes.laneFor(level.keys[lane]!);
    target.total += addLaneBuckets(level, lane, relFirst, perBucket, iStart, iEnd, [target.counts.error, target.counts.warn, target.counts.other]);
  }
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

/** A packed array of zeros to copy from: a slice is a block copy, several times cheaper than `fill` when hundreds of lanes are answered. */
const ZEROS: number[] = Array.from({ length: 4096 }, () => 0);

/** `n` zeros as a fresh array. */
function zeros(n: number): number[] {
  return n <= ZEROS.length ? ZEROS.slice(0, n) : new Array<number>(n).fill(0);
}

/** Orders host and service lanes as `localeCompare` does, without building a collator per comparison. */
const LANE_ORDER = new Intl.Collator();

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
    if (this.laneBy !== 'source') list.sort((a, b) => LANE_ORDER.compare(a.key, b.key));
    return list;
  }

  private newLane(key: string, label: string): DensityLane {
    const counts = Object.fromEntries(DENSITY_BANDS.map((band) => [band, zeros(this.bucketCount)])) as Record<DensityBand, number[]>;
    return { key, label, total: 0, counts };
  }
}
