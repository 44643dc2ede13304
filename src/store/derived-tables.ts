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
import { buildFleetInTurns, fleetModelOf } from './replay-cache';
import { buildSearchIndex, buildSearchIndexInTurns } from './search-index';

/** Brings every derived table up to date with the events; cheap when nothing changed. */
export function buildDerivedTables(incident: IncidentDb): void {
  buildLod(incident);
  buildSearchIndex(incident);
  fleetModelOf(incident);
}

/**
 * Like {@link buildDerivedTables}, for a service that must keep answering while it runs (the API after an
 * import): builds each table in chunks, yielding to the event loop between them. Calls arriving
 * meanwhile get the timeline counts from before, substring search and the fleet from before.
 */
export async function buildDerivedTablesInTurns(incident: IncidentDb): Promise<void> {
  await whileRebuildingDerived(incident, async () => {
    await buildLodInTurns(incident);
    await buildSearchIndexInTurns(incident);
    await buildFleetInTurns(incident);
  });
}
