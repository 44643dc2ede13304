/**
 * Runs bench/import-child.ts for the import benchmarks: one import in a fresh process (so its peak RSS
 * is its own), with the disk flushed first so no run is timed while the kernel writes back another's pages.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const RUN_TS = join(__dirname, '..', 'bin', 'run-ts.mjs');
const CHILD = join(__dirname, 'import-child.ts');

/** What bench/import-child.ts prints for one import. */
export interface ChildRun {
  events: number;
  storeSeconds: number;
  endToEndSeconds: number;
  derivedMs: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** Flushes what earlier steps wrote (the generated input, the last run's files) before the next timed run. */
export function settleDisk(): void {
  spawnSync('sync');
}

/** Imports `inputPath` into a new incident at `incidentPath` in a fresh process, deletes the incident, and checks it held `expectedEvents`. */
export function importOnce(inputPath: string, incidentPath: string, expectedEvents: number): ChildRun {
  const result = spawnSync(process.execPath, [RUN_TS, CHILD, inputPath, incidentPath], { encoding: 'utf8' });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(incidentPath + suffix, { force: true });
  if (result.status !== 0) throw new Error(`the import child failed: ${result.stderr}`);
  const run = JSON.parse(result.stdout) as ChildRun;
  if (run.events !== expectedEvents) throw new Error(`imported ${run.events} events, expected ${expectedEvents}`);
  return run;
}
