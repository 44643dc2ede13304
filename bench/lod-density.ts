/**
 * Benchmark: `timeline.density` from the level-of-detail table. For each size in BENCH_LOD_SIZES
 * (default 1,000,000; add 10000000 for the 10M figure, about a minute more), writes seeded events
 * straight through the store into a fresh incident, builds the LOD, then times queries for random
 * viewports at every zoom (spans from 10 ms to the whole incident). Prints the build's cost (part of every
 * import), then per lane kind, on a freshly opened incident: the first query without warming
 * (`firstQueryColdMs`: reads one level), the cost of warming every level as opening does (`warmMs`),
 * and median, p95 and worst over the viewports (each the median of BENCH_LOD_PASSES runs, default 3). Host lanes are timed twice: the whole width (every host
 * in one answer) and as the renderer asks since lane windows (`laneWindow`: ~40 consecutive hosts, plus
 * the group lanes it draws headers from, `laneBy: "group"`). Targets: worst under 8 ms at 1M and under
 * 16 ms at 10M, for every lane kind as the timeline asks for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Level } from '../src/model/event';
import type { DensityLaneBy } from '../src/model/timeline';
import { Prng } from '../src/sample/prng';
import { queryDensity } from '../src/store/density-query';
import { IncidentDb } from '../src/store/incident-db';
import { buildLod } from '../src/store/lod-build';
import { warmLod } from '../src/store/lod-index';
import { fleetModelOf } from '../src/store/replay-cache';
import { beginBulkLoad, SourceWriter } from '../src/store/source-writer';

const SIZES = (process.env.BENCH_LOD_SIZES ?? '1000000').split(',').map(Number);
const VIEWPORTS = Number(process.env.BENCH_LOD_VIEWPORTS ?? 400);
const SOURCES = 8;
const HOSTS = 300;
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * 3_600_000;
const BATCH = 50_000;
const LEVEL_MIX: Level[] = ['debug', 'info', 'info', 'info', 'info', 'info', 'notice', 'warn', 'error'];

/** Runs of the whole viewport set per query kind; figures are medians over runs. */
const PASSES = Number(process.env.BENCH_LOD_PASSES ?? 3);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

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

/** Hosts in one windowed request: about the rows a lane box shows, plus overscan. */
const WINDOW_LANES = 40;

/** What one timed query asks for: a lane kind and, for host windows, every host key in lane order. */
interface BenchQuery {
  laneBy: DensityLaneBy;
  windowOf?: readonly string[];
}

function timeViewports(incident: IncidentDb, query: BenchQuery, prng: Prng): number[] {
  const { laneBy, windowOf } = query;
  const times: number[] = [];
  for (let i = 0; i < VIEWPORTS; i++) {
    const spanMs = Math.round(Math.exp(Math.log(10) + prng.next() * (Math.log(SPAN_MS) - Math.log(10))));
    const fromMs = BASE_MS + Math.round(prng.next() * (SPAN_MS - spanMs));
    const bucketCount = prng.int(200, 2000);
    const first = windowOf === undefined ? 0 : prng.int(0, Math.max(0, windowOf.length - WINDOW_LANES));
    const laneKeys = windowOf?.slice(first, first + WINDOW_LANES);
    const started = process.hrtime.bigint();
    queryDensity(incident, fromMs, fromMs + spanMs, bucketCount, laneBy, undefined, laneKeys);
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
      // NOTE: an import stores the rollout model too (derived-tables.ts); group lanes read its host groups.
      fleetModelOf(incident);
      const lodBytes = incident.db.prepare('SELECT SUM(LENGTH(offsets) + LENGTH(cells) + LENGTH(cumulative)) FROM lod_levels').pluck().get() as number;
      incident.close();
      console.log(JSON.stringify({ bench: 'lod.build', events: size, generateSeconds: +generateS.toFixed(2), buildSeconds: +buildS.toFixed(3), lodMiB: +(lodBytes / 2 ** 20).toFixed(1) }));
      const hostKeys = (() => {
        const opened = IncidentDb.open(path, { readOnly: true });
        const keys = queryDensity(opened, BASE_MS, BASE_MS + SPAN_MS, 1, 'host').lanes.map((lane) => lane.key);
        opened.close();
        return keys;
      })();
      const queries: (BenchQuery & { name: string })[] = [
        { name: 'source', laneBy: 'source' },
        { name: 'service', laneBy: 'service' },
        { name: 'host', laneBy: 'host' },
        { name: 'host-window', laneBy: 'host', windowOf: hostKeys },
        { name: 'group', laneBy: 'group' },
      ];
      for (const { name, ...query } of queries) {
        const { laneBy } = query;
        const cold = IncidentDb.open(path, { readOnly: true });
        started = process.hrtime.bigint();
        queryDensity(cold, BASE_MS, BASE_MS + SPAN_MS, 1000, laneBy);
        const firstQueryColdMs = Number(process.hrtime.bigint() - started) / 1e6;
        cold.close();
        const opened = IncidentDb.open(path, { readOnly: true });
        started = process.hrtime.bigint();
        warmLod(opened);
        if (laneBy === 'group') fleetModelOf(opened);
        const warmMs = Number(process.hrtime.bigint() - started) / 1e6;
        // NOTE: the machine is shared, so each figure is the median over PASSES runs of the same viewports.
        const passes = Array.from({ length: PASSES }, () => timeViewports(opened, query, new Prng(99)));
        opened.close();
        const figure = (pick: (times: number[]) => number) => +median(passes.map(pick)).toFixed(3);
        console.log(
          JSON.stringify({
            bench: 'lod.density',
            events: size,
            laneBy,
            ...(query.windowOf === undefined ? {} : { laneWindow: WINDOW_LANES, lanesTotal: query.windowOf.length }),
            query: name,
            viewports: VIEWPORTS,
            passes: PASSES,
            firstQueryColdMs: +firstQueryColdMs.toFixed(1),
            warmMs: +warmMs.toFixed(1),
            medianMs: figure((times) => percentile(times, 0.5)),
            p95Ms: figure((times) => percentile(times, 0.95)),
            worstMs: figure((times) => times[times.length - 1]!),
            targetWorstMs: size >= 10_000_000 ? 16 : 8,
          }),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
