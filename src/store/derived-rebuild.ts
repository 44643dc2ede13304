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
