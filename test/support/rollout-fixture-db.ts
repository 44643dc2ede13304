/** Writes the synthetic rollout fixtures of rollout-fixture.ts straight into an incident file (for vitest; e2e specs import the JSON lines). */
import { buildDerivedTables } from '../../src/store/derived-tables';
import { IncidentDb } from '../../src/store/incident-db';
import { beginBulkLoad, SourceWriter } from '../../src/store/source-writer';
import { fixtureLines, type RolloutFixtureOptions } from './rollout-fixture';

/** Writes a fixture incident at `path` (which must not exist) and builds its derived tables. */
export function writeRolloutFixture(path: string, options: RolloutFixtureOptions): void {
  const lines = fixtureLines(options);
  const incident = IncidentDb.open(path, { create: true, title: 'Fixture rollout' });
  try {
    const bulk = beginBulkLoad(incident);
    const writer = SourceWriter.begin(incident, { name: 'fleet.jsonl', path: '/fixture/fleet.jsonl', format: 'json-lines', sizeBytes: 0 });
    writer.batch(() => {
      lines.forEach((l, i) => {
        const attrsJson = JSON.stringify(l.attrs);
        writer.addEvent({ tsMs: l.tsMs, tsSubNs: 0, endMs: null, host: l.host, service: l.service, level: l.level, kind: l.kind, message: l.message, attrsJson }, i + 1, l.message);
      });
    });
    writer.finish(`fixture-${options.seed}`, lines.length);
    bulk.end();
    buildDerivedTables(incident);
  } finally {
    incident.close();
  }
}
