/**
 * Building the derived tables in turns (the API after an import): the service keeps answering between
 * chunks — the timeline counts and the fleet from before, search by substring until the index is
 * current — and the finished tables equal those of the one-go build.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/sample/prng';
import { parseFilter } from '../../src/search/filter-parser';
import { queryDensity } from '../../src/store/density-query';
import { buildDerivedTables, buildDerivedTablesInTurns } from '../../src/store/derived-tables';
import { eventsAround } from '../../src/store/event-queries';
import { yieldToEventLoop } from '../../src/store/event-loop';
import { IncidentDb } from '../../src/store/incident-db';
import type { FleetModel } from '../../src/replay/fleet-model';
import { fleetModelOf } from '../../src/store/replay-cache';
import type { DerivedBuildOptions } from '../../src/store/derived-rebuild';
import { lodFingerprint } from '../../src/store/lod-build';
import { storedFleetStamp } from '../../src/store/replay-store';
import { isSearchIndexCurrent, searchLayout } from '../../src/store/search-index';
import { SourceWriter } from '../../src/store/source-writer';
import { runWorkerOnce } from '../../src/threads/start-worker';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 10, 11, 0, 0);
const HOSTS = Array.from({ length: 40 }, (_, i) => `storage-${String(i + 1).padStart(2, '0')}`);

/** `count` events over six hours, out of time order, with hosts upgrading from v1 to v2 along the way. */
function writeEvents(incident: IncidentDb, count: number, seed: number): void {
  const prng = new Prng(seed);
  const writer = SourceWriter.begin(incident, { name: `fleet-${seed}.jsonl`, path: `/logs/fleet-${seed}.jsonl`, format: 'json-lines', sizeBytes: 0 });
  writer.batch(() => {
    for (let i = 0; i < count; i++) {
      const tsMs = T0 + prng.int(0, 6 * 3_600_000);
      const host = prng.pick(HOSTS);
      const message = prng.chance(0.002) ? `upgrading ${host} from v1 to v2` : prng.chance(0.05) ? `rsync transfer ${i} finished` : `healthcheck ok ${i}`;
      const attrs = prng.chance(0.01) ? { version: tsMs > T0 + 3 * 3_600_000 ? 'v2' : 'v1' } : {};
      writer.addEvent({ tsMs, tsSubNs: 0, endMs: null, host, service: 'agent', level: prng.chance(0.1) ? 'error' : 'info', kind: null, message, attrsJson: JSON.stringify(attrs) }, i + 1, message);
    }
  });
  writer.finish(`hash-${seed}`, count);
}

/** The first matches of `word` at or after `tsMs`, read straight from the table. */
function matchesFrom(incident: IncidentDb, word: string, tsMs: number, limit: number): number[] {
  const rows = incident.db.prepare('SELECT id, message FROM events WHERE ts_ms >= ? ORDER BY ts_ms, id').all(tsMs) as { id: number; message: string }[];
  return rows.filter((row) => row.message.split(' ').includes(word)).slice(0, limit).map((row) => row.id);
}

function densityView(incident: IncidentDb) {
  return (['source', 'host', 'service'] as const).map((laneBy) => queryDensity(incident, T0, T0 + 6 * 3_600_000 + 1, 700, laneBy));
}

function fleetView(incident: IncidentDb) {
  return viewOf(fleetModelOf(incident));
}

function viewOf(model: FleetModel) {
  return { hosts: model.hosts(), rollouts: model.rollouts(), states: [1, 2, 3, 4, 5].map((h) => model.stateAt(T0 + h * 3_600_000)) };
}

