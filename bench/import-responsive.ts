/**
 * Benchmark: how responsive the service stays while it imports. Imports a generated 1,000,000-line JSON
 * lines file through the API (`import.paths`, which also builds the timeline counts, the full-text
 * index and the fleet model before it returns) and watches the event loop with a 1 ms timer: the
 * longest gap is the longest any other call (a viewer's scrub, a progress event) waited; also how many
 * gaps passed 100 ms, their total, and the five longest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../src/api/dispatch';
import { createService } from '../src/api/service';
import { withLoopWatch } from './bench-stats';
import { writeJsonLinesFile } from './jsonl-generator';

const LINES = Number(process.env.BENCH_RESPONSIVE_LINES ?? 1_000_000);

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-responsive-'));
  const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
  try {
    const logPath = join(dir, 'deploy.jsonl');
    writeJsonLinesFile(logPath, LINES);
    const created = await dispatch(service.handlers, 'incident.create', { path: join(dir, 'responsive.hindsight') });
    if (!created.ok) throw new Error(created.error.message);
    let failure: string | null = null;
    const { wallMs, maxBlockMs, blocksOver100Ms, blockedMsOver100Ms, longestBlocksMs } = await withLoopWatch(async () => {
      const imported = await dispatch(service.handlers, 'import.paths', { paths: [logPath] });
      if (!imported.ok) failure = imported.error.message;
    });
    if (failure !== null) throw new Error(failure);
    console.log(JSON.stringify({ bench: 'import.responsive', lines: LINES, importWithDerivedSeconds: Number((wallMs / 1000).toFixed(2)), maxEventLoopBlockMs: Math.round(maxBlockMs), blocksOver100Ms, blockedMsOver100Ms, longestBlocksMs }));
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
