/**
 * The LOD of an open incident in memory (lod-levels.ts), per lane kind and level: read from the incident
 * file on first use (a few blob reads, no per-row work) and dropped when the events change. A writable
 * incident whose stored LOD is stale is rebuilt and stored first; a read-only one is computed in memory.
 */
import type { LaneBy } from '../model/timeline';
import type { IncidentDb } from './incident-db';
import { buildLod, computeLodLevels, LOD_LANE_KINDS, LOD_LEVEL_EXPS, lodFingerprint, readStoredLevel, storedLodFingerprint, type LodLevelsByKind } from './lod-build';
import { withDirectories, type LodLevel } from './lod-levels';

/** The LOD of one incident, for the events it held when loaded. */
export interface LodIndex {
  fingerprint: string;
  level(laneBy: LaneBy, exp: number): LodLevel;
}

const cache = new WeakMap<IncidentDb, LodIndex>();

/** The current LOD of an incident, building and storing it first when it is missing or stale and the incident is writable. */
export function lodIndexOf(incident: IncidentDb): LodIndex {
  const fingerprint = lodFingerprint(incident);
  const cached = cache.get(incident);
  if (cached?.fingerprint === fingerprint) return cached;
  const isStored = storedLodFingerprint(incident) === fingerprint || buildLod(incident);
  let computed: LodLevelsByKind | null = null;
  const levels = new Map<string, LodLevel>();
  const index: LodIndex = {
    fingerprint,
    level(laneBy, exp) {
      const key = `${laneBy}:${exp}`;
      let level = levels.get(key);
      if (!level) {
        let data = isStored ? readStoredLevel(incident, laneBy, exp) : null;
        if (data === null) {
          computed ??= computeLodLevels(incident);
          data = computed.get(laneBy)![LOD_LEVEL_EXPS.indexOf(exp as (typeof LOD_LEVEL_EXPS)[number])]!;
        }
        level = withDirectories(data);
        levels.set(key, level);
      }
      return level;
    },
  };
  cache.set(incident, index);
  return index;
}

/**
 * Loads every level of every lane kind now, so no timeline query after opening waits for a read.
 * Call when an incident is opened for viewing; costs about a blob read per level (tens of ms per
 * million events).
 */
export function warmLod(incident: IncidentDb): void {
  const index = lodIndexOf(incident);
  for (const laneBy of LOD_LANE_KINDS) for (const exp of LOD_LEVEL_EXPS) index.level(laneBy, exp);
}
