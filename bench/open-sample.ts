/**
 * Benchmark: how long a user waits between choosing the sample incident and seeing its timeline.
 * Generates the sample once (timed), then five times: open the file, read its summary, answer the
 * first timeline query (whole incident, 600 buckets, lanes by source) and the first event-list page.
 * Prints one JSON line per run and a summary with medians (milliseconds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleIncident } from '../src/sample/sample-incident';
import { queryDensity } from '../src/store/density-query';
import { eventsAround } from '../src/store/event-queries';
import { IncidentDb } from '../src/store/incident-db';
import { readIncidentInfo } from '../src/store/incident-queries';
import { median } from './bench-stats';

const RUNS = 5;
const FIRST_VIEW_BUCKETS = 600;

const round = (ms: number): number => Number(ms.toFixed(2));

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-open-'));
  try {
    const path = join(dir, 'sample.hindsight');
    const generateStarted = performance.now();
    const summary = await writeSampleIncident(path);
    const generateMs = performance.now() - generateStarted;
    const opens: number[] = [];
    const firstQueries: number[] = [];
    const totals: number[] = [];
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      const started = performance.now();
      const incident = IncidentDb.open(path);
      const info = readIncidentInfo(incident);
      const openedMs = performance.now() - started;
      const density = queryDensity(incident, info.firstTsMs!, info.lastTsMs! + 1, FIRST_VIEW_BUCKETS, 'source');
      const around = eventsAround(incident, info.firstTsMs!, 50, 150);
      const totalMs = performance.now() - started;
      incident.close();
      if (density.lanes.length !== summary.sources.length || around.events.length === 0) throw new Error('the first view came back empty');
      opens.push(openedMs);
      firstQueries.push(totalMs - openedMs);
      totals.push(totalMs);
      console.log(JSON.stringify({ bench: 'open.sample.run', run: runIndex + 1, openMs: round(openedMs), firstViewQueriesMs: round(totalMs - openedMs), totalMs: round(totalMs) }));
    }
    console.log(
      JSON.stringify({
        bench: 'open.sample',
        events: summary.totals.events,
        generateAndImportMs: Math.round(generateMs),
        openMs: round(median(opens)),
        firstViewQueriesMs: round(median(firstQueries)),
        totalMs: round(median(totals)),
        medianOf: RUNS,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
