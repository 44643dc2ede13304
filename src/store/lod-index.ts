/**
 * The LOD of an open incident in memory (lod-levels.ts), per lane kind and level: the stored counts
 * (each level read on first use, a blob read and no per-row work) plus the counts of events appended
 * since (live follow), kept apart as a small tail that is merged in and stored once it grows. A stale
 * LOD that is not an append (a clock correction, a removed source) is rebuilt from every event, and
 * stored when the incident is writable; a read-only incident keeps everything in memory.
 */
import { join } from 'node:path';
import type { LaneBy } from '../model/timeline';
import { runWorkerOnce } from '../threads/start-worker';
import { isRebuildingDerived, isWorthAWorker, type DerivedBuildOptions } from './derived-rebuild';
import { yieldToEventLoop } from './event-loop';
import { eventsChangeSince, type EventsChange } from './events-change';
import type { IncidentDb } from './incident-db';
import {
  computeLodLevels,
  isStoredLodWhole,
  LOD_LANE_KINDS,
  LOD_LEVEL_EXPS,
  lodFingerprint,
  maxEventId,
  readStoredLevel,
  storedLodFingerprint,
  storeLod,
  type LodLevelsByKind,
} from './lod-build';
import { withDirectories, type LodLevel, type LodLevelData } from './lod-levels';
import { mergeLevels } from './lod-merge';
import type { LodWorkerInput, LodWorkerResult } from './lod-worker';

/** The LOD of one incident, for the events it held when last asked. */
export interface LodIndex {
  fingerprint: string;
  /** One level as parts counting disjoint events, to be summed: the built counts, then those of events appended since (when any). */
  parts(laneBy: LaneBy, exp: number): readonly LodLevel[];
}

/**
 * An appended tail is merged into the built counts (and stored) once it holds more than this many
 * events, or more than a quarter of the built ones. A poll costs a merge of the tail's cells (about 5 ms
 * for 50,000 events) and a fold a merge of every cell plus a rewrite of the stored blobs (about 0.1 s at
 * 270,000 events, 0.15 s at a million), so folds stay rare and cost, amortized, a few cells of work per
 * appended event; the cap also bounds what a reopened incident whose stored LOD is behind reads again.
 */
const TAIL_FOLD_EVENTS = 50_000;
const TAIL_FOLD_SHARE = 1 / 4;

/** Counts of the events up to the last rebuild or fold, level by level: in memory, or read from the stored LOD on first use. */
interface BuiltLevels {
  /** The fingerprint of the stored LOD the levels are read from; null when they are all in memory. */
  storedFor: string | null;
  level(laneBy: LaneBy, levelIndex: number): LodLevelData;
}

/** The built counts and the counts of the events appended since (null when none). */
interface LodCounts {
  built: BuiltLevels;
  builtEvents: number;
  tail: LodLevelsByKind | null;
  tailEvents: number;
}

interface LodState extends LodCounts {
  index: LodIndex;
}

const states = new WeakMap<IncidentDb, LodState>();

/** Levels with their rank directories, built once per level (so the built counts keep theirs while a tail grows). */
const readyLevels = new WeakMap<LodLevelData, LodLevel>();

/** The current LOD of an incident: the cached one, that plus the events appended since, or rebuilt (and stored when writable). */
export function lodIndexOf(incident: IncidentDb): LodIndex {
  const fingerprint = lodFingerprint(incident);
  let cached = states.get(incident);
  // NOTE: levels still to be read must come from the stored LOD they were counted against; an import's
  // buildLod may have replaced it since, and then the replacement is read instead.
  if (cached !== undefined && cached.built.storedFor !== null && storedLodFingerprint(incident) !== cached.built.storedFor) cached = undefined;
  if (cached?.index.fingerprint === fingerprint) return cached.index;
  if (cached !== undefined && isRebuildingDerived(incident)) return cached.index;
  const change = cached === undefined ? null : eventsChangeSince(incident, cached.index.fingerprint);
  const next = cached !== undefined && change !== null && change.kind !== 'changed' ? advanced(incident, fingerprint, change, cached) : loaded(incident, fingerprint);
  states.set(incident, next);
  return next.index;
}

/** Events counted per chunk by {@link buildLodInTurns}: about 0.15 s of work each. */
const EVENTS_PER_TURN = 200_000;

/**
 * Brings the stored LOD up to date like buildLod, but counts the events in chunks by id (merged as
 * lod-merge.ts does, which gives exactly a one-scan build), yielding to the event loop between chunks so
 * the service keeps answering. Starts from the stored levels when the events were only appended since.
 * A rebuild from every event of a large incident (after an import) is counted in the LOD worker on its
 * own connection instead, while this thread builds the search index.
 * Writable incidents only; run inside whileRebuildingDerived (callers meanwhile get the counts from before).
 */
export async function buildLodInTurns(incident: IncidentDb, options: DerivedBuildOptions = {}): Promise<void> {
  if (incident.isReadOnly) return;
  const fingerprint = lodFingerprint(incident);
  const storedFor = storedLodFingerprint(incident);
  if (storedFor === fingerprint) return;
  const change = eventsChangeSince(incident, storedFor);
  const isAppend = change.kind === 'appended' && isStoredLodWhole(incident);
  const maxId = maxEventId(incident);
  if (!isAppend && isWorthAWorker(incident, maxId, options)) {
    const { builtFor, levels } = await runWorkerOnce<LodWorkerResult>(
      'lod-worker',
      join(__dirname, 'lod-worker.ts'),
      { incidentPath: incident.path } satisfies LodWorkerInput,
      'count the events for the timeline',
    );
    storeLod(incident, levels, builtFor);
  } else {
    let levels: LodLevelsByKind | null = isAppend ? storedLevelsByKind(incident, storedFor!) : null;
    for (let afterId = isAppend ? change.afterId : 0; afterId < maxId; afterId += EVENTS_PER_TURN) {
      const chunk = computeLodLevels(incident, afterId, Math.min(maxId, afterId + EVENTS_PER_TURN));
      const before = levels;
      levels = before === null ? chunk : mergeEach((laneBy, i) => before.get(laneBy)![i]!, chunk);
      await yieldToEventLoop();
    }
    storeLod(incident, levels ?? computeLodLevels(incident, 0, 0), fingerprint);
  }
  states.delete(incident);
}

