/**
 * Benchmark: import of a generated 1,000,000-line JSON-lines deploy log into a fresh incident, three
 * runs, with its peers measured in the same runs (bench/import-peers.ts).
 *
 * Figures per run:
 * - `storeLinesPerSec`: read, parse, store every event and unparsed line, and build the events' indexes
 *   (`importPaths`): when the events are in the file and queryable.
 * - `endToEndLinesPerSec`: that plus every derived table an import builds before the incident opens,
 *   as the API and the CLI build them (`buildDerivedTablesInTurns`: the full-text index on the importing
 *   thread while the LOD levels and then the fleet model are built in worker threads), `derivedMs` in all. This is
 *   the figure the import issue's target is about. (`import-child.ts --phases` times each table alone.)
 * - `sqlite3ImportLinesPerSec` and `lnavIndexLinesPerSec`: the peers, when installed; the summary prints
 *   our end-to-end rate divided by each.
 * Each of our imports runs in a fresh process (bench/import-child.ts): `cpuSeconds` is its CPU time over
 * all threads (parsing runs in a worker) and `peakRssMb` its peak resident memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './bench-stats';
import { importOnce, settleDisk } from './import-child-run';
import { isInstalled, prepareLnavHome, runLnavIndex, runSqliteImport, writeCsvCopy, type PeerRun } from './import-peers';
import { writeJsonLinesFile } from './jsonl-generator';

const LINE_COUNT = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const RUNS = 3;

function checkedRate(run: PeerRun, peer: string): number {
  if (run.rows !== LINE_COUNT) throw new Error(`${peer} read ${run.rows} rows, expected ${LINE_COUNT}`);
  return Math.round(LINE_COUNT / run.seconds);
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
      const ours = importOnce(inputPath, join(dir, `run-${runIndex}.hindsight`), LINE_COUNT);
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
