/** The fleet at an instant uses clock-corrected times, like the timeline: shifting a source moves its hosts' phases with it. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncidentDb } from '../../src/store/incident-db';
import { fleetModelOf } from '../../src/store/replay-cache';
import { setClockOffset } from '../../src/store/source-progress';
import { SourceWriter } from '../../src/store/source-writer';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 10, 14, 0, 0);
const MINUTE_MS = 60_000;

function writeSource(incident: IncidentDb, name: string, host: string): number {
  const writer = SourceWriter.begin(incident, { name, path: `/logs/${name}`, format: 'json-lines', sizeBytes: 0 });
  const lines = [
    { tsMs: T0, message: 'agent started', attrs: { version: 'v1' } },
    { tsMs: T0 + 10 * MINUTE_MS, message: `upgrading ${host} from v1 to v2`, attrs: {} },
    { tsMs: T0 + 20 * MINUTE_MS, message: 'agent started', attrs: { version: 'v2' } },
  ];
  writer.batch(() => {
    lines.forEach((line, i) =>
      writer.addEvent({ tsMs: line.tsMs, tsSubNs: 0, endMs: null, host, service: 'agent', level: 'info', kind: null, message: line.message, attrsJson: JSON.stringify(line.attrs) }, i + 1, line.message),
    );
  });
  writer.finish(`hash-${name}`, lines.length);
  return writer.sourceId;
}

const phaseAt = (incident: IncidentDb, host: string, tsMs: number) => fleetModelOf(incident).stateAt(tsMs).hosts.find((state) => state.host === host)?.phase;
const versionAt = (incident: IncidentDb, host: string, tsMs: number) => fleetModelOf(incident).stateAt(tsMs).hosts.find((state) => state.host === host)?.version;

describe('fleet state with a clock correction', () => {
  it('moves a corrected source’s hosts by its offset and leaves the others', () => {
    const incident = IncidentDb.open(join(tempDir(), 'clock.hindsight'), { create: true });
    const shifted = writeSource(incident, 'a.jsonl', 'storage-01');
    writeSource(incident, 'b.jsonl', 'storage-02');
    expect(versionAt(incident, 'storage-01', T0 + 25 * MINUTE_MS)).toBe('v2');
    setClockOffset(incident, shifted, 30 * MINUTE_MS);
    expect(versionAt(incident, 'storage-01', T0 + 25 * MINUTE_MS)).toBe('v1');
    expect(phaseAt(incident, 'storage-01', T0 + 45 * MINUTE_MS)).toBe('updating');
    expect(versionAt(incident, 'storage-01', T0 + 55 * MINUTE_MS)).toBe('v2');
    expect(versionAt(incident, 'storage-02', T0 + 25 * MINUTE_MS)).toBe('v2');
    incident.close();
  });
});
