/** Queries behind the filter bar and the overview strip: hosts matching a filter (for the fleet view), page-like events. */
import type { EventSummary } from '../model/event';
import type { EventFilter } from '../model/filter';
import { filterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';
import { toEventSummary, type EventSummaryRow } from './row-mapping';

/** Most host names returned; a fleet larger than this is shown unfiltered with a note. */
export const MATCHING_HOSTS_MAX = 10_000;

/** Distinct hosts with at least one event matching `filter`, sorted by name. */
export function matchingHosts(incident: IncidentDb, filter: EventFilter): { hosts: string[]; isComplete: boolean } {
  const { where, params } = filterSql(incident, filter);
  const hosts = incident.db
    .prepare(`SELECT DISTINCT host FROM events WHERE host IS NOT NULL AND ${where} ORDER BY host LIMIT @limit`)
    .pluck()
    .all({ ...params, limit: MATCHING_HOSTS_MAX + 1 }) as string[];
  const isComplete = hosts.length <= MATCHING_HOSTS_MAX;
  return {
    hosts: isComplete ? hosts : hosts.slice(0, MATCHING_HOSTS_MAX),
    isComplete,
  };
}

/** Most page-like events returned for the overview strip's markers. */
export const PAGE_EVENTS_MAX = 500;

/**
 * Events that look like pages or alerts (level fatal, or a kind naming an alert, page or incident), in
 * time order (corrected by their source's clock offset): the overview strip marks them. A scan of the
 * events table, done once per incident view.
 */
export function pageEvents(incident: IncidentDb): EventSummary[] {
  // NOTE: times corrected by each source's clock offset, as the timeline draws them.
  const rows = incident.db
    .prepare(
      `SELECT e.id, e.source_id, e.ts_ms + s.clock_offset_ms AS ts_ms, e.ts_sub_ns, e.end_ms + s.clock_offset_ms AS end_ms, e.host, e.service, e.level, e.kind, e.message
         FROM events e JOIN sources s ON s.id = e.source_id
        WHERE e.level = 'fatal' OR e.kind LIKE '%alert%' OR e.kind LIKE '%page%' OR e.kind LIKE '%incident%'
        ORDER BY 3, e.id LIMIT ?`,
    )
    .all(PAGE_EVENTS_MAX) as EventSummaryRow[];
  return rows.map(toEventSummary);
}
