/** Read queries about the incident as a whole: its summary and its sources. */
import type { IncidentInfo, SourceInfo } from '../model/incident';
import type { IncidentDb } from './incident-db';
import { titleFromPath } from './incident-db';
import { toSourceInfo, type SourceRow } from './row-mapping';

/** Summary of the incident, computed from the sources table (cheap even for millions of events). */
export function readIncidentInfo(incident: IncidentDb): IncidentInfo {
  const totals = incident.db
    .prepare(
      `SELECT COUNT(*) AS source_count, COALESCE(SUM(event_count), 0) AS event_count,
              COALESCE(SUM(unparsed_count), 0) AS unparsed_count,
              MIN(first_ts_ms) AS first_ts_ms, MAX(last_ts_ms) AS last_ts_ms
         FROM sources`,
    )
    .get() as { source_count: number; event_count: number; unparsed_count: number; first_ts_ms: number | null; last_ts_ms: number | null };
  return {
    path: incident.path,
    title: incident.getMeta('title') ?? titleFromPath(incident.path),
    schemaVersion: incident.schemaVersion(),
    eventCount: totals.event_count,
    unparsedCount: totals.unparsed_count,
    sourceCount: totals.source_count,
    firstTsMs: totals.first_ts_ms,
    lastTsMs: totals.last_ts_ms,
    isReadOnly: incident.isReadOnly,
  };
}

/** Every source, in import order. */
export function listSources(incident: IncidentDb): SourceInfo[] {
  const rows = incident.db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[];
  return rows.map(toSourceInfo);
}
