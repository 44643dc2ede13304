/**
 * Benchmark: a very large incident opens quickly. Generates an incident of N events through the store's
 * own bulk writer (SourceWriter, as an import does; then the level-of-detail tables), then five times:
 * IncidentDb.open + incident.info + the first timeline query (whole incident, 600 buckets) + the first
 * event-list page, and a short scrub (density of a 30-minute window at 10 playheads).
 * Target for 10,000,000 events: open + info + first density under 2 s.
 * Size: HINDSIGHT_OPEN_LARGE_EVENTS (default 1,000,000 so `npm run bench` stays bounded; the 10M case is
 * `HINDSIGHT_OPEN_LARGE_EVENTS=10000000 npm run bench -- open-large`, about 2-4 minutes to generate here).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryDensity } from '../src/store/density-query';
import { eventsAround } from '../src/store/event-queries';
import { IncidentDb } from '../src/store/incident-db';
import { readIncidentInfo } from '../src/store/incident-queries';
import { buildLod } from '../src/store/lod-build';
import { beginBulkLoad, SourceWriter } from '../src/store/source-writer';

const EVENTS = Number(process.env.HINDSIGHT_OPEN_LARGE_EVENTS ?? 1_000_000);
const RUNS = 5;
const SOURCES = 5;
const HOSTS = 300;
const START_MS = Date.parse('2026-11-10T12:00:00.000Z');
/** Events are spread over six hours. */
const SPAN_MS = 6 * 60 * 60 * 1000;
const SCRUB_WINDOW_MS = 30 * 60 * 1000;
const LEVELS = ['info', 'info', 'info', 'info', 'debug', 'warn', 'error'] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (ms: number): number => Number(ms.toFixed(2));

function generate(path: string): void {
  const incident = IncidentDb.open(path, { create: true });
  try {
    const bulk = beginBulkLoad(incident);
    const perSource = Math.ceil(EVENTS / SOURCES);
    for (let sourceIndex = 0; sourceIndex < SOURCES; sourceIndex++) {
      const writer = SourceWriter.begin(incident, { name: `fleet-${sourceIndex}.log`, path: `/generated/fleet-${sourceIndex}.log`, format: 'json-lines', sizeBytes: perSource * 120 });
      const count = Math.min(perSource, EVENTS - sourceIndex * perSource);
      const BATCH = 50_000;
      for (let start = 0; start < count; start += BATCH) {
        writer.batch(() => {
          for (let i = start; i < Math.min(count, start + BATCH); i++) {
            const host = `host-${String((i * 7 + sourceIndex) % HOSTS).padStart(3, '0')}`;
            const message = `request ${i} served by ${host} in ${(i * 13) % 900} ms`;
            writer.addEvent(
              { tsMs: START_MS + Math.floor((i / count) * SPAN_MS), tsSubNs: 0, endMs: null, host, service: `svc-${sourceIndex}`, level: LEVELS[i % LEVELS.length]!, kind: null, message, attrsJson: '{}' },
              i + 1,
              message,
            );
          }
        });
      }
      writer.finish(`generated-${sourceIndex}-${count}`, count);
    }
    bulk.end();
    buildLod(incident);
  } finally {
    incident.close();
  }
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-large-'));
  try {
    const path = join(dir, 'large.hindsight');
    const generateStarted = performance.now();
    generate(path);
    const generateMs = performance.now() - generateStarted;
    const opens: number[] = [];
    const firstViews: number[] = [];
    const scrubs: number[] = [];
    let eventCount = 0;
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      const started = performance.now();
      const incident = IncidentDb.open(path);
      const info = readIncidentInfo(incident);
      queryDensity(incident, info.firstTsMs!, info.lastTsMs! + 1, 600, 'source');
      const openToDensityMs = performance.now() - started;
      eventsAround(incident, info.firstTsMs!, 50, 150);
      const firstViewMs = performance.now() - started;
      const scrubTimes: number[] = [];
      for (let step = 0; step < 10; step++) {
        const playheadMs = info.firstTsMs! + ((step + 0.5) / 10) * (info.lastTsMs! - info.firstTsMs!);
        const scrubStarted = performance.now();
        queryDensity(incident, playheadMs - SCRUB_WINDOW_MS / 2, playheadMs + SCRUB_WINDOW_MS / 2, 600, 'source');
        eventsAround(incident, playheadMs, 50, 150);
        scrubTimes.push(performance.now() - scrubStarted);
      }
      incident.close();
      eventCount = info.eventCount;
      opens.push(openToDensityMs);
      firstViews.push(firstViewMs);
      scrubs.push(Math.max(...scrubTimes));
      console.log(JSON.stringify({ bench: 'open.large.run', run: runIndex + 1, openInfoDensityMs: round(openToDensityMs), firstViewMs: round(firstViewMs), worstScrubStepMs: round(Math.max(...scrubTimes)) }));
    }
    console.log(
      JSON.stringify({
        bench: 'open.large',
        events: eventCount,
        fileMiB: Math.round(statSync(path).size / 1024 / 1024),
        generateMs: Math.round(generateMs),
        openInfoDensityMs: round(median(opens)),
        firstViewMs: round(median(firstViews)),
        worstScrubStepMs: round(median(scrubs)),
        medianOf: RUNS,
        targetOpenMs: 2000,
      }),
    );
  } finally {
    if (process.env.HINDSIGHT_KEEP) console.log(dir); else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === __filename) void run();
