import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Follower } from '../../src/importers/follow';
import { IncidentDb } from '../../src/store/incident-db';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

const line = (n: number, message: string): string => `{"ts":"2024-05-02T10:00:${String(n).padStart(2, '0')}.000Z","level":"info","host":"web-1","msg":"${message}"}\n`;

/** Polls the incident until `sql` answers `expected`, or fails after a generous timeout. */
async function eventually(incident: IncidentDb, sql: string, expected: unknown): Promise<void> {
  const deadline = Date.now() + 10_000;
  let value: unknown;
  while (Date.now() < deadline) {
    value = incident.db.prepare(sql).pluck().get();
    if (JSON.stringify(value) === JSON.stringify(expected)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  expect(value).toEqual(expected);
}

describe('live follow', () => {
  it('reads appended lines, survives rotation and truncation, and completes its sources when stopped', async () => {
    const dir = tempDir();
    const log = join(dir, 'app.log');
    writeFileSync(log, line(1, 'first'));
    const incident = IncidentDb.open(join(dir, 'follow.hindsight'), { create: true });
    let appendedCalls = 0;
    const follower = new Follower(incident, () => appendedCalls++, 50);
    try {
      await follower.follow(log);
      expect(follower.list()).toEqual([{ path: log, isFolder: false, fileCount: 1, lastLineAtMs: null }]);
      await eventually(incident, 'SELECT COUNT(*) FROM events', 1);

      appendFileSync(log, line(2, 'second') + line(3, 'third'));
      await eventually(incident, 'SELECT json_group_array(message) FROM (SELECT message FROM events ORDER BY id)', JSON.stringify(['first', 'second', 'third']));

      renameSync(log, `${log}.1`);
      appendFileSync(`${log}.1`, line(4, 'written to the old file just before rotation'));
      writeFileSync(log, line(5, 'after rotation'));
      await eventually(incident, "SELECT COUNT(*) FROM events WHERE message IN ('written to the old file just before rotation', 'after rotation')", 2);
      expect(incident.db.prepare('SELECT COUNT(*) FROM sources').pluck().get()).toBe(2);

      truncateSync(log, 0);
      appendFileSync(log, line(6, 'after truncation'));
      await eventually(incident, "SELECT COUNT(*) FROM events WHERE message = 'after truncation'", 1);
      expect(incident.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(6);
      expect(appendedCalls).toBeGreaterThan(0);
    } finally {
      await follower.stop();
    }
    expect(follower.list()).toEqual([]);
    expect(incident.db.prepare("SELECT COUNT(*) FROM sources WHERE status != 'complete'").pluck().get()).toBe(0);
    incident.close();
  }, 30_000);

  it('picks up new files created in a followed folder', async () => {
    const dir = tempDir();
    const folder = join(dir, 'logs');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.log'), line(1, 'from a'));
    const incident = IncidentDb.open(join(dir, 'folder.hindsight'), { create: true });
    const follower = new Follower(incident, () => undefined, 50);
    try {
      await follower.follow(folder);
      writeFileSync(join(folder, 'b.log'), line(2, 'from b'));
      await eventually(incident, "SELECT COUNT(*) FROM events WHERE message IN ('from a', 'from b')", 2);
      expect(follower.list()).toMatchObject([{ path: folder, isFolder: true, fileCount: 2 }]);
      expect(follower.list()[0]!.lastLineAtMs).not.toBeNull();
    } finally {
      await follower.stop();
      incident.close();
    }
  }, 30_000);

  it('reads a file that was empty when following started (or created empty in a followed folder) in the format its first lines show', async () => {
    const dir = tempDir();
    const log = join(dir, 'new.log');
    writeFileSync(log, '');
    const folder = join(dir, 'more');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const incident = IncidentDb.open(join(dir, 'empty.hindsight'), { create: true });
    const follower = new Follower(incident, () => undefined, 50);
    try {
      await follower.follow(log);
      await follower.follow(folder);
      writeFileSync(join(folder, 'kv.log'), '');
      await eventually(incident, 'SELECT COUNT(*) FROM sources', 2);
      appendFileSync(log, line(1, 'first line of a new file') + line(2, 'second'));
      appendFileSync(join(folder, 'kv.log'), 'ts=2024-05-02T10:00:03Z level=warn host=web-2 msg="logfmt after an empty start"\n');
      await eventually(incident, 'SELECT json_group_array(message) FROM (SELECT message FROM events ORDER BY ts_ms)', JSON.stringify(['first line of a new file', 'second', 'logfmt after an empty start']));
      expect(incident.db.prepare('SELECT json_group_array(format) FROM (SELECT format FROM sources ORDER BY id)').pluck().get()).toBe(JSON.stringify(['json-lines', 'logfmt']));
      expect(incident.db.prepare('SELECT COUNT(*) FROM unparsed').pluck().get()).toBe(0);
    } finally {
      await follower.stop();
      incident.close();
    }
  }, 30_000);

  it('leaves a line still being written when following starts for the tail, and takes an unfinished last line when stopped', async () => {
    const dir = tempDir();
    const log = join(dir, 'half.log');
    const whole = line(2, 'written in two halves');
    writeFileSync(log, line(1, 'complete') + whole.slice(0, 30));
    const incident = IncidentDb.open(join(dir, 'half.hindsight'), { create: true });
    const follower = new Follower(incident, () => undefined, 50);
    try {
      await follower.follow(log);
      expect(incident.db.prepare('SELECT json_group_array(message) FROM events').pluck().get()).toBe(JSON.stringify(['complete']));
      appendFileSync(log, whole.slice(30) + line(3, 'third').trimEnd());
      await eventually(incident, 'SELECT json_group_array(message) FROM (SELECT message FROM events ORDER BY id)', JSON.stringify(['complete', 'written in two halves']));
    } finally {
      await follower.stop();
    }
    expect(incident.db.prepare('SELECT json_group_array(message) FROM (SELECT message FROM events ORDER BY id)').pluck().get()).toBe(JSON.stringify(['complete', 'written in two halves', 'third']));
    expect(incident.db.prepare('SELECT COUNT(*) FROM unparsed').pluck().get()).toBe(0);
    expect(incident.db.prepare('SELECT line_count FROM sources').pluck().get()).toBe(3);
    incident.close();
  }, 30_000);
});
