/**
 * Tables derived from the events that make an incident fast to open and search: the level-of-detail
 * counts behind the timeline, the full-text index and the rollout model behind the fleet view (which
 * every open shows at once). Built once after every import, by every path
 * that imports (the API, the CLI, the sample generator), so the first view never waits for them.
 */
import { whileRebuildingDerived, type DerivedBuildOptions } from './derived-rebuild';
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
 * Like {@link buildDerivedTables}, for a service that must keep answering while it runs (the API and the
 * CLI after an import): the search index is built in chunks on this thread, yielding to the event loop
 * between them, while the timeline counts and then the fleet model of a large import are built in worker
 * threads on their own connections (lod-index.ts, replay-cache.ts; small ones in chunks here too).
 * Calls arriving meanwhile get the timeline counts from before, substring search and the fleet from before.
 */
export async function buildDerivedTablesInTurns(incident: IncidentDb, options: DerivedBuildOptions = {}): Promise<void> {
  await whileRebuildingDerived(incident, async () => {
    const lod = buildLodInTurns(incident, options);
    // NOTE: one worker after the other, not both at once: with the search index on this thread, three
    // busy threads on two cores made all of them slower (5M events: 9.5 s against 7.9 s), and the peak
    // held both workers' memory (494 MB against 432 MB).
    const fleet = lod.catch(() => undefined).then(() => buildFleetInTurns(incident, options));
    try {
      await buildSearchIndexInTurns(incident);
    } finally {
      // NOTE: awaited even when the search index failed, so no build outlives the rebuild it belongs to.
      await Promise.allSettled([lod, fleet]);
    }
    await lod;
    await fleet;
  });
}
