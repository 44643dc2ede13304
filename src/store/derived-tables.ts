/**
 * Tables derived from the events that make an incident fast to open and search: the level-of-detail
 * counts behind the timeline, the full-text index and the rollout model behind the fleet view (which
 * every open shows at once). Built once after every import, by every path
 * that imports (the API, the CLI, the sample generator), so the first view never waits for them.
 */
import { whileRebuildingDerived } from './derived-rebuild';
import type { IncidentDb } from './incident-db';
import { buildLod } from './lod-build';
import { buildLodInTurns } from './lod-index';
import { buildFleetInTurns, fleetModelOf, type FleetBuildOptions } from './replay-cache';
import { buildSearchIndex, buildSearchIndexInTurns } from './search-index';

/** Brings every derived table up to date with the events; cheap when nothing changed. */
export function buildDerivedTables(incident: IncidentDb): void {
  buildLod(incident);
  buildSearchIndex(incident);
  fleetModelOf(incident);
}

/**
 * Like {@link buildDerivedTables}, for a service that must keep answering while it runs (the API and the
 * CLI after an import): the timeline counts and the search index are built in chunks on this thread,
 * yielding to the event loop between them, while the fleet model of a large import is built at the
 * same time in a worker thread (replay-cache.ts). Calls arriving meanwhile get the timeline counts from
 * before, substring search and the fleet from before.
 */
export async function buildDerivedTablesInTurns(incident: IncidentDb, options: FleetBuildOptions = {}): Promise<void> {
  await whileRebuildingDerived(incident, async () => {
    const fleet = buildFleetInTurns(incident, options);
    try {
      await buildLodInTurns(incident);
      await buildSearchIndexInTurns(incident);
    } finally {
      // NOTE: awaited even when a table above failed, so no fleet build outlives the rebuild it belongs to.
      await fleet.catch(() => undefined);
    }
    await fleet;
  });
}
