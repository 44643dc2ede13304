/** Queries behind the filter bar and the overview strip: hosts matching a filter (for the fleet view), page-like events. */
import type { EventSummary } from '../model/event';
import type { EventFilter } from '../model/filter';
import { filterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';
import { EVENT_SUMMARY_COLUMNS, toEventSummary, type EventSummaryRow } from './row-mapping';

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
 * time order: the overview strip marks them. A scan of the events table, done once per incident view.
 */
export function pageEvents(incident: IncidentDb): EventSummary[] {
  const rows = incident.db
    .prepare(
      `SELECT ${EVENT_SUMMARY_COLUMNS} FROM events
        WHERE level = 'fatal' OR kind LIKE '%alert%' OR kind LIKE '%page%' OR kind LIKE '%incident%'
        ORDER BY ts_ms, id LIMIT ?`,
    )
    .all(PAGE_EVENTS_MAX) as EventSummaryRow[];
  return rows.map(toEventSummary);
}
