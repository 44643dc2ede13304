/**
 * Which incidents are having their derived tables rebuilt in turns (derived-tables.ts, after an import
 * through the API). Meanwhile readers keep what they have — the timeline counts and the fleet from
 * before, substring search — instead of rebuilding a table in one go on the service thread.
 */
import type { IncidentDb } from './incident-db';

const rebuilding = new WeakSet<IncidentDb>();

/** Whether the incident's derived tables are being rebuilt in turns right now. */
export function isRebuildingDerived(incident: IncidentDb): boolean {
  return rebuilding.has(incident);
}

/** Runs `work` (the rebuild) with the incident marked; false without running it when a rebuild is already under way. */
export async function whileRebuildingDerived(incident: IncidentDb, work: () => Promise<void>): Promise<boolean> {
  if (rebuilding.has(incident)) return false;
  rebuilding.add(incident);
  try {
    await work();
    return true;
  } finally {
    rebuilding.delete(incident);
  }
}

/**
 * Fewest events for which a derived table built whole after an import (the fleet model, the timeline
 * counts) is built in a worker thread on its own connection rather than on this thread: below it,
 * starting the worker (tens of ms) costs more than it saves.
 */
export const DERIVED_WORKER_MIN_EVENTS = 100_000;

/** How the derived tables are built after an import. */
export interface DerivedBuildOptions {
  /** Fewest events for which a whole table is built in a worker (default {@link DERIVED_WORKER_MIN_EVENTS}). */
  workerMinEvents?: number;
}

/**
 * Whether a whole derived table of `eventCount` events should be built in a worker. Only when another
 * connection can read while this one writes (the journal is a WAL): a bulk load that could not switch
 * back to WAL (another process had the file open) leaves a rollback journal, where a reader blocks commits.
 */
export function isWorthAWorker(incident: IncidentDb, eventCount: number, options: DerivedBuildOptions): boolean {
  return eventCount >= (options.workerMinEvents ?? DERIVED_WORKER_MIN_EVENTS) && incident.db.pragma('journal_mode', { simple: true }) === 'wal';
}
