/**
 * Benchmark: `timeline.density` from the level-of-detail table. For each size in BENCH_LOD_SIZES
 * (default 1,000,000; add 10000000 for the 10M figure, about a minute more), writes seeded events
 * straight through the store into a fresh incident, builds the LOD, then times queries for random
 * viewports at every zoom (spans from 10 ms to the whole incident). Prints median, p95 and worst per lane
 * kind, after loading each level once (`levelLoadMs`: the one-off cost when an incident is first drawn). Targets: worst under 8 ms at 1M and under 16 ms at 10M (source lanes, as the timeline draws).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Level } from '../src/model/event';
import { Prng } from '../src/sample/prng';
import { queryDensity } from '../src/store/density-query';
import { IncidentDb } from '../src/store/incident-db';
import { buildLod, LOD_LEVEL_EXPS } from '../src/store/lod-build';
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
      const incident = IncidentDb.open(join(dir, 'lod.hindsight'), { create: true });
      let started = process.hrtime.bigint();
      generate(incident, size);
      const generateS = Number(process.hrtime.bigint() - started) / 1e9;
      started = process.hrtime.bigint();
      buildLod(incident);
      const buildS = Number(process.hrtime.bigint() - started) / 1e9;
      const rows = incident.db.prepare('SELECT COUNT(*) FROM lod_buckets').pluck().get() as number;
      console.log(JSON.stringify({ bench: 'lod.build', events: size, generateSeconds: +generateS.toFixed(2), buildSeconds: +buildS.toFixed(2), lodRows: rows }));
      for (const laneBy of ['source', 'service', 'host'] as const) {
        const loadStarted = process.hrtime.bigint();
        for (const exp of LOD_LEVEL_EXPS) queryDensity(incident, BASE_MS, BASE_MS + 2 ** exp * 16, 1, laneBy);
        const levelLoadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
        const times = timeViewports(incident, laneBy, new Prng(99));
        console.log(
          JSON.stringify({
            bench: 'lod.density',
            events: size,
            laneBy,
            viewports: times.length,
            levelLoadMs: +levelLoadMs.toFixed(1),
            medianMs: +percentile(times, 0.5).toFixed(3),
            p95Ms: +percentile(times, 0.95).toFixed(3),
            worstMs: +times[times.length - 1]!.toFixed(3),
            targetWorstMs: size >= 10_000_000 ? 16 : 8,
          }),
        );
      }
      incident.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
