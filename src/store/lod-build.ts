/**
 * Builds the timeline's level-of-detail table (`lod_buckets`, Perfetto-style mipmaps): event counts per
 * lane (source, host, service) and density band in time buckets of 2^8 ms (256 ms), 2^12 (about 4 s),
 * 2^16 (about 65 s) and 2^20 ms (about 17 min). Bucket `b` of level `e` covers [b·2^e, (b+1)·2^e) ms.
 * Built in SQL at the end of an import (or on first use), so zoomed-out queries never scan raw rows.
 */
import type { LaneBy } from '../model/timeline';
import type { IncidentDb } from './incident-db';

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

/** Identifies the events an incident holds (events are append-only, so highest id and count suffice); keys the LOD and replay caches. */
export function lodFingerprint(incident: IncidentDb): string {
  const { maxId } = incident.db.prepare('SELECT COALESCE(MAX(id), 0) AS maxId FROM events').get() as { maxId: number };
  const { total, offsets } = incident.db
    .prepare("SELECT COALESCE(SUM(event_count), 0) AS total, COALESCE(GROUP_CONCAT(CASE WHEN clock_offset_ms != 0 THEN id || '+' || clock_offset_ms END), '') AS offsets FROM sources")
    .get() as { total: number; offsets: string };
  // NOTE: sources with a clock correction (source-progress.ts) change where events fall, so they are part of the fingerprint.
  return offsets === '' ? `${maxId}:${total}` : `${maxId}:${total}:${offsets}`;
}

/** The fingerprint the stored LOD table was built for, or null when it was never built. */
export function storedLodFingerprint(incident: IncidentDb): string | null {
  const row = incident.db.prepare('SELECT built_for FROM derived_state WHERE name = ?').get(DERIVED_NAME) as { built_for: string } | undefined;
  return row?.built_for ?? null;
}

/**
 * (Re)builds the LOD table from every event, in one transaction; a no-op when it is already current.
 * Call once at the end of an import. Returns false on a read-only incident (nothing is written then).
 */
export function buildLod(incident: IncidentDb): boolean {
  if (incident.isReadOnly) return false;
  const fingerprint = lodFingerprint(incident);
  if (storedLodFingerprint(incident) === fingerprint) return true;
  const { db } = incident;
  const [finest, ...coarser] = LOD_LEVEL_EXPS;
  const hasOffsets = db.prepare('SELECT 1 FROM sources WHERE clock_offset_ms != 0 LIMIT 1').get() !== undefined;
  const tsSql = hasOffsets ? '(ts_ms + (SELECT clock_offset_ms FROM sources WHERE sources.id = events.source_id))' : 'ts_ms';
  db.transaction(() => {
    db.exec('DELETE FROM lod_buckets');
    for (const laneBy of LOD_LANE_KINDS) {
      // NOTE: `>>` on SQLite integers is an arithmetic shift, so buckets are floor(ts / 2^e) even before 1970.
      db.prepare(
        `INSERT INTO lod_buckets (lane_by, lane, level_exp, bucket, error_count, warn_count, other_count)
         SELECT ?, ${LOD_LANE_SQL[laneBy]}, ${finest}, ${tsSql} >> ${finest},
                SUM(level IN ('error', 'fatal')), SUM(level = 'warn'), SUM(level NOT IN ('error', 'fatal', 'warn'))
           FROM events GROUP BY 2, 4`,
      ).run(laneBy);
      let from: number = finest;
      for (const exp of coarser) {
        db.prepare(
          `INSERT INTO lod_buckets (lane_by, lane, level_exp, bucket, error_count, warn_count, other_count)
           SELECT lane_by, lane, ${exp}, bucket >> ${exp - from}, SUM(error_count), SUM(warn_count), SUM(other_count)
             FROM lod_buckets WHERE lane_by = ? AND level_exp = ${from} GROUP BY lane, bucket >> ${exp - from}`,
        ).run(laneBy);
        from = exp;
      }
    }
    db.prepare("INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, '{}')").run(DERIVED_NAME, fingerprint);
  })();
  return true;
}
