/**
 * Benchmark: mining message patterns (Drain, one streaming pass) and the whole "what changed" report.
 * On the sample incident (≈270k events) and on a generated incident of BENCH_INSIGHT_EVENTS events
 * (default 1,000,000: 300 hosts, 40 message shapes with numbers, ids and paths). Prints the median of
 * three runs: mining ms and events/s, storing the tables, and the report (detectors) from stored patterns.
 * Also the cost of mining right after an import (`warmInsightPatterns`: chunked, yielding to the event
 * loop, then stored), as wall ms, as a share of the sample's generation + import time, and the longest
 * stretch it kept the event loop busy (what another call waits at worst while it runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Level } from '../src/model/event';
import { Prng } from '../src/sample/prng';
import { writeSampleIncident } from '../src/sample/sample-incident';
import { IncidentDb } from '../src/store/incident-db';
import { minePatterns, patternIndexOf, warmInsightPatterns } from '../src/store/insight-patterns';
import { insightReport } from '../src/store/insight-report';
import { beginBulkLoad, SourceWriter } from '../src/store/source-writer';
import { withLoopWatch } from './bench-stats';

const EVENTS = Number(process.env.BENCH_INSIGHT_EVENTS ?? 1_000_000);
const RUNS = 3;

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Writes `count` events of 40 message shapes across 300 hosts over six hours. */
function generate(incident: IncidentDb, count: number): void {
  const prng = new Prng(7);
  const shapes = Array.from({ length: 40 }, (_, i) => (p: Prng) =>
    `svc${i} ${['served', 'flushed', 'retrying', 'opened'][i % 4]} ${p.int(1, 9999)} items from 10.0.${p.int(0, 255)}.${p.int(0, 255)} in ${p.int(1, 900)}ms id ${p.hex(12)} path /var/lib/svc${i}/${p.hex(6)}.dat`);
  const levels: Level[] = ['debug', 'info', 'info', 'info', 'warn', 'error'];
  const baseMs = Date.UTC(2026, 10, 10, 11, 0, 0);
  const bulk = beginBulkLoad(incident);
  const writer = SourceWriter.begin(incident, { name: 'generated.jsonl', path: '/bench/generated.jsonl', format: 'json-lines', sizeBytes: 0 });
  for (let start = 0; start < count; start += 50_000) {
    writer.batch(() => {
      for (let i = start; i < Math.min(count, start + 50_000); i++) {
        const message = shapes[prng.int(0, shapes.length - 1)]!(prng);
        const host = `host-${String(prng.int(1, 300)).padStart(3, '0')}`;
        writer.addEvent({ tsMs: baseMs + Math.floor((i / count) * 6 * 3_600_000), tsSubNs: 0, endMs: null, host, service: null, level: levels[prng.int(0, levels.length - 1)]!, kind: null, message, attrsJson: '{}' }, i + 1, message);
      }
    });
  }
  writer.finish('generated', count);
  bulk.end();
}

function measure(label: string, path: string): void {
  const incident = IncidentDb.open(path);
  try {
    let eventCount = 0;
    let patternCount = 0;
    const mineMs = medianOf(
      Array.from({ length: RUNS }, () =>
        timeMs(() => {
          const index = minePatterns(incident);
          eventCount = index.eventCount;
          patternCount = index.patterns.length;
        }),
      ),
    );
    const mineAndStoreMs = timeMs(() => patternIndexOf(incident));
    const reportMs = medianOf(Array.from({ length: RUNS }, () => timeMs(() => insightReport(incident))));
    console.log(
      JSON.stringify({
        bench: 'insight-patterns',
        incident: label,
        events: eventCount,
        patterns: patternCount,
        mineMsMedian: Math.round(mineMs),
        mineEventsPerSecond: Math.round(eventCount / (mineMs / 1000)),
        firstBuildWithStoreMs: Math.round(mineAndStoreMs),
        reportMsMedian: Math.round(reportMs),
      }),
    );
  } finally {
    incident.close();
  }
}


async function measureWarm(label: string, path: string, importMs: number | null): Promise<void> {
  const runs: { wallMs: number; maxBlockMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const incident = IncidentDb.open(path);
    try {
      incident.db.prepare("DELETE FROM derived_state WHERE name = 'insight'").run();
      runs.push(await withLoopWatch(() => warmInsightPatterns(incident)));
    } finally {
      incident.close();
    }
  }
  const wallMs = medianOf(runs.map((r) => r.wallMs));
  console.log(
    JSON.stringify({
      bench: 'insight-after-import',
      incident: label,
      warmMsMedian: Math.round(wallMs),
      maxEventLoopBlockMsMedian: Math.round(medianOf(runs.map((r) => r.maxBlockMs))),
      ...(importMs === null ? {} : { sampleGenerateAndImportMs: Math.round(importMs), warmShareOfImport: Number((wallMs / importMs).toFixed(2)) }),
    }),
  );
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-insight-'));
  try {
    const samplePath = join(dir, 'sample.hindsight');
    const importStart = performance.now();
    await writeSampleIncident(samplePath);
    const importMs = performance.now() - importStart;
    await measureWarm('sample', samplePath, importMs);
    measure('sample', samplePath);
    const generatedPath = join(dir, 'generated.hindsight');
    const incident = IncidentDb.open(generatedPath, { create: true });
    generate(incident, EVENTS);
    incident.close();
    await measureWarm(`generated-${EVENTS}`, generatedPath, null);
    measure(`generated-${EVENTS}`, generatedPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
