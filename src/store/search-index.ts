/**
 * The search indexes: the FTS5 table `events_fts` (external content over `events`) and a covering
 * index for filtered timeline counts. Both are built once at the end of an import (or on first use in
 * a writable incident) and recorded in `derived_state` with the events' fingerprint, like the LOD.
 */
import type { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';

const DERIVED_NAME = 'search';

/**
 * Lets filtered density and host queries read (time, level, source, host, service) from the index alone.
 * NOTE: created here, not in a migration, so the first bulk import does not maintain it row by row.
 */
const COVER_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS events_filter_cover ON events (ts_ms, level, source_id, host, service)';

/** Whether the full-text index holds every event (a stale one must not be used: it would miss rows). */
export function isSearchIndexCurrent(incident: IncidentDb): boolean {
  const row = incident.db.prepare('SELECT built_for FROM derived_state WHERE name = ?').get(DERIVED_NAME) as { built_for: string } | undefined;
  return row?.built_for === lodFingerprint(incident);
}

/**
 * Rebuilds the full-text index and the covering index when the events changed; a no-op when current.
 * Returns false on a read-only incident whose index is stale (searches then fall back to LIKE).
 */
export function buildSearchIndex(incident: IncidentDb): boolean {
  if (isSearchIndexCurrent(incident)) return true;
  if (incident.isReadOnly) return false;
  const { db } = incident;
  db.transaction(() => {
    db.exec("INSERT INTO events_fts (events_fts) VALUES ('rebuild')");
    db.exec(COVER_INDEX_SQL);
    db.prepare("INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, '{}')").run(DERIVED_NAME, lodFingerprint(incident));
  })();
  return true;
}
