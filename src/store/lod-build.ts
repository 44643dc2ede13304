/**
 * Builds the timeline's level-of-detail counts (lod-levels.ts) for lanes by source, host and service at
 * bucket widths of 2^8 ms (256 ms), 2^12 (about 4 s), 2^16 (about 65 s) and 2^20 ms (about 17 min), from
 * one scan of the events, and stores them in `lod_levels` as one row of flat arrays per lane kind and
 * level. Built at the end of an import (about 0.5 s per million events here), so opening never scans;
 * events appended later (live follow) are counted from their own rows and merged in (lod-index.ts).
 */
import type { LaneBy } from '../model/timeline';
import { scanEvents } from './event-scan';
import type { IncidentDb } from './incident-db';
import { FinestLevelBuilder } from './lod-finest';
import { coarsenLevel, type LodLevelData } from './lod-levels';
import { cachedStatement } from './statement-cache';
import { decodeStored, expectStored } from './stored-decode';

/** Bucket widths stored, as powers of two of a millisecond, finest first. */
export const LOD_LEVEL_EXPS = [8, 12, 16, 20] as const;

/** Lane kinds stored. */
export const LOD_LANE_KINDS: readonly LaneBy[] = ['source', 'host', 'service'];

/** SQL for a lane's key; NULL hosts and services become the empty string. */
export const LOD_LANE_SQL: Record<LaneBy, string> = {
  source: 'CAST(source_id AS TEXT)',
  host: "COALESCE(host, '')",
  service: "COALESCE(service, '')",
};

const DERIVED_NAME = 'lod';

/** Every level of every lane kind: `levels.get(laneBy)[i]` is level LOD_LEVEL_EXPS[i]. */
export type LodLevelsByKind = Map<LaneBy, LodLevelData[]>;

/** The highest event id (0 with no events); ids only grow, so ids above an earlier one are the events appended since. */
export function maxEventId(incident: IncidentDb): number {
  return cachedStatement(incident.db, 'SELECT COALESCE(MAX(id), 0) FROM events').pluck().get() as number;
}

/** Identifies the events an incident holds (events are append-only, so highest id and count suffice); keys the LOD and replay caches. */
export function lodFingerprint(incident: IncidentDb): string {
  const maxId = maxEventId(incident);
  const { total, offsets } = cachedStatement(
    incident.db,
    "SELECT COALESCE(SUM(event_count), 0) AS total, COALESCE(GROUP_CONCAT(CASE WHEN clock_offset_ms != 0 THEN id || '+' || clock_offset_ms END), '') AS offsets FROM sources",
  ).get() as { total: number; offsets: string };
  // NOTE: sources with a clock correction (source-progress.ts) change where events fall, so they are part of the fingerprint.
  return offsets === '' ? `${maxId}:${total}` : `${maxId}:${total}:${offsets}`;
}

/** The fingerprint the stored LOD was built for, or null when it was never built. */
export function storedLodFingerprint(incident: IncidentDb): string | null {
  const row = cachedStatement(incident.db, 'SELECT built_for FROM derived_state WHERE name = ?').get(DERIVED_NAME) as { built_for: string } | undefined;
  return row?.built_for ?? null;
}

/**
 * (Re)builds and stores the LOD from every event, in one transaction; a no-op when it is already current.
 * Call once at the end of an import. Returns false on a read-only incident (nothing is written then).
 */
export function buildLod(incident: IncidentDb): boolean {
  if (incident.isReadOnly) return false;
  const fingerprint = lodFingerprint(incident);
  if (storedLodFingerprint(incident) !== fingerprint) storeLod(incident, computeLodLevels(incident), fingerprint);
  return true;
}

/** Replaces the stored LOD with `levels`, built for `fingerprint`, in one transaction. Writable incidents only. */
export function storeLod(incident: IncidentDb, levels: LodLevelsByKind, fingerprint: string): void {
  const { db } = incident;
  const insert = db.prepare('INSERT INTO lod_levels (lane_by, level_exp, base_cell, lane_keys, offsets, cells, cumulative) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.exec('DELETE FROM lod_levels');
    for (const [laneBy, byExp] of levels) {
      for (const level of byExp) {
        const cumulative = Buffer.concat(level.cumulative.map(bytesOf));
        insert.run(laneBy, level.levelExp, level.baseCell, JSON.stringify(level.keys), bytesOf(level.offsets), bytesOf(level.cells), cumulative);
      }
    }
    db.prepare("INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, '{}')").run(DERIVED_NAME, fingerprint);
  })();
}

