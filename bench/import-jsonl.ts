/**
 * Benchmark: end-to-end import of a 1,000,000-line JSON-lines file into a fresh incident, three runs.
 * Prints one JSON line per run and a summary with the median. Also times a parse-only peer (read the
 * file, JSON.parse every line, no SQLite) so a slow or noisy machine can be factored out:
 * `importerToParseOnlyRatio` is import time divided by parse-only time. `cpuSeconds` is the CPU time of
 * the import over all threads (user + system): the import reads and parses in a worker thread while
 * the importing thread writes SQLite, so on a busy machine it shows how much work was done apart from
 * how long it waited for a core.
 * NOTE: peakRssMb is process.resourceUsage().maxRSS, the peak of the whole process so far.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../src/importers/import-paths';
import { readLines } from '../src/importers/line-reader';
import { IncidentDb } from '../src/store/incident-db';
import { writeJsonLinesFile } from './jsonl-generator';

const LINE_COUNT = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const RUNS = 3;

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function parseOnlySeconds(path: string): Promise<number> {
  const started = process.hrtime.bigint();
  let objects = 0;
  for await (const batch of readLines(path)) {
    for (const line of batch.lines) if (JSON.parse(line) !== null) objects++;
  }
  if (objects !== LINE_COUNT) throw new Error(`parse-only read ${objects} objects, expected ${LINE_COUNT}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-import-'));
  try {
    const inputPath = join(dir, 'deploy.jsonl');
    const bytes = writeJsonLinesFile(inputPath, LINE_COUNT);
    const rates: number[] = [];
    const parseOnly: number[] = [];
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      const incidentPath = join(dir, `run-${runIndex}.hindsight`);
      const incident = IncidentDb.open(incidentPath, { create: true });
      const startedCpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const summary = await importPaths(incident, [inputPath]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(startedCpu);
      incident.close();
      if (summary.totals.events !== LINE_COUNT) throw new Error(`imported ${summary.totals.events} events, expected ${LINE_COUNT}`);
      const parseSeconds = await parseOnlySeconds(inputPath);
      parseOnly.push(parseSeconds);
      const linesPerSec = Math.round(LINE_COUNT / seconds);
      rates.push(linesPerSec);
      console.log(
        JSON.stringify({
          bench: 'import.jsonl.run',
          run: runIndex + 1,
          lines: LINE_COUNT,
          bytes,
          seconds: Number(seconds.toFixed(3)),
          linesPerSec,
          cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
          parseOnlyLinesPerSec: Math.round(LINE_COUNT / parseSeconds),
          importerToParseOnlyRatio: Number((seconds / parseSeconds).toFixed(2)),
          peakRssMb: peakRssMb(),
        }),
      );
      rmSync(incidentPath, { force: true });
    }
    const medianRate = median(rates);
    console.log(
      JSON.stringify({
        bench: 'import.jsonl',
        lines: LINE_COUNT,
        linesPerSec: medianRate,
        parseOnlyLinesPerSec: Math.round(LINE_COUNT / median(parseOnly)),
        importerToParseOnlyRatio: Number((median(parseOnly) === 0 ? 0 : LINE_COUNT / medianRate / median(parseOnly)).toFixed(2)),
        peakRssMb: peakRssMb(),
        medianOf: RUNS,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
