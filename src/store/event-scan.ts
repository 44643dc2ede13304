/**
 * The fast way to read many events' columns: a SQL function called once per row of one scan, instead of
 * iterating rows (better-sqlite3 then builds no row array per event). Measured at 5M events with their
 * messages and attributes: 1.7 s against 5.0 s. Used by the builds of the timeline counts and the rollout model.
 */
import type { IncidentDb } from './incident-db';

/**
 * Calls `onRow` with the values of `columnsSql` (a comma-separated SQL list over `events`, as many as
 * `onRow` declares parameters) for every event with an id above `afterId` and up to `throughId`, in id order.
 */
export function scanEvents(incident: IncidentDb, columnsSql: string, afterId: number, throughId: number, onRow: (...values: unknown[]) => void): void {
  // NOTE: onRow itself is the SQL function (its declared parameters are its arity; it returns NULL), so the
  // hot path has no wrapper or argument array.
  incident.db.function('hindsight_scan_row', { deterministic: false, directOnly: true }, onRow);
  // NOTE: prepared anew each time: registering the function again expires statements that use it.
  incident.db.prepare(`SELECT COUNT(hindsight_scan_row(${columnsSql})) FROM events WHERE id > ? AND id <= ?`).get(afterId, throughId);
}
