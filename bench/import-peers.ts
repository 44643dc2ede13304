/**
 * The peers the import benchmark measures Hindsight against, on the same generated file in the same
 * run: SQLite's own CLI importing the same rows as CSV (`sqlite3 x.db '.mode csv' '.import …'`, no
 * indexes, every column TEXT) and lnav indexing the JSON-lines file with a format definition that names
 * its fields (so lnav parses every line, as it does for the logs it knows). A peer whose program is not
 * installed is reported as absent, never guessed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { secondsSince } from './bench-stats';

/** One peer's run: its wall-clock seconds and the rows it reports having read. */
export interface PeerRun {
  seconds: number;
  rows: number;
}

const CSV_COLUMNS = ['ts', 'level', 'host', 'service', 'msg', 'trace_id', 'status', 'duration_ms', 'region'] as const;

/** Whether `program` can be run (it answers `--version`). */
export function isInstalled(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Writes the JSON-lines file's rows as CSV with a header (not timed: the peer gets its input ready-made). */
export function writeCsvCopy(jsonlPath: string, csvPath: string): void {
  const quote = (value: unknown): string => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const out: string[] = [CSV_COLUMNS.join(',')];
  for (const line of readFileSync(jsonlPath, 'utf8').split('\n')) {
    if (line === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    out.push(CSV_COLUMNS.map((column) => quote(row[column])).join(','));
  }
  writeFileSync(csvPath, `${out.join('\n')}\n`);
}

/** Imports `csvPath` into a new table of a new database with the sqlite3 CLI. */
export function runSqliteImport(csvPath: string, dbPath: string): PeerRun {
  rmSync(dbPath, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync('sqlite3', [dbPath, '.mode csv', `.import ${csvPath} events`], { encoding: 'utf8' });
  const seconds = secondsSince(started);
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`);
  const count = spawnSync('sqlite3', [dbPath, 'SELECT count(*) FROM events'], { encoding: 'utf8' });
  rmSync(dbPath, { force: true });
  return { seconds, rows: Number(count.stdout.trim()) };
}

/** The lnav format for the generated file, as lnav's format schema spells it. */
const LNAV_FORMAT = {
  $schema: 'https://lnav.org/schemas/format-v1.schema.json',
  hindsight_bench: {
    title: 'Hindsight benchmark JSON lines',
    description: 'The generated deploy log of bench/import-jsonl.ts',
    json: true,
    'file-pattern': '\\.jsonl$',
    'timestamp-field': 'ts',
    'level-field': 'level',
    'body-field': 'msg',
    value: {
      host: { kind: 'string', identifier: true },
      service: { kind: 'string', identifier: true },
      trace_id: { kind: 'string' },
      status: { kind: 'integer' },
      duration_ms: { kind: 'integer' },
      region: { kind: 'string' },
    },
  },
};

/** Prepares a private lnav home (in `dir`) with the benchmark's format installed; returns its path. */
export function prepareLnavHome(dir: string): string {
  const home = join(dir, 'lnav-home');
  mkdirSync(home, { recursive: true });
  const formatPath = join(dir, 'hindsight_bench.json');
  writeFileSync(formatPath, JSON.stringify(LNAV_FORMAT));
  const result = spawnSync('lnav', ['-i', formatPath], { env: { ...process.env, HOME: home }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`lnav -i failed: ${result.stderr}`);
  return home;
}

/** Indexes `jsonlPath` with lnav (headless) and counts the log lines it parsed. */
export function runLnavIndex(jsonlPath: string, home: string): PeerRun {
  const started = process.hrtime.bigint();
  const result = spawnSync('lnav', ['-n', '-c', ';SELECT count(*) AS n FROM hindsight_bench', jsonlPath], {
    env: { ...process.env, HOME: home },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const seconds = secondsSince(started);
  if (result.status !== 0) throw new Error(`lnav failed: ${result.stderr}`);
  const rows = Number(/(\d+)\s*$/.exec(result.stdout.trim())?.[1] ?? NaN);
  return { seconds, rows };
}
