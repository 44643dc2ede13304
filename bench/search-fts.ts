/**
 * Benchmark: search and filters over 1,000,000 events (BENCH_SEARCH_EVENTS). Writes seeded events with
 * a vocabulary of rare, medium and common words straight through the store, builds the FTS5 index (the
 * one-off cost at the end of an import), then times the first page of the event list (`events.around`,
 * 150 rows at a random instant) for full-text and structured filters, and a filtered timeline density
 * (raw rows through the covering index). Prints medians and worst of BENCH_SEARCH_RUNS runs each.
 * Target: the first page of a full-text search under 5 ms at 1M events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Level } from '../src/model/event';
import { Prng } from '../src/sample/prng';
import { parseFilter } from '../src/search/filter-parser';
import { queryDensity } from '../src/store/density-query';
import { eventsAround } from '../src/store/event-queries';
import { IncidentDb } from '../src/store/incident-db';
import { buildSearchIndex } from '../src/store/search-index';
import { beginBulkLoad, SourceWriter } from '../src/store/source-writer';

const EVENTS = Number(process.env.BENCH_SEARCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 25);
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * 3_600_000;
const BATCH = 50_000;
const LEVEL_MIX: Level[] = ['debug', 'info', 'info', 'info', 'info', 'info', 'notice', 'warn', 'error'];

/** Messages by frequency: "panic" in about 0.1% of events, "rsync" in about 5%, "healthcheck" in about 40%. */
function messageFor(prng: Prng): string {
  const r = prng.next();
  if (r < 0.001) return `rsync: panic while copying segment ${prng.int(1, 9999)}`;
  if (r < 0.05) return `rsync transfer of segment ${prng.int(1, 9999)} finished`;
  if (r < 0.45) return `healthcheck ok latency ${prng.int(1, 900)} ms`;
  return `GET /api/v1/items/${prng.int(1, 99999)} 200`;
}

function generate(incident: IncidentDb): void {
  const prng = new Prng(7);
  const bulk = beginBulkLoad(incident);
  try {
    const writer = SourceWriter.begin(incident, { name: 'bench.jsonl', path: '/bench/bench.jsonl', format: 'json-lines', sizeBytes: 0 });
    const times = Float64Array.from({ length: EVENTS }, () => BASE_MS + prng.int(0, SPAN_MS)).sort();
    for (let start = 0; start < EVENTS; start += BATCH) {
      writer.batch(() => {
        for (let i = start; i < Math.min(EVENTS, start + BATCH); i++) {
          const message = messageFor(prng);
          const host = `${prng.pick(['api', 'storage', 'worker'])}-${String(prng.int(1, 100)).padStart(3, '0')}`;
          const level = LEVEL_MIX[prng.int(0, LEVEL_MIX.length - 1)]!;
          writer.addEvent(
            { tsMs: times[i]!, tsSubNs: 0, endMs: null, host, service: `svc-${prng.int(1, 12)}`, level, kind: null, message, attrsJson: '{}' },
            i + 1,
            message,
          );
        }
      });
    }
    writer.finish('bench', EVENTS);
  } finally {
    bulk.end();
  }
}

function summary(times: number[]): { medianMs: number; worstMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(3)), worstMs: Number(sorted[sorted.length - 1]!.toFixed(3)) };
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-search-'));
  try {
    const incident = IncidentDb.open(join(dir, 'search.hindsight'), { create: true });
    generate(incident);
    const buildStart = performance.now();
    buildSearchIndex(incident);
    console.log(JSON.stringify({ bench: 'search-fts', events: EVENTS, figure: 'index-build', ms: Math.round(performance.now() - buildStart) }));
    const prng = new Prng(11);
    const cases = ['panic', 'rsync', 'healthcheck', '"transfer of segment"', 'level>=error healthcheck', 'host:storage-* level>=error', 'host:storage-01* level>=warn rsync'];
    for (const text of cases) {
      const filter = parseFilter(text);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const tsMs = BASE_MS + prng.int(0, SPAN_MS);
        const start = performance.now();
        const page = eventsAround(incident, tsMs, 50, 150, filter);
        times.push(performance.now() - start);
        rows = page.events.length;
      }
      console.log(JSON.stringify({ bench: 'search-fts', events: EVENTS, figure: 'first-page', filter: text, rows, ...summary(times) }));
    }
    for (const text of ['host:storage-* level>=error', 'panic', 'rsync', 'healthcheck']) {
      const filter = parseFilter(text);
      const times: number[] = [];
      for (let i = 0; i < Math.min(RUNS, 7); i++) {
        const start = performance.now();
        queryDensity(incident, BASE_MS, BASE_MS + SPAN_MS, 1000, 'source', filter);
        times.push(performance.now() - start);
      }
      console.log(JSON.stringify({ bench: 'search-fts', events: EVENTS, figure: 'filtered-density-whole-incident', filter: text, ...summary(times) }));
    }
    incident.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
