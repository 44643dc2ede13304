/**
 * The search indexes: the FTS5 table `events_search` keyed by each event's rank in time order (table
 * `search_order` maps ranks to events), and a covering index for filtered timeline counts. Because a
 * term's matches are stored in time order, the first page of a search at any instant is a seek, not a
 * scan of every match. Both are built once at the end of an import (or on first use in a writable
 * incident) and recorded in `derived_state` with the events' fingerprint, like the LOD.
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
 * Returns false on a read-only incident whose index is stale (searches then fall back to substrings).
 */
export function buildSearchIndex(incident: IncidentDb): boolean {
  if (isSearchIndexCurrent(incident)) return true;
  if (incident.isReadOnly) return false;
  const { db } = incident;
  db.transaction(() => {
    db.exec("DELETE FROM search_order; INSERT INTO events_search (events_search) VALUES ('delete-all')");
    // NOTE: ranks follow the event list's order (ts_ms, id), read from the events_by_time index. Into the
    // emptied table each row gets rank = largest rank + 1, so ranks run 1..n in that order (five times
    // faster than numbering with row_number()).
    db.exec('INSERT INTO search_order (event_id, ts_ms) SELECT id, ts_ms FROM events ORDER BY ts_ms, id');
    // Inserting in rank order appends to FTS5's segments instead of merging out-of-order rowids.
    db.exec(
      `INSERT INTO events_search (rowid, message, host, service, kind)
       SELECT o.rank, e.message, e.host, e.service, e.kind FROM search_order o JOIN events e ON e.id = o.event_id ORDER BY o.rank`,
    );
    db.exec(COVER_INDEX_SQL);
    db.prepare("INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, '{}')").run(DERIVED_NAME, lodFingerprint(incident));
  })();
  return true;
}
