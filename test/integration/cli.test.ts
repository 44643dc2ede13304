import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin', 'hindsight.mjs');
const FIXTURE = join(REPO, 'test/fixtures/importers/deploy-mixed.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'hindsight-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hindsight(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, HINDSIGHT_DATA_DIR: join(dir, 'data') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hindsight CLI', () => {
  it('prints help for the program and every command with exit code 0', () => {
    for (const args of [['--help'], ['import', '--help'], ['query', '--help'], ['serve', '--help'], ['demo', '--help'], ['formats', '--help']]) {
      const result = hindsight(...args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: hindsight/);
    }
  });

  it('import --json creates the incident and prints exactly one JSON object of the documented shape', () => {
    const incident = join(dir, 'import.hindsight');
    const result = hindsight('import', incident, FIXTURE, '--json');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(result.stdout);
    expect(json).toEqual({
      incident,
      sources: [
        {
          path: FIXTURE,
          format: 'json-lines',
          lines: 12,
          events: 6,
          unparsed: 6,
          firstTs: '2024-05-02T10:00:00.000Z',
          lastTs: '2024-05-02T10:00:06.000Z',
          skippedReason: null,
          unparsedReasons: expect.arrayContaining([{ reason: 'blank line', count: expect.any(Number) }]),
        },
      ],
      totals: { sources: 1, lines: 12, events: 6, unparsed: 6, firstTs: '2024-05-02T10:00:00.000Z', lastTs: '2024-05-02T10:00:06.000Z', refused: 0 },
      refused: [],
      cancelled: false,
      elapsedMs: expect.any(Number),
    });
    expect(existsSync(incident)).toBe(true);
  });

  it('import without --json prints a human summary', () => {
    const result = hindsight('import', join(dir, 'human.hindsight'), FIXTURE);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Imported 1 file into .*human\.hindsight in [\d.]+ s: 12 lines, 6 events, 6 unparsed\./);
  });

  it('query answers a SELECT as JSON and as a table', () => {
    const incident = join(dir, 'query.hindsight');
    expect(hindsight('import', incident, FIXTURE).status).toBe(0);
    const json = hindsight('query', incident, 'SELECT level, COUNT(*) AS n FROM events GROUP BY level ORDER BY level', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      columns: ['level', 'n'],
      rows: [['error', 1], ['fatal', 1], ['info', 3], ['warn', 1]],
      truncated: false,
      maxRows: 1000,
    });
    const table = hindsight('query', incident, 'SELECT line_start FROM events ORDER BY line_start', '--max-rows', '2');
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('first 2 rows shown');
  });

  it('query refuses a statement that writes, with exit 1 and one line on stderr', () => {
    const incident = join(dir, 'refuse.hindsight');
    expect(hindsight('import', incident, FIXTURE).status).toBe(0);
    const result = hindsight('query', incident, 'DELETE FROM events');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/only reads/);
    expect(JSON.parse(hindsight('query', incident, 'SELECT COUNT(*) FROM events', '--json').stdout).rows).toEqual([[6]]);
  });

  it('query on a path with no incident fails with one sentence', () => {
    const missing = join(dir, 'nowhere.hindsight');
    const result = hindsight('query', missing, 'SELECT 1');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`There is no incident file at ${missing}; check the path or create a new incident.\n`);
  });

  it('import of a missing path fails with one sentence', () => {
    const missing = join(dir, 'no-such.log');
    const result = hindsight('import', join(dir, 'missing-input.hindsight'), missing);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`There is no file or folder at ${missing}; check the path and try again.\n`);
  });

  it('exits 2 on usage errors', () => {
    expect(hindsight('bogus').status).toBe(2);
    expect(hindsight('import').status).toBe(2);
    expect(hindsight('query', 'x.hindsight', 'SELECT 1', '--max-rows', 'lots').status).toBe(2);
  });

  it('formats lists json-lines', () => {
    const result = hindsight('formats', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toContainEqual({ name: 'json-lines', description: expect.any(String) });
  });

  it('demo writes the sample incident, and refuses to overwrite it', () => {
    const incident = join(dir, 'demo.hindsight');
    const result = hindsight('demo', incident, '--seed', '7', '--json');
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.totals.events).toBeGreaterThan(0);
    expect(json.totals.lines).toBe(json.totals.events + json.totals.unparsed);
    const again = hindsight('demo', incident);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('serve prints a URL and stops on SIGTERM, or explains how to build the UI', async () => {
    const hasRenderer = existsSync(join(REPO, '.vite/renderer/main_window/index.html'));
    if (!hasRenderer) {
      const result = hindsight('serve');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/run `npm run build`/);
      return;
    }
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { cwd: REPO, env: { ...process.env, HINDSIGHT_DATA_DIR: join(dir, 'data') } });
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
        if (match) done(match[0]);
      });
      child.on('exit', (code) => fail(new Error(`serve exited with ${code} before printing a URL`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const exitCode = await new Promise<number | null>((done) => {
      child.on('exit', done);
      child.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
  });
});
