/** Read queries the postmortem needs: counts over a window, and the events it cites. */
import type { EventDetail } from '../model/event';
import type { IncidentDb } from './incident-db';
import { findEventDetail } from './event-queries';
import type { EventSummaryRow } from './row-mapping';

/** Errors, warnings and distinct failing hosts in `[fromMs, toMs]` (the whole incident when null). */
export interface WindowCounts {
  errorCount: number;
  warningCount: number;
  hostsAffected: number;
}

/** Counts errors (error, fatal), warnings and hosts that logged an error within a window. */
export function countWindow(incident: IncidentDb, fromMs: number | null, toMs: number | null): WindowCounts {
  const row = incident.db
    .prepare(
      `SELECT COALESCE(SUM(level IN ('error', 'fatal')), 0) AS errors,
              COALESCE(SUM(level = 'warn'), 0) AS warnings,
              COUNT(DISTINCT CASE WHEN level IN ('error', 'fatal') THEN host END) AS hosts
         FROM events WHERE ts_ms >= ? AND ts_ms <= ?`,
    )
    .get(fromMs ?? Number.MIN_SAFE_INTEGER, toMs ?? Number.MAX_SAFE_INTEGER) as { errors: number; warnings: number; hosts: number };
  return { errorCount: row.errors, warningCount: row.warnings, hostsAffected: row.hosts };
}

/** The cited events with their source names and raw text, in time order (unknown ids are skipped). */
export function eventsByIds(incident: IncidentDb, ids: readonly number[]): EventDetail[] {
  const found: EventDetail[] = [];
  for (const id of new Set(ids)) {
    const detail = findEventDetail(incident, id);
    if (detail) found.push(detail);
  }
  return found.sort((a, b) => a.tsMs - b.tsMs || a.id - b.id);
}

/** A row streamed out by the event exporters. */
export interface ExportEventRow extends EventSummaryRow {
  attrs: string;
  line_start: number;
  source_name: string;
}

/** Every event in time order, streamed without building an array (for exports of millions of rows). */
export function iterateEventsForExport(incident: IncidentDb): IterableIterator<ExportEventRow> {
  return incident.db
    .prepare(
      `SELECT e.id, e.ts_ms, e.ts_sub_ns, e.end_ms, e.host, e.service, e.level, e.kind, e.message, e.attrs, e.line_start,
              e.source_id, s.name AS source_name
         FROM events e JOIN sources s ON s.id = e.source_id ORDER BY e.ts_ms, e.id`,
    )
    .iterate() as IterableIterator<ExportEventRow>;
}
