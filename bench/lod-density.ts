/**
 * Benchmark: `timeline.density` from the level-of-detail table. For each size in BENCH_LOD_SIZES
 * (default 1,000,000; add 10000000 for the 10M figure, about a minute more), writes seeded events
 * straight through the store into a fresh incident, builds the LOD, then times queries for random
 * viewports at every zoom (spans from 10 ms to the whole incident). Prints the build's cost (part of every
 * import), then per lane kind, on a freshly opened incident: the first query without warming
 * (`firstQueryColdMs`: reads one level), the cost of warming every level as opening does (`warmMs`),
 * and median, p95 and worst over the viewports. Targets: worst under 8 ms at 1M and under 16 ms at 10M,
 * for every lane kind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Level } from '../src/model/event';
import { Prng } from '../src/sample/prng';
import { queryDensity } from '../src/store/density-query';
import { IncidentDb } from '../src/store/incident-db';
import { buildLod } from '../src/store/lod-build';
import { warmLod } from '../src/store/lod-index';
import { beginBulkLoad, SourceWriter } from '../src/store/source-writer';

const SIZES = (process.env.BENCH_LOD_SIZES ?? '1000000').split(',').map(Number);
const VIEWPORTS = Number(process.env.BENCH_LOD_VIEWPORTS ?? 400);
const SOURCES = 8;
const HOSTS = 300;
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * 3_600_000;
const BATCH = 50_000;
const LEVEL_MIX: Level[] = ['debug', 'info', 'info', 'info', 'info', 'info', 'notice', 'warn', 'error'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Writes `count` events over six hours (a fifth of them in a dense hourly burst), spread over SOURCES sources. */
function generate(incident: IncidentDb, count: number): void {
  const prng = new Prng(20261110);
  const bulk = beginBulkLoad(incident);
  try {
    const perSource = Math.ceil(count / SOURCES);
    for (let s = 0; s < SOURCES; s++) {
      const writer = SourceWriter.begin(incident, { name: `source-${s}.jsonl`, path: `/bench/source-${s}.jsonl`, format: 'json-lines', sizeBytes: 0 });
      const n = Math.min(perSource, count - s * perSource);
      const times = Float64Array.from({ length: n }, () => (prng.chance(0.2) ? BASE_MS + prng.int(0, 5) * 3_600_000 + prng.int(0, 120_000) : BASE_MS + prng.int(0, SPAN_MS)));
      times.sort();
      for (let start = 0; start < n; start += BATCH) {
        writer.batch(() => {
          for (let i = start; i < Math.min(n, start + BATCH); i++) {
            const host = `host-${String(prng.int(1, HOSTS)).padStart(3, '0')}`;
            const level = LEVEL_MIX[prng.int(0, LEVEL_MIX.length - 1)]!;
            writer.addEvent({ tsMs: times[i]!, tsSubNs: 0, endMs: null, host, service: `svc-${prng.int(1, 12)}`, level, kind: null, message: 'bench event', attrsJson: '{}' }, i + 1, 'bench event');
          }
        });
      }
      writer.finish(`bench-${s}`, n);
    }
  } finally {
    bulk.end();
  }
}

function timeViewports(incident: IncidentDb, laneBy: 'source' | 'host' | 'service', prng: Prng): number[] {
  const times: number[] = [];
  for (let i = 0; i < VIEWPORTS; i++) {
    const spanMs = Math.round(Math.exp(Math.log(10) + prng.next() * (Math.log(SPAN_MS) - Math.log(10))));
    const fromMs = BASE_MS + Math.round(prng.next() * (SPAN_MS - spanMs));
    const bucketCount = prng.int(200, 2000);
    const started = process.hrtime.bigint();
    queryDensity(incident, fromMs, fromMs + spanMs, bucketCount, laneBy);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-lod-'));
    try {
      const path = join(dir, 'lod.hindsight');
      const incident = IncidentDb.open(path, { create: true });
      let started = process.hrtime.bigint();
      generate(incident, size);
      const generateS = Number(process.hrtime.bigint() - started) / 1e9;
      started = process.hrtime.bigint();
      buildLod(incident);
      const buildS = Number(process.hrtime.bigint() - started) / 1e9;
      const lodBytes = incident.db.prepare('SELECT SUM(LENGTH(offsets) + LENGTH(cells) + LENGTH(cumulative)) FROM lod_levels').pluck().get() as number;
      incident.close();
      console.log(JSON.stringify({ bench: 'lod.build', events: size, generateSeconds: +generateS.toFixed(2), buildSeconds: +buildS.toFixed(3), lodMiB: +(lodBytes / 2 ** 20).toFixed(1) }));
      for (const laneBy of ['source', 'service', 'host'] as const) {
        const cold = IncidentDb.open(path, { readOnly: true });
        started = process.hrtime.bigint();
        queryDensity(cold, BASE_MS, BASE_MS + SPAN_MS, 1000, laneBy);
        const firstQueryColdMs = Number(process.hrtime.bigint() - started) / 1e6;
        cold.close();
        const opened = IncidentDb.open(path, { readOnly: true });
        started = process.hrtime.bigint();
        warmLod(opened);
        const warmMs = Number(process.hrtime.bigint() - started) / 1e6;
        const times = timeViewports(opened, laneBy, new Prng(99));
        opened.close();
        console.log(
          JSON.stringify({
            bench: 'lod.density',
            events: size,
            laneBy,
            viewports: times.length,
            firstQueryColdMs: +firstQueryColdMs.toFixed(1),
            warmMs: +warmMs.toFixed(1),
            medianMs: +percentile(times, 0.5).toFixed(3),
            p95Ms: +percentile(times, 0.95).toFixed(3),
            worstMs: +times[times.length - 1]!.toFixed(3),
            targetWorstMs: size >= 10_000_000 ? 16 : 8,
          }),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
