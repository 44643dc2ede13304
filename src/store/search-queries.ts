/** Queries behind the filter bar: which hosts have events matching a filter (for the fleet view). */
import type { EventFilter } from '../model/filter';
import { filterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';

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
  return { hosts: isComplete ? hosts : hosts.slice(0, MATCHING_HOSTS_MAX), isComplete };
}
