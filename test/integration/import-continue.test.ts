/**
 * Continuing sources the way a user meets it: a grown or followed file keeps the zone and year it was
 * imported with, and document formats (kubectl events) continue too, each line accounted for once.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Follower } from '../../src/importers/follow';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** A `kubectl get events --watch -o json` object, pretty-printed over several lines as kubectl writes it. */
function watchEvent(second: number, reason: string): string {
  const event = {
    type: 'ADDED',
    object: {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: `checkout.${second}`, namespace: 'shop' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'checkout-7f9c' },
      reason,
      message: `${reason} at second ${second}`,
      type: 'Normal',
      lastTimestamp: `2024-05-02T10:20:${String(second).padStart(2, '0')}Z`,
    },
  };
  return `${JSON.stringify(event, null, 4)}\n`;
}

/** Checks that every line of every source is in exactly one event or unparsed record. */
function expectEveryLineOnce(incident: IncidentDb): void {
  const sources = incident.db.prepare('SELECT id, line_count FROM sources').all() as { id: number; line_count: number }[];
  for (const { id, line_count: lineCount } of sources) {
    const covered = incident.db
      .prepare(
        `SELECT COALESCE(SUM(line_end - line_start + 1), 0) FROM (
           SELECT line_start, line_end FROM events WHERE source_id = ? GROUP BY line_start, line_end
           UNION ALL SELECT line_start, line_end FROM unparsed WHERE source_id = ?)`,
      )
      .pluck()
      .get(id, id);
    expect(covered).toBe(lineCount);
  }
}

async function eventually(check: () => unknown, expected: unknown): Promise<void> {
  const deadline = Date.now() + 10_000;
  let value: unknown;
  while (Date.now() < deadline) {
    value = check();
    if (JSON.stringify(value) === JSON.stringify(expected)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  expect(value).toEqual(expected);
}

describe('continuing a source keeps its zone, year and format', () => {
  it('reads the new lines of a grown BSD syslog file in its zone, rolling the year over from its last line', async () => {
    const dir = tempDir();
    const log = join(dir, 'messages');
    writeFileSync(log, 'Dec 31 23:59:58 db-1 postgres[88]: checkpoint starting\n');
    const incident = IncidentDb.open(join(dir, 'zone.hindsight'), { create: true });
    try {
      await importPaths(incident, [log], { timeZone: 'Europe/Berlin', year: 2023 });
      appendFileSync(log, 'Jan  1 00:00:03 db-1 postgres[88]: checkpoint complete\n');
      const grown = await importPaths(incident, [log], { timeZone: 'UTC' });
      expect(grown.sources[0]).toMatchObject({ lines: 2, events: 2, resumedAfterLine: 1 });
      const times = incident.db.prepare('SELECT ts_ms FROM events ORDER BY line_start').pluck().all();
      // Berlin is UTC+1 in winter; the second line is in the new year, 5 s after the first.
      expect(times).toEqual([Date.UTC(2023, 11, 31, 22, 59, 58), Date.UTC(2023, 11, 31, 23, 0, 3)]);
    } finally {
      incident.close();
    }
  });

  it('follows a file with the zone it was asked to use', async () => {
    const dir = tempDir();
    const log = join(dir, 'app.log');
    writeFileSync(log, '2024-05-02 10:00:00,000 INFO [main] org.example.Deploy: starting\n');
    const incident = IncidentDb.open(join(dir, 'follow-zone.hindsight'), { create: true });
    const follower = new Follower(incident, () => undefined, 50);
    try {
      await follower.follow(log, { timeZone: 'America/New_York' });
      appendFileSync(log, '2024-05-02 10:00:05,000 WARN [main] org.example.Deploy: canary slow\n');
      await eventually(() => incident.db.prepare('SELECT ts_ms FROM events ORDER BY line_start').pluck().all(), [
        Date.UTC(2024, 4, 2, 14, 0, 0),
        Date.UTC(2024, 4, 2, 14, 0, 5),
      ]);
      expect(incident.db.prepare('SELECT time_zone FROM sources').pluck().all()).toEqual(['America/New_York']);
    } finally {
      await follower.stop();
      incident.close();
    }
  }, 30_000);

  it('imports only the new events of a grown kubectl events file', async () => {
    const dir = tempDir();
    const log = join(dir, 'events.json');
    writeFileSync(log, watchEvent(1, 'Scheduled'));
    const incident = IncidentDb.open(join(dir, 'k8s.hindsight'), { create: true });
    try {
      const first = await importPaths(incident, [log]);
      expect(first.sources[0]).toMatchObject({ format: 'kubernetes-events', events: 1 });
      appendFileSync(log, `\n${watchEvent(2, 'Pulled')}${watchEvent(3, 'Started')}`);
      const grown = await importPaths(incident, [log]);
      expect(grown.sources[0]).toMatchObject({ sourceId: first.sources[0]!.sourceId, events: 3, unparsed: 1, resumedAfterLine: first.sources[0]!.lines });
      expect(incident.db.prepare('SELECT kind FROM events ORDER BY ts_ms').pluck().all()).toEqual(['Scheduled', 'Pulled', 'Started']);
      expect(incident.db.prepare('SELECT reason FROM unparsed').pluck().all()).toEqual(['blank line']);
      expectEveryLineOnce(incident);
    } finally {
      incident.close();
    }
  });

  it('follows kubectl get events --watch, waiting for an object that is still being written', async () => {
    const dir = tempDir();
    const log = join(dir, 'watch.json');
    writeFileSync(log, watchEvent(1, 'Scheduled'));
    const incident = IncidentDb.open(join(dir, 'watch.hindsight'), { create: true });
    const follower = new Follower(incident, () => undefined, 50);
    try {
      await follower.follow(log);
      const next = watchEvent(2, 'Killing');
      const half = next.indexOf('"reason"');
      appendFileSync(log, next.slice(0, half));
      await new Promise((done) => setTimeout(done, 300));
      expect(incident.db.prepare('SELECT COUNT(*) FROM unparsed').pluck().get()).toBe(0);
      appendFileSync(log, next.slice(half));
      await eventually(() => incident.db.prepare('SELECT kind FROM events ORDER BY ts_ms').pluck().all(), ['Scheduled', 'Killing']);
      expect(incident.db.prepare('SELECT COUNT(*) FROM unparsed').pluck().get()).toBe(0);
    } finally {
      await follower.stop();
    }
    expectEveryLineOnce(incident);
    incident.close();
  }, 30_000);
});