/** Every stored level, read now. */
function storedLevelsByKind(incident: IncidentDb, storedFor: string): LodLevelsByKind {
  const stored = storedLevels(incident, storedFor);
  return new Map(LOD_LANE_KINDS.map((laneBy) => [laneBy, LOD_LEVEL_EXPS.map((_, i) => stored.level(laneBy, i))]));
}

/**
 * Loads every level of every lane kind now, so no timeline query after opening waits for a read.
 * Call when an incident is opened for viewing; costs about a blob read per level (tens of ms per
 * million events).
 */
export function warmLod(incident: IncidentDb): void {
  const index = lodIndexOf(incident);
  for (const laneBy of LOD_LANE_KINDS) for (const exp of LOD_LEVEL_EXPS) index.parts(laneBy, exp);
}

/** The stored LOD plus the events appended since it was stored, or a rebuild from every event when it is missing or stale otherwise. */
function loaded(incident: IncidentDb, fingerprint: string): LodState {
  const storedFor = storedLodFingerprint(incident);
  const change = eventsChangeSince(incident, storedFor);
  if (storedFor !== null && change.kind !== 'changed' && isStoredLodWhole(incident)) {
    const built = storedLevels(incident, storedFor);
    return advanced(incident, fingerprint, change, { built, builtEvents: eventsOf(built), tail: null, tailEvents: 0 });
  }
  const levels = computeLodLevels(incident);
  if (!incident.isReadOnly) storeLod(incident, levels, fingerprint);
  const built = levelsInMemory(levels);
  return stateOf(fingerprint, { built, builtEvents: eventsOf(built), tail: null, tailEvents: 0 });
}

/**
 * `from` brought to `fingerprint` when only events were appended since: a scan of the new rows and a
 * merge into the tail, O(new events + tail cells). Folds the tail into the built counts (and stores
 * them when writable) once it is large (TAIL_FOLD_EVENTS).
 */
function advanced(incident: IncidentDb, fingerprint: string, change: Exclude<EventsChange, { kind: 'changed' }>, from: LodCounts): LodState {
  if (change.kind === 'current') return stateOf(fingerprint, from);
  const added = computeLodLevels(incident, change.afterId);
  const tail = from.tail === null ? added : mergeEach((laneBy, i) => from.tail!.get(laneBy)![i]!, added);
  const tailEvents = from.tailEvents + change.count;
  if (tailEvents <= Math.min(TAIL_FOLD_EVENTS, from.builtEvents * TAIL_FOLD_SHARE)) return stateOf(fingerprint, { built: from.built, builtEvents: from.builtEvents, tail, tailEvents });
  const folded = mergeEach(from.built.level, tail);
  if (!incident.isReadOnly) storeLod(incident, folded, fingerprint);
  return stateOf(fingerprint, { built: levelsInMemory(folded), builtEvents: from.builtEvents + tailEvents, tail: null, tailEvents: 0 });
}

/** Every level of `older` with the same level of `newer` merged in. */
function mergeEach(older: (laneBy: LaneBy, levelIndex: number) => LodLevelData, newer: LodLevelsByKind): LodLevelsByKind {
  return new Map(LOD_LANE_KINDS.map((laneBy) => [laneBy, newer.get(laneBy)!.map((level, i) => mergeLevels(older(laneBy, i), level))]));
}

function storedLevels(incident: IncidentDb, storedFor: string): BuiltLevels {
  const read = new Map<string, LodLevelData>();
  return {
    storedFor,
    level(laneBy, levelIndex) {
      const key = `${laneBy}:${levelIndex}`;
      const data = read.get(key) ?? readStoredLevel(incident, laneBy, LOD_LEVEL_EXPS[levelIndex]!);
      if (data === null) throw new Error(`The stored timeline counts lost level ${key} while the incident was open.`);
      read.set(key, data);
      return data;
    },
  };
}

function levelsInMemory(levels: LodLevelsByKind): BuiltLevels {
  return { storedFor: null, level: (laneBy, levelIndex) => levels.get(laneBy)![levelIndex]! };
}

/** Events counted in the built levels (from the coarsest source level, the one with the fewest cells). */
function eventsOf(built: BuiltLevels): number {
  const coarsest = built.level('source', LOD_LEVEL_EXPS.length - 1);
  return coarsest.cumulative.reduce((n, band) => n + band[band.length - 1]!, 0);
}

function stateOf(fingerprint: string, counts: LodCounts): LodState {
  const { built, tail } = counts;
  const ready = (data: LodLevelData): LodLevel => {
    let level = readyLevels.get(data);
    if (!level) {
      level = withDirectories(data);
      readyLevels.set(data, level);
    }
    return level;
  };
  const index: LodIndex = {
    fingerprint,
    parts(laneBy, exp) {
      const i = LOD_LEVEL_EXPS.indexOf(exp as (typeof LOD_LEVEL_EXPS)[number]);
      const own = ready(built.level(laneBy, i));
      return tail === null ? [own] : [own, ready(tail.get(laneBy)![i]!)];
    },
  };
  return { built, builtEvents: counts.builtEvents, tail, tailEvents: counts.tailEvents, index };
}
