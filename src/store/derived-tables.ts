/**
 * Tables derived from the events that make an incident fast to open and search: the level-of-detail
 * counts behind the timeline, the full-text index and the rollout model behind the fleet view (which
 * every open shows at once). Built once after every import, by every path
 * that imports (the API, the CLI, the sample generator), so the first view never waits for them.
 */
import type { IncidentDb } from './incident-db';
import { buildLod } from './lod-build';
import { fleetModelOf } from './replay-cache';
import { buildSearchIndex } from './search-index';

/** Brings every derived table up to date with the events; cheap when nothing changed. */
export function buildDerivedTables(incident: IncidentDb): void {
  buildLod(incident);
  buildSearchIndex(incident);
  fleetModelOf(incident);
}
