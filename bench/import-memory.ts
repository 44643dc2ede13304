/**
 * Benchmark: peak memory of one import by input size, for the import issue's "under 256 MiB for a 1 GiB
 * input, and flat as the input grows". Generates JSON-lines deploy logs of 1,000,000 and 5,000,000 lines
 * (about 210 MB and 1 GiB; BENCH_MEMORY_LINES="n,m,…" for others) and imports each once end to end in a
 * fresh process (bench/import-child.ts), printing its peak resident memory (the whole process: every
 * thread, SQLite's caches, and Node with tsx, about 90 MB of it) and times. Needs about 4 GB of disk
 * for the 1 GiB input and its incident, deleted as it goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOnce, settleDisk } from './import-child-run';
import { writeJsonLinesFile } from './jsonl-generator';

const SIZES = (process.env.BENCH_MEMORY_LINES ?? '1000000,5000000').split(',').map(Number);
const TARGET_MB = 256 * 1.048576;

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-memory-'));
  try {
    const peaks: { lines: number; peakRssMb: number }[] = [];
    for (const lines of SIZES) {
      const inputPath = join(dir, `deploy-${lines}.jsonl`);
      const bytes = writeJsonLinesFile(inputPath, lines);
      settleDisk();
      const ours = importOnce(inputPath, join(dir, 'memory.hindsight'), lines);
      rmSync(inputPath, { force: true });
      peaks.push({ lines, peakRssMb: ours.peakRssMb });
      console.log(
        JSON.stringify({
          bench: 'import.memory.run',
          lines,
          bytes,
          peakRssMb: ours.peakRssMb,
          storeSeconds: Number(ours.storeSeconds.toFixed(2)),
          endToEndSeconds: Number(ours.endToEndSeconds.toFixed(2)),
          derivedMs: ours.derivedMs,
        }),
      );
    }
    const [smallest, largest] = [peaks[0]!, peaks[peaks.length - 1]!];
    console.log(
      JSON.stringify({
        bench: 'import.memory',
        peakRssMbByLines: Object.fromEntries(peaks.map((p) => [p.lines, p.peakRssMb])),
        growthMbPerMillionLines: largest.lines === smallest.lines ? null : Number((((largest.peakRssMb - smallest.peakRssMb) * 1e6) / (largest.lines - smallest.lines)).toFixed(1)),
        targetMb: Math.round(TARGET_MB),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
