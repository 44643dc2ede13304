/**
 * Benchmark: `stateAt` of the rollout model for a fleet of 1,000 hosts (BENCH_STATE_HOSTS), each with a
 * full upgrade (drain, reimage, bootstrap, health check), some failing and rolling back, plus a
 * background of log events with warnings and errors. Times stateAt at 2,000 random instants; prints
 * median, p99 and worst. Target: under 1 ms.
 */
import type { Level } from '../src/model/event';
import { FleetBuilder } from '../src/replay/fleet-builder';
import { FleetModel } from '../src/replay/fleet-model';
import { Prng } from '../src/sample/prng';

const HOSTS = Number(process.env.BENCH_STATE_HOSTS ?? 1000);
const EVENTS_PER_HOST = 300;
const QUERIES = 2000;
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * 3_600_000;

function buildModel(): FleetModel {
  const prng = new Prng(4);
  const builder = new FleetBuilder();
  let id = 1;
  const steps = ['upgrade.started', 'drain.started', 'reimage.started', 'reimage.completed', 'bootstrap.started', 'bootstrap.completed', 'healthcheck.passed', 'upgrade.completed'];
  for (let h = 0; h < HOSTS; h++) {
    const host = `${['api', 'storage', 'worker'][h % 3]}-${String(h).padStart(4, '0')}`;
    let tsMs = BASE_MS + prng.int(0, SPAN_MS / 2);
    const attrs = { rollout_id: 'bench', role: host.split('-')[0], wave: Math.floor(h / 100), from_version: 'v1', to_version: 'v2', os_image: 'v2' };
    for (const step of steps) {
      tsMs += prng.int(10_000, 120_000);
      builder.add({ id: id++, tsMs, host, level: 'info', kind: `host.${step}`, message: step, attrs });
      if (step === 'bootstrap.started' && prng.chance(0.05)) {
        builder.add({ id: id++, tsMs: tsMs + 1000, host, level: 'error', kind: 'host.bootstrap.failed', message: 'failed', attrs: { ...attrs, phase: 'failed' } });
        builder.add({ id: id++, tsMs: tsMs + 60_000, host, level: 'warn', kind: 'host.rollback.started', message: 'rollback', attrs: { ...attrs, from_version: 'v2', to_version: 'v1' } });
        builder.add({ id: id++, tsMs: tsMs + 400_000, host, level: 'info', kind: 'host.rollback.completed', message: 'rolled back', attrs: { ...attrs, from_version: 'v2', to_version: 'v1' } });
        break;
      }
    }
    for (let i = 0; i < EVENTS_PER_HOST; i++) {
      const level: Level = prng.chance(0.03) ? 'error' : prng.chance(0.08) ? 'warn' : 'info';
      builder.add({ id: id++, tsMs: BASE_MS + prng.int(0, SPAN_MS), host, level, kind: null, message: 'log line', attrs: null });
    }
  }
  return new FleetModel(builder.finish());
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const model = buildModel();
  const prng = new Prng(8);
  for (let i = 0; i < 200; i++) model.stateAt(BASE_MS + prng.int(0, SPAN_MS));
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const tsMs = BASE_MS + prng.int(-600_000, SPAN_MS + 600_000);
    const started = process.hrtime.bigint();
    model.stateAt(tsMs);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (p: number): number => +times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(4);
  console.log(JSON.stringify({ bench: 'replay.stateAt', hosts: model.hostCount, queries: QUERIES, medianMs: at(0.5), p99Ms: at(0.99), worstMs: at(1), targetMs: 1 }));
}