/** Whether every level of every lane kind is stored (it is, unless the file was damaged). */
export function isStoredLodWhole(incident: IncidentDb): boolean {
  return (incident.db.prepare('SELECT COUNT(*) FROM lod_levels').pluck().get() as number) === LOD_LANE_KINDS.length * LOD_LEVEL_EXPS.length;
}

/** Reads one stored level, or null when it is missing; the arrays are copied into aligned memory. */
export function readStoredLevel(incident: IncidentDb, laneBy: LaneBy, levelExp: number): LodLevelData | null {
  const row = incident.db
    .prepare('SELECT base_cell, lane_keys, offsets, cells, cumulative FROM lod_levels WHERE lane_by = ? AND level_exp = ?')
    .get(laneBy, levelExp) as { base_cell: number; lane_keys: string; offsets: Buffer; cells: Buffer; cumulative: Buffer } | undefined;
  if (row === undefined) return null;
  return decodeStored('timeline counts', () => {
    const keys: unknown = JSON.parse(row.lane_keys);
    expectStored(Array.isArray(keys) && keys.every((key) => typeof key === 'string'));
    const offsets = new Uint32Array(alignedCopy(row.offsets));
    const cells = new Int32Array(alignedCopy(row.cells));
    const cumulative = alignedCopy(row.cumulative);
    const bandLength = cells.length + 1;
    expectStored(offsets.length === (keys as string[]).length + 1 && offsets[offsets.length - 1] === cells.length && cumulative.byteLength === 3 * 4 * bandLength);
    return {
      levelExp,
      baseCell: row.base_cell,
      keys: keys as string[],
      offsets,
      cells,
      cumulative: [0, 1, 2].map((band) => new Uint32Array(cumulative, band * bandLength * 4, bandLength)) as LodLevelData['cumulative'],
    };
  });
}

/**
 * Computes every level of every lane kind from one scan of the events with ids above `afterId` and up to
 * `throughId` (all of them by default; a rowid range, so an appended tail costs only its own rows), read
 * by event-scan.ts and counted into each lane's cells as they come (lod-finest.ts). Nothing is written,
 * so this also serves read-only incidents whose stored LOD is stale.
 */
export function computeLodLevels(incident: IncidentDb, afterId = 0, throughId = Number.MAX_SAFE_INTEGER): LodLevelsByKind {
  const { db } = incident;
  const offsetBySource = new Map((db.prepare('SELECT id, clock_offset_ms FROM sources WHERE clock_offset_ms != 0').raw().all() as [number, number][]).map(([id, offsetMs]) => [id, offsetMs]));
  const finestMs = 2 ** LOD_LEVEL_EXPS[0];
  const lanes = LOD_LANE_KINDS.map(() => ({ finest: new FinestLevelBuilder(LOD_LEVEL_EXPS[0]), index: new Map<string | number, number>(), keys: [] as string[] }));
  const [bySource, byHost, byService] = lanes as [(typeof lanes)[number], (typeof lanes)[number], (typeof lanes)[number]];
  // NOTE: source lanes are looked up by the source id as a number, so no key text is made per event.
  const add = (lane: (typeof lanes)[number], key: string | number, cell: number, band: number): void => {
    let index = lane.index.get(key);
    if (index === undefined) {
      index = lane.keys.length;
      lane.index.set(key, index);
      lane.keys.push(String(key));
    }
    lane.finest.add(index, cell, band);
  };
  scanEvents(incident, 'ts_ms, source_id, host, service, level', afterId, throughId, (tsMs, sourceId, host, service, level) => {
    const id = sourceId as number;
    const cell = Math.floor(((tsMs as number) + (offsetBySource.get(id) ?? 0)) / finestMs);
    const band = level === 'error' || level === 'fatal' ? 0 : level === 'warn' ? 1 : 2;
    add(bySource, id, cell, band);
    add(byHost, (host as string | null) ?? '', cell, band);
    add(byService, (service as string | null) ?? '', cell, band);
  });
  const levels: LodLevelsByKind = new Map();
  LOD_LANE_KINDS.forEach((laneBy, kind) => {
    const byExp = [lanes[kind]!.finest.finish(lanes[kind]!.keys)];
    for (const exp of LOD_LEVEL_EXPS.slice(1)) byExp.push(coarsenLevel(byExp[byExp.length - 1]!, exp));
    levels.set(laneBy, byExp);
  });
  return levels;
}

function bytesOf(array: Uint32Array | Int32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function alignedCopy(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  bytes.copy(new Uint8Array(copy));
  return copy;
}