/** Builds in turns, asking between turns what a viewer would; checks the finished index of `total` events. */
async function buildWhileAsking(incident: IncidentDb, before: ReturnType<typeof fleetView>, total: number, options: DerivedBuildOptions): Promise<void> {
  const filter = parseFilter('rsync');
  const at = T0 + 2 * 3_600_000;
  const expectedMatches = matchesFrom(incident, 'rsync', at, 20);
  const building = buildDerivedTablesInTurns(incident, options);
  let isDone = false;
  void building.then(() => (isDone = true));
  let turns = 0;
  // NOTE: the fleet model may be finished before the other tables (in the worker); viewers then get the new one.
  const modelsMeanwhile = new Set<FleetModel>();
  while (!isDone) {
    await yieldToEventLoop();
    if (isDone) break;
    expect(eventsAround(incident, at, 0, 20, filter).events.map((e) => e.id)).toEqual(expectedMatches);
    modelsMeanwhile.add(fleetModelOf(incident));
    queryDensity(incident, T0, T0 + 6 * 3_600_000 + 1, 700, 'source');
    turns++;
  }
  await building;
  expect(turns).toBeGreaterThanOrEqual(2);
  const after = fleetView(incident);
  const viewsMeanwhile = [...modelsMeanwhile].map(viewOf);
  expect(viewsMeanwhile[0]).toEqual(before);
  for (const view of viewsMeanwhile) expect([before, after]).toContainEqual(view);
  expect(isSearchIndexCurrent(incident)).toBe(true);
  expect(searchLayout(incident)).toEqual({ orderedThrough: total, lastRank: total });
  expect(eventsAround(incident, at, 0, 20, filter).events.map((e) => e.id)).toEqual(matchesFrom(incident, 'rsync', at, 20));
  expect(fleetView(incident)).not.toEqual(before);
}

describe('derived tables built in turns', () => {
  it.each([
    ['on this thread', { workerMinEvents: Number.POSITIVE_INFINITY }],
    ['with the fleet model and the timeline counts from workers', { workerMinEvents: 100_000 }],
  ])('answers while it builds and ends with the tables a one-go build gives (%s)', async (_name, options) => {
    const path = join(tempDir(), 'turns.hindsight');
    const first = IncidentDb.open(path, { create: true });
    writeEvents(first, 20_000, 1);
    buildDerivedTables(first);
    first.close();

    // Reopened: the fleet comes from the file, so the import's events need a build from every event.
    const incident = IncidentDb.open(path);
    const before = fleetView(incident);
    writeEvents(incident, 230_000, 2);
    await buildWhileAsking(incident, before, 250_000, options);
    // A second import: on this thread the fleet builder kept from the first takes only the new events, in
    // turns too; with the worker (which keeps no builder) the model is built again from every event there.
    const afterFirst = fleetView(incident);
    writeEvents(incident, 120_000, 3);
    await buildWhileAsking(incident, afterFirst, 370_000, options);
    // The worker's model is stored whole (on this thread, an append this large leaves the stored model behind).
    if (options.workerMinEvents <= 370_000) expect(storedFleetStamp(incident)?.builtFor).toBe(lodFingerprint(incident));
    const built = fleetView(incident);
    const counted = densityView(incident);
    incident.close();

    const copy = IncidentDb.open(path);
    copy.db.exec("DELETE FROM derived_state WHERE name IN ('replay', 'search', 'lod')");
    buildDerivedTables(copy);
    expect(fleetView(copy)).toEqual(built);
    expect(densityView(copy)).toEqual(counted);
    expect(copy.db.prepare('SELECT COUNT(*) FROM search_order').pluck().get()).toBe(370_000);
    copy.close();
  }, 120_000);

  it('says in one sentence why a worker could not build its table', async () => {
    const missing = join(tempDir(), 'gone.hindsight');
    for (const [name, task] of [['fleet-worker', 'build the rollout model'], ['lod-worker', 'count the events for the timeline']] as const) {
      const run = runWorkerOnce(name, join(__dirname, `../../src/store/${name}.ts`), { incidentPath: missing }, task);
      await expect(run).rejects.toThrow(`Could not ${task}: There is no incident file at ${missing}; check the path or create a new incident.`);
      await expect(run).rejects.not.toThrow('..');
    }
  });
});
