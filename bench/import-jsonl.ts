/**
 * Benchmark: import of a generated 1,000,000-line JSON-lines deploy log into a fresh incident, three
 * runs, with its peers measured in the same runs (bench/import-peers.ts).
 *
 * Figures per run:
 * - `storeLinesPerSec`: read, parse, store every event and unparsed line, and build the events' indexes
 *   (`importPaths`): when the events are in the file and queryable.
 * - `endToEndLinesPerSec`: that plus every derived table an import builds before the incident opens,
 *   as the API and the CLI build them (`buildDerivedTablesInTurns`: LOD levels and the full-text index
 *   on the importing thread while the fleet model is built in a worker), `derivedMs` in all. This is
 *   the figure the import issue's target is about. (`import-child.ts --phases` times each table alone.)
 * - `sqlite3ImportLinesPerSec` and `lnavIndexLinesPerSec`: the peers, when installed; the summary prints
 *   our end-to-end rate divided by each.
 * Each of our imports runs in a fresh process (bench/import-child.ts): `cpuSeconds` is its CPU time over
 * all threads (parsing runs in a worker) and `peakRssMb` its peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './bench-stats';
import { isInstalled, prepareLnavHome, runLnavIndex, runSqliteImport, writeCsvCopy, type PeerRun } from './import-peers';
import { writeJsonLinesFile } from './jsonl-generator';

const LINE_COUNT = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const RUNS = 3;
const RUN_TS = join(__dirname, '..', 'bin', 'run-ts.mjs');
const CHILD = join(__dirname, 'import-child.ts');

/** What bench/import-child.ts prints for one import. */
interface ChildRun {
  events: number;
  storeSeconds: number;
  endToEndSeconds: number;
  derivedMs: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** Our import, in a fresh process (so its peak RSS is its own), timed by phase. */
function importOnce(inputPath: string, incidentPath: string): ChildRun {
  const result = spawnSync(process.execPath, [RUN_TS, CHILD, inputPath, incidentPath], { encoding: 'utf8' });
  rmSync(incidentPath, { force: true });
  if (result.status !== 0) throw new Error(`the import child failed: ${result.stderr}`);
  const run = JSON.parse(result.stdout) as ChildRun;
  if (run.events !== LINE_COUNT) throw new Error(`imported ${run.events} events, expected ${LINE_COUNT}`);
  return run;
}

function checkedRate(run: PeerRun, peer: string): number {
  if (run.rows !== LINE_COUNT) throw new Error(`${peer} read ${run.rows} rows, expected ${LINE_COUNT}`);
  return Math.round(LINE_COUNT / run.seconds);
}

/**
 * Flushes what earlier steps wrote (the generated input, the last run's files) before the next timed
 * run, so no contender is timed while the kernel writes back another's pages.
 */
function settleDisk(): void {
  spawnSync('sync');
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-import-'));
  try {
    const inputPath = join(dir, 'deploy.jsonl');
    const bytes = writeJsonLinesFile(inputPath, LINE_COUNT);
    const hasSqlite = isInstalled('sqlite3');
    const hasLnav = isInstalled('lnav');
    const csvPath = join(dir, 'deploy.csv');
    if (hasSqlite) writeCsvCopy(inputPath, csvPath);
    const lnavHome = hasLnav ? prepareLnavHome(dir) : null;
    const store: number[] = [];
    const endToEnd: number[] = [];
    const sqliteRates: number[] = [];
    const lnavRates: number[] = [];
    const peaks: number[] = [];
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      settleDisk();
      const ours = importOnce(inputPath, join(dir, `run-${runIndex}.hindsight`));
      settleDisk();
      const sqliteRate = hasSqlite ? checkedRate(runSqliteImport(csvPath, join(dir, 'peer.sqlite')), 'sqlite3 .import') : null;
      settleDisk();
      const lnavRate = lnavHome !== null ? checkedRate(runLnavIndex(inputPath, lnavHome), 'lnav') : null;
      peaks.push(ours.peakRssMb);
      store.push(Math.round(LINE_COUNT / ours.storeSeconds));
      endToEnd.push(Math.round(LINE_COUNT / ours.endToEndSeconds));
      if (sqliteRate !== null) sqliteRates.push(sqliteRate);
      if (lnavRate !== null) lnavRates.push(lnavRate);
      console.log(
        JSON.stringify({
          bench: 'import.jsonl.run',
          run: runIndex + 1,
          lines: LINE_COUNT,
          bytes,
          storeLinesPerSec: store.at(-1),
          endToEndLinesPerSec: endToEnd.at(-1),
          endToEndSeconds: Number(ours.endToEndSeconds.toFixed(2)),
          storeSeconds: Number(ours.storeSeconds.toFixed(2)),
          derivedMs: ours.derivedMs,
          cpuSeconds: Number(ours.cpuSeconds.toFixed(2)),
          peakRssMb: ours.peakRssMb,
          sqlite3ImportLinesPerSec: sqliteRate,
          lnavIndexLinesPerSec: lnavRate,
        }),
      );
    }
    const ratio = (ours: number, peer: number[]): number | null => (peer.length === 0 ? null : Number((ours / median(peer)).toFixed(2)));
    console.log(
      JSON.stringify({
        bench: 'import.jsonl',
        lines: LINE_COUNT,
        storeLinesPerSec: median(store),
        endToEndLinesPerSec: median(endToEnd),
        sqlite3ImportLinesPerSec: hasSqlite ? median(sqliteRates) : 'sqlite3 not installed',
        lnavIndexLinesPerSec: hasLnav ? median(lnavRates) : 'lnav not installed',
        endToEndVsSqlite3Import: ratio(median(endToEnd), sqliteRates),
        endToEndVsLnav: ratio(median(endToEnd), lnavRates),
        targetLinesPerSec: 750_000,
        peakRssMb: Math.max(...peaks),
        medianOf: RUNS,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
