/**
 * Event counts per lane, density band and time bucket: what the timeline draws. Answered from the
 * level-of-detail table (lod-index.ts) for any span, and from raw rows only for tiny, sparse spans.
 * Lanes by group sum host lanes by the rollout model's groups; a lane window (`laneKeys`) answers only
 * the lanes asked for, at a cost proportional to them (plus one cheap check per lane for `laneCount`).
 */
import { DENSITY_BANDS, densityBandOf, type DensityBand, type Level } from '../model/event';
import { NO_GROUP_LANE, type DensityLane, type DensityLaneBy, type DensityResult, type LaneBy } from '../model/timeline';
import { isEmptyFilter, type EventFilter } from '../model/filter';
import { clockGroups, groupWhere } from './clock-groups';
import type { IncidentDb } from './incident-db';
import { LOD_LANE_SQL, LOD_LEVEL_EXPS } from './lod-build';
import { lodIndexOf } from './lod-index';
import { addLaneBuckets, mergeLanes, rankOf, withDirectories, type LodLevel } from './lod-levels';
import { fleetModelOf } from './replay-cache';
import { cachedStatement } from './statement-cache';

/** A span holding at most this many events (by the LOD's count) may be answered from raw rows at finer buckets. */
export const RAW_ROWS_MAX = 2000;

/**
 * Counts events in about `bucketCount` equal buckets covering [fromMs, toMs). The answer says where its
 * buckets are: from the LOD, `bucketMs` is a whole number of the finest stored level not finer than
 * asked (≥ 256 ms) and `fromMs` is aligned down to it, so there may be a bucket more, or up to about
 * 6% fewer, than asked; from raw rows (tiny spans), buckets start at `fromMs` and are whole milliseconds.
 * Counts are exact for the buckets returned. Source lanes include every source, even empty ones; other
 * lanes only those with events in the span. With `laneKeys`, the answer holds exactly the lanes asked
 * for (empty ones included, in the usual lane order) and `laneCount` still counts every lane.
 */
export function queryDensity(
  incident: IncidentDb,
  fromMs: number,
  toMs: number,
  bucketCount: number,
  laneBy: DensityLaneBy,
  filter?: EventFilter,
  laneKeys?: readonly string[],
): DensityResult {
  const askedMs = Math.max(1, Math.ceil((toMs - fromMs) / bucketCount));
  // NOTE: the LOD holds counts of every event, so a filtered query reads raw rows (through the covering
  // index search-index.ts builds): it costs a scan of the events in the span, not O(lanes × buckets).
  if (filter !== undefined && !isEmptyFilter(filter)) return queryDensityRaw(incident, fromMs, askedMs, bucketCount, laneBy, filter, laneKeys);
  const lod = lodIndexOf(incident);
  const finest = LOD_LEVEL_EXPS[0];
  // NOTE: a level at most 1/16 of the bucket keeps rounding the bucket up to whole cells under about 6%.
  let exp: number | undefined = askedMs < 2 ** finest ? undefined : ([...LOD_LEVEL_EXPS].reverse().find((e) => 2 ** e * 16 <= askedMs) ?? finest);
  if (exp === undefined) {
    const sizeMs = 2 ** finest;
    const inSpan = lod.parts('source', finest).reduce((n, part) => n + eventsIn(part, Math.floor(fromMs / sizeMs), Math.ceil(toMs / sizeMs)), 0);
    if (inSpan <= RAW_ROWS_MAX) {
      return queryDensityRaw(incident, fromMs, askedMs, bucketCount, laneBy, undefined, laneKeys);
    }
    exp = finest;
  }
  const levelMs = 2 ** exp;
  const bucketMs = Math.ceil(askedMs / levelMs) * levelMs;
  const alignedFromMs = Math.floor(fromMs / levelMs) * levelMs;
  const count = Math.max(1, Math.ceil((toMs - alignedFromMs) / bucketMs));
  // NOTE: group lanes read a level merged from the host level once per grouping, so they cost O(groups × buckets).
  const groupOf = laneBy === 'group' ? hostGroupsOf(incident) : null;
  const parts = lod.parts(storedKindOf(laneBy), exp).map((part) => (groupOf === null ? part : groupLevelOf(part, groupOf)));
  const lanes = new LaneSet(incident, laneBy, count, laneKeys, null);
  const laneCount = fillLanes(lanes, parts, alignedFromMs / levelMs, bucketMs / levelMs, count);
  const ordered = lanes.ordered();
  return { fromMs: alignedFromMs, bucketMs, bucketCount: count, laneCount: laneKeys === undefined ? ordered.length : laneCount, lanes: ordered };
}

