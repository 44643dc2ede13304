import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonLinesFile } from '../../bench/jsonl-generator';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';
import { runReadOnlyQuery } from '../../src/store/read-only-query';
import { useTempDirs } from '../support/temp-dir';

const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin', 'hindsight.mjs');
const FIXTURE = resolve(__dirname, '../fixtures/importers/deploy-mixed.jsonl');
const tempDir = useTempDirs();

/** Rows of `sql` read through a separate read-only connection, or null while the importer holds the lock. */
function tryCount(incidentPath: string, sql: string): number | null {
  try {
    return Number(runReadOnlyQuery(incidentPath, sql).rows[0]?.[0] ?? 0);
  } catch {
    return null;
  }
}

/** Checks that every line of the source is in exactly one event or unparsed record. */
function expectEveryLineOnce(incident: IncidentDb, sourceId: number, lineCount: number): void {
  const counted = incident.db
    .prepare(
      `SELECT COUNT(*) AS records, COUNT(DISTINCT line_start) AS distinctLines, MIN(line_start) AS first, MAX(line_start) AS last
         FROM (SELECT line_start FROM events WHERE source_id = ? UNION ALL SELECT line_start FROM unparsed WHERE source_id = ?)`,
    )
    .get(sourceId, sourceId) as { records: number; distinctLines: number; first: number; last: number };
  expect(counted).toEqual({ records: lineCount, distinctLines: lineCount, first: 1, last: lineCount });
}

describe('resuming and continuing imports', () => {
  it('resumes an import killed with SIGKILL after its first batches, with no duplicates and every line accounted for', async () => {
    const dir = tempDir();
    const log = join(dir, 'big.jsonl');
    const lineCount = 500_000;
    writeJsonLinesFile(log, lineCount);
    const incidentPath = join(dir, 'killed.hindsight');
    IncidentDb.open(incidentPath, { create: true }).close();
    const child = spawn(process.execPath, [BIN, 'import', incidentPath, log], { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    let eventsAtKill = 0;
    for (let attempt = 0; attempt < 6000 && eventsAtKill === 0; attempt++) {
      await new Promise((done) => setTimeout(done, 10));
      eventsAtKill = tryCount(incidentPath, 'SELECT COUNT(*) FROM events') ?? 0;
    }
    child.kill('SIGKILL');
    await exited;
    expect(eventsAtKill).toBeGreaterThan(0);

    const incident = IncidentDb.open(incidentPath);
    try {
      const before = incident.db.prepare('SELECT status, lines_done FROM sources').get() as { status: string; lines_done: number };
      expect(before.status).toBe('importing');
      expect(before.lines_done).toBeGreaterThan(0);
      expect(before.lines_done).toBeLessThan(lineCount);

      const summary = await importPaths(incident, [log]);
      const source = summary.sources[0]!;
      expect(source.resumedAfterLine).toBe(before.lines_done);
      expect(source).toMatchObject({ lines: lineCount, skippedReason: null });
      expect(source.events + source.unparsed).toBe(lineCount);
      expect(incident.db.prepare("SELECT COUNT(*) FROM sources WHERE status = 'complete'").pluck().get()).toBe(1);
      expectEveryLineOnce(incident, source.sourceId, lineCount);
    } finally {
      incident.close();
    }
  }, 120_000);

  it('stops a cancelled import at a batch boundary, leaves the source importing, and resumes it on the next import', async () => {
    const dir = tempDir();
    const log = join(dir, 'cancel.jsonl');
    const lineCount = 100_000;
    writeJsonLinesFile(log, lineCount);
    const incident = IncidentDb.open(join(dir, 'cancel.hindsight'), { create: true });
    try {
      const controller = new AbortController();
      const cancelled = await importPaths(incident, [log], { signal: controller.signal, onProgress: () => controller.abort() });
      expect(cancelled.cancelled).toBe(true);
      const row = incident.db.prepare('SELECT status, lines_done, line_count FROM sources').get() as { status: string; lines_done: number; line_count: number };
      expect(row.status).toBe('importing');
      expect(row.lines_done).toBeGreaterThan(0);
      expect(row.lines_done).toBeLessThan(lineCount);
      expect(row.line_count).toBe(row.lines_done);

      const resumed = await importPaths(incident, [log]);
      expect(resumed.cancelled).toBe(false);
      expect(resumed.sources[0]).toMatchObject({ lines: lineCount, resumedAfterLine: row.lines_done });
      expectEveryLineOnce(incident, resumed.sources[0]!.sourceId, lineCount);
    } finally {
      incident.close();
    }
  }, 60_000);

  it('imports only the new lines of a file that has grown, and nothing when it has not', async () => {
    const dir = tempDir();
    const log = join(dir, 'growing.jsonl');
    // The fixture has no final newline; a log being appended to ends each line with one.
    writeFileSync(log, `${readFileSync(FIXTURE, 'utf8')}\n`);
    const incident = IncidentDb.open(join(dir, 'growth.hindsight'), { create: true });
    try {
      const first = await importPaths(incident, [log]);
      expect(first.sources[0]).toMatchObject({ lines: 12, events: 6 });
      appendFileSync(log, '{"ts":"2024-05-02T10:05:00.000Z","level":"error","host":"web-2","msg":"late line one"}\n{"ts":"2024-05-02T10:05:01.000Z","level":"info","host":"web-2","msg":"late line two"}\n');

      const grown = await importPaths(incident, [log]);
      expect(grown.sources[0]).toMatchObject({ sourceId: first.sources[0]!.sourceId, lines: 14, events: 8, resumedAfterLine: 12 });
      const messages = incident.db.prepare('SELECT message FROM events WHERE line_start > 12 ORDER BY line_start').pluck().all();
      expect(messages).toEqual(['late line one', 'late line two']);
      expectEveryLineOnce(incident, first.sources[0]!.sourceId, 14);

      const again = await importPaths(incident, [log]);
      expect(again.sources[0]?.skippedReason).toMatch(/identical content was already imported/);
      expect(incident.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(8);
    } finally {
      incident.close();
    }
  });

  it('reads standard input as one source named stdin from the command line', () => {
    const dir = tempDir();
    const incidentPath = join(dir, 'stdin.hindsight');
    const result = spawnSync(process.execPath, [BIN, 'import', incidentPath, '-', '--json'], {
      cwd: REPO,
      input: readFileSync(FIXTURE),
      encoding: 'utf8',
      env: { ...process.env, HINDSIGHT_DATA_DIR: join(dir, 'data') },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { sources: { path: string; lines: number; events: number }[] };
    expect(json.sources).toEqual([expect.objectContaining({ path: 'stdin', lines: 12, events: 6 })]);
    expect(tryCount(incidentPath, "SELECT COUNT(*) FROM sources WHERE name = 'stdin' AND status = 'complete'")).toBe(1);
  });
});