/** The stored lane kind a query reads: group lanes are summed from host lanes. */
function storedKindOf(laneBy: DensityLaneBy): LaneBy {
  return laneBy === 'group' ? 'host' : laneBy;
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

/** Per stored level, lane key → lane index (built once, so a lane window costs no scan of the keys). */
const laneIndexes = new WeakMap<LodLevel, Map<string, number>>();

function laneIndexOf(level: LodLevel): Map<string, number> {
  let index = laneIndexes.get(level);
  if (!index) {
    index = new Map(level.keys.map((key, lane) => [key, lane]));
    laneIndexes.set(level, index);
  }
  return index;
}

/**
 * Adds each lane's counts in `count` query buckets of `perBucket` cells from absolute cell `firstCell`,
 * from every part of the level (the built counts, then an appended tail): two rank lookups per bucket
 * the lane spans, and band sums only where the lane has events. Walks only the asked lanes when the set
 * has a host or service window. Returns how many answer lanes have events in the span (sources: all of
 * them). O(asked lanes × buckets) whatever the zoom or the number of events.
 */
function fillLanes(lanes: LaneSet, parts: readonly LodLevel[], firstCell: number, perBucket: number, count: number): number {
  const window = lanes.directWindow();
  // NOTE: a lane may have events in several parts, so lanes in the span are counted by key.
  const keysInSpan = new Set<string>();
  for (const level of parts) {
    const { offsets, cells } = level;
    const relFirst = firstCell - level.baseCell;
    const relEnd = relFirst + count * perBucket;
    const isInSpan = (lane: number): boolean => {
      const a = offsets[lane]!;
      const b = offsets[lane + 1]!;
      return a !== b && cells[b - 1]! >= relFirst && cells[a]! < relEnd && rankOf(level, lane, relEnd) !== rankOf(level, lane, relFirst);
    };
    const addLane = (lane: number, target: DensityLane): void => {
      const a = offsets[lane]!;
      const b = offsets[lane + 1]!;
      const iStart = cells[a]! <= relFirst ? 0 : Math.floor((cells[a]! - relFirst) / perBucket);
      const iEnd = Math.min(count, Math.floor((cells[b - 1]! - relFirst) / perBucket) + 1);
      target.total += addLaneBuckets(level, lane, relFirst, perBucket, iStart, iEnd, [target.counts.error, target.counts.warn, target.counts.other]);
    };
    if (window !== null) {
      const index = laneIndexOf(level);
      for (const key of window) {
        const lane = index.get(key);
        if (lane !== undefined && isInSpan(lane)) addLane(lane, lanes.laneFor(key)!);
      }
      if (!lanes.isSourceSet()) for (let lane = 0; lane < level.keys.length; lane++) if (isInSpan(lane)) keysInSpan.add(level.keys[lane]!);
      continue;
    }
    for (let lane = 0; lane < level.keys.length; lane++) {
      if (!isInSpan(lane)) continue;
      const key = lanes.answerKeyOf(level.keys[lane]!);
      keysInSpan.add(key);
      const target = lanes.laneFor(key);
      if (target !== undefined) addLane(lane, target);
    }
  }
  return lanes.isSourceSet() ? lanes.sourceCount : keysInSpan.size;
}

/** Counts from raw rows in `bucketCount` buckets of `bucketMs` from `fromMs` (exact; for tiny spans, filters and tests). */
export function queryDensityRaw(
  incident: IncidentDb,
  fromMs: number,
  bucketMs: number,
  bucketCount: number,
  laneBy: DensityLaneBy,
  filter?: EventFilter,
  laneKeys?: readonly string[],
): DensityResult {
  const toMs = fromMs + bucketMs * bucketCount;
  const rows: [string, number, Level, number][] = [];
  // Once per clock correction: the window shifted into the group's stored times, buckets of corrected times.
  for (const group of clockGroups(incident)) {
    const { where, params } = groupWhere(incident, filter, group);
    // NOTE: JS numbers bind as REAL; the CAST keeps bucket numbers integral so GROUP BY forms real buckets.
    const groupRows = cachedStatement(
      incident.db,
      `SELECT ${LOD_LANE_SQL[storedKindOf(laneBy)]} AS lane, CAST((ts_ms - @fromMs) / @bucketMs AS INTEGER) AS bucket, level, COUNT(*) AS n
         FROM events WHERE ts_ms >= @fromMs AND ts_ms < @toMs AND ${where}
        GROUP BY lane, bucket, level`,
    )
      .raw()
      .all({ ...params, fromMs: fromMs - group.offsetMs, toMs: toMs - group.offsetMs, bucketMs }) as [string, number, Level, number][];
    rows.push(...groupRows);
  }
  const lanes = new LaneSet(incident, laneBy, bucketCount, laneKeys, laneBy === 'group' ? hostGroupsOf(incident) : null);
  const seen = new Set<string>();
  for (const [stored, bucket, level, n] of rows) {
    if (bucket < 0 || bucket >= bucketCount) continue;
    const key = lanes.answerKeyOf(stored);
    seen.add(key);
    const lane = lanes.laneFor(key);
    if (lane === undefined) continue;
    lane.counts[densityBandOf(level)][bucket]! += n;
    lane.total += n;
  }
  const ordered = lanes.ordered();
  return { fromMs, bucketMs, bucketCount, laneCount: laneKeys === undefined ? ordered.length : lanes.isSourceSet() ? lanes.sourceCount : seen.size, lanes: ordered };
}

/** A packed array of zeros to copy from: a slice is a block copy, several times cheaper than `fill` when hundreds of lanes are answered. */
const ZEROS: number[] = Array.from({ length: 4096 }, () => 0);

/** `n` zeros as a fresh array. */
function zeros(n: number): number[] {
  return n <= ZEROS.length ? ZEROS.slice(0, n) : new Array<number>(n).fill(0);
}

/** Orders host and service lanes as `localeCompare` does, without building a collator per comparison. */
const LANE_ORDER = new Intl.Collator();

/** Group levels merged from a host level, kept while the host groups (the same map object) stay the same. */
const groupLevels = new WeakMap<LodLevel, { groupOf: Map<string, string>; level: LodLevel }>();

function groupLevelOf(hostLevel: LodLevel, groupOf: Map<string, string>): LodLevel {
  const cached = groupLevels.get(hostLevel);
  // NOTE: the rollout model (and so the map) is rebuilt when events are appended; a merge of the built
  // counts stays right while their hosts keep their groups, which costs a look-up per host to check.
  if (cached !== undefined && (cached.groupOf === groupOf || hostLevel.keys.every((host) => cached.groupOf.get(host) === groupOf.get(host)))) {
    cached.groupOf = groupOf;
    return cached.level;
  }
  const level = withDirectories(mergeLanes(hostLevel, (host) => groupOf.get(host) ?? NO_GROUP_LANE));
  groupLevels.set(hostLevel, { groupOf, level });
  return level;
}

/** Each host's group in the rollout model, rebuilt when the model or its grouping rules change. */
const groupMaps = new WeakMap<object, { rulesKey: string; groupOf: Map<string, string> }>();

function hostGroupsOf(incident: IncidentDb): Map<string, string> {
  const model = fleetModelOf(incident);
  // NOTE: grouping rules are applied to the cached model in place, so the map is keyed by the rules too.
  const rulesKey = (incident.db.prepare("SELECT group_concat(id || ':' || group_name || ':' || pattern, char(10)) FROM grouping_rules").pluck().get() as string | null) ?? '';
  const cached = groupMaps.get(model);
  if (cached?.rulesKey === rulesKey) return cached.groupOf;
  const groupOf = new Map(model.hosts().map((h) => [h.host, h.group]));
  groupMaps.set(model, { rulesKey, groupOf });
  return groupOf;
}

/**
 * The lanes of one answer: every source for source lanes, else lanes as they are met, sorted by key
 * (groups by name, hosts without a group last). With a window, only the asked lanes, all of them.
 */
class LaneSet {
  private readonly lanes = new Map<string, DensityLane>();
  private readonly asked: ReadonlySet<string> | null;
  /** Sources in the incident (source lanes only). */
  readonly sourceCount: number = 0;

  constructor(
    incident: IncidentDb,
    private readonly laneBy: DensityLaneBy,
    private readonly bucketCount: number,
    laneKeys: readonly string[] | undefined,
    /** For group lanes read from host rows: each host's group; null when stored keys are the answer's keys. */
    private readonly groupOf: Map<string, string> | null,
  ) {
    this.asked = laneKeys === undefined ? null : new Set(laneKeys);
    if (laneBy === 'source') {
      const sources = incident.db.prepare('SELECT id, name FROM sources ORDER BY id').all() as { id: number; name: string }[];
      this.sourceCount = sources.length;
      for (const s of sources) if (this.asked === null || this.asked.has(String(s.id))) this.lanes.set(String(s.id), this.newLane(String(s.id), s.name));
      return;
    }
    for (const key of this.asked ?? []) this.laneFor(key);
  }

  /** The asked keys when they name stored lanes one to one (every window but group lanes read from host rows), else null. */
  directWindow(): ReadonlySet<string> | null {
    return this.groupOf === null ? this.asked : null;
  }

  isSourceSet(): boolean {
    return this.laneBy === 'source';
  }

  /** The answer lane a stored lane's counts go to (its group for group lanes). */
  answerKeyOf(storedKey: string): string {
    return this.groupOf === null ? storedKey : (this.groupOf.get(storedKey) ?? NO_GROUP_LANE);
  }

  /** The answer lane for `key`, created on first use; undefined when a window leaves it out. */
  laneFor(key: string): DensityLane | undefined {
    let lane = this.lanes.get(key);
    if (!lane) {
      if (this.asked !== null && !this.asked.has(key)) return undefined;
      if (this.laneBy === 'source') return undefined;
      lane = this.newLane(key, key === '' ? `(no ${this.laneBy})` : key);
      this.lanes.set(key, lane);
    }
    return lane;
  }

  ordered(): DensityLane[] {
    const list = [...this.lanes.values()];
    if (this.laneBy === 'group') list.sort((a, b) => (a.key === NO_GROUP_LANE ? 1 : b.key === NO_GROUP_LANE ? -1 : LANE_ORDER.compare(a.key, b.key)));
    else if (this.laneBy !== 'source') list.sort((a, b) => LANE_ORDER.compare(a.key, b.key));
    return list;
  }

  private newLane(key: string, label: string): DensityLane {
    const counts = Object.fromEntries(DENSITY_BANDS.map((band) => [band, zeros(this.bucketCount)])) as Record<DensityBand, number[]>;
    return { key, label, total: 0, counts };
  }
}
