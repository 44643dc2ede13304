/**
 * Benchmark: `hindsight serve` holding a postmortem meeting. A separate server process serves the
 * sample incident read-only on 127.0.0.1; 25 simulated viewers (each from its own loopback address,
 * so each gets its own rate-limit bucket, as people on their own machines would) scrub the timeline
 * for a fixed time — every playhead move asks for replay.stateAt and events.around, every fourth also
 * for timeline.density of the visible window — then the run stops by itself. The server's first view
 * (loading its caches) is timed apart, before the viewers join.
 * Prints JSON lines: latency percentiles per method and overall (milliseconds), errors, and the load
 * average. Target: p99 < 100 ms, no errors. Environment: HINDSIGHT_LOAD_VIEWERS (25),
 * HINDSIGHT_LOAD_SECONDS (20), HINDSIGHT_LOAD_THINK_MS (250, pause between playhead moves).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentInfo } from '../src/model/incident';

const VIEWERS = Number(process.env.HINDSIGHT_LOAD_VIEWERS ?? 25);
const DURATION_MS = Number(process.env.HINDSIGHT_LOAD_SECONDS ?? 20) * 1000;
const THINK_MS = Number(process.env.HINDSIGHT_LOAD_THINK_MS ?? 250);
const VISIBLE_WINDOW_MS = 30 * 60 * 1000;
const DENSITY_BUCKETS = 600;

interface Served {
  port: number;
  token: string;
}

interface Sample {
  method: string;
  latencyMs: number;
  /** Time the server spent in the call and its encoding (its Server-Timing header); the rest is queueing and transport. */
  serverMs: number;
  isError: boolean;
}

/** The server side, run in its own process so the viewers' event loop does not skew its latency. */
async function serve(incidentPath: string, dataDir: string): Promise<void> {
  const { startHttpShell } = await import('../src/server/http-shell');
  const shell = await startHttpShell({ incidentPath, dataDir, rendererDir: dataDir, readOnly: true });
  process.send?.({ port: shell.port, token: shell.token } satisfies Served);
  process.once('disconnect', () => void shell.close().then(() => process.exit(0)));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
}

function call(served: Served, agent: Agent, method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; serverMs?: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: served.port, agent, method: 'POST', path: `/api/call/${method}`, headers: { 'Content-Type': 'application/json', 'x-hindsight-token': served.token } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            const serverMs = Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1] ?? Number.NaN);
            resolve(res.statusCode === 200 ? { ...(JSON.parse(body) as { ok: boolean; value?: unknown }), serverMs } : { ok: false });
          } catch {
            resolve({ ok: false });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

/** One viewer: scrubs back and forth across the incident until `stopAtMs`. */
async function viewer(index: number, served: Served, info: IncidentInfo, stopAtMs: number, samples: Sample[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 2, localAddress: `127.0.0.${10 + index}` });
  const firstMs = info.firstTsMs!;
  const spanMs = info.lastTsMs! - firstMs;
  let playheadMs = firstMs + ((index * 7919) % 1000) / 1000 * spanMs;
  let direction = index % 2 === 0 ? 1 : -1;
  const timed = async (method: string, args: unknown): Promise<void> => {
    const started = performance.now();
    let isError = false;
    let serverMs = Number.NaN;
    try {
      const answer = await call(served, agent, method, args);
      isError = !answer.ok;
      serverMs = answer.serverMs ?? Number.NaN;
    } catch {
      isError = true;
    }
    samples.push({ method, latencyMs: performance.now() - started, serverMs, isError });
  };
  for (let step = 0; Date.now() < stopAtMs; step++) {
    playheadMs += direction * (5_000 + ((step * 104_729 + index) % 60_000));
    if (playheadMs > firstMs + spanMs || playheadMs < firstMs) {
      direction = -direction;
      playheadMs = Math.min(firstMs + spanMs, Math.max(firstMs, playheadMs));
    }
    const tsMs = Math.round(playheadMs);
    const calls = [timed('replay.stateAt', { tsMs }), timed('events.around', { tsMs, before: 50, after: 150 })];
    if (step % 4 === 0) {
      calls.push(timed('timeline.density', { fromMs: tsMs - VISIBLE_WINDOW_MS / 2, toMs: tsMs + VISIBLE_WINDOW_MS / 2, bucketCount: DENSITY_BUCKETS, laneBy: 'source' }));
    }
    await Promise.all(calls);
    await new Promise((resolve) => setTimeout(resolve, THINK_MS));
  }
  agent.destroy();
}

function summarise(name: string, samples: Sample[]): Record<string, unknown> {
  const sorted = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
  const server = samples.map((sample) => sample.serverMs).filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b);
  return {
    bench: name,
    requests: samples.length,
    errors: samples.filter((sample) => sample.isError).length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: percentile(sorted, 100),
    serverP50Ms: percentile(server, 50),
    serverP99Ms: percentile(server, 99),
    serverMaxMs: percentile(server, 100),
  };
}

/**
 * Opens the incident once for writing and asks the first timeline and replay questions, as the
 * presenter does before the meeting: that stores the derived tables (level-of-detail counts, replay
 * cache), which a read-only server cannot write itself.
 * NOTE: without this, a never-opened incident served --read-only answers density from raw rows
 * (tens of ms) and recomputes the replay cache in memory on first use (seconds).
 */
async function prepare(incidentPath: string, dataDir: string): Promise<void> {
  const { createService } = await import('../src/api/service');
  const { dispatch } = await import('../src/api/dispatch');
  const service = createService({ dataDir, emit: () => undefined });
  try {
    const info = service.openIncident(incidentPath);
    await dispatch(service.handlers, 'replay.stateAt', { tsMs: info.firstTsMs! });
    await dispatch(service.handlers, 'timeline.density', { fromMs: info.firstTsMs!, toMs: info.lastTsMs! + 1, bucketCount: DENSITY_BUCKETS });
  } finally {
    service.close();
  }
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-serve-'));
  let server: ChildProcess | null = null;
  try {
    const { writeSampleIncident } = await import('../src/sample/sample-incident');
    const incidentPath = join(dir, 'sample.hindsight');
    await writeSampleIncident(incidentPath);
    await prepare(incidentPath, dir);
    server = fork(join(__dirname, '..', 'bin', 'run-ts.mjs'), [__filename, '--serve', incidentPath, dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const served = await new Promise<Served>((resolve, reject) => {
      server!.once('message', (message) => resolve(message as Served));
      server!.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening`)));
    });
    const probe = new Agent({ keepAlive: false });
    const info = (await call(served, probe, 'incident.info', {})).value as IncidentInfo;
    // The presenter opens the incident before people join: the server's first answers load the
    // level-of-detail counts and replay cache into memory (printed here, and left out of the meeting's figures).
    const midMs = Math.round((info.firstTsMs! + info.lastTsMs!) / 2);
    const firstCallStarted = performance.now();
    await call(served, probe, 'timeline.density', { fromMs: midMs - VISIBLE_WINDOW_MS / 2, toMs: midMs + VISIBLE_WINDOW_MS / 2, bucketCount: DENSITY_BUCKETS, laneBy: 'source' });
    await call(served, probe, 'replay.stateAt', { tsMs: midMs });
    await call(served, probe, 'events.around', { tsMs: midMs, before: 50, after: 150 });
    console.log(JSON.stringify({ bench: 'serve.load.firstView', ms: Number((performance.now() - firstCallStarted).toFixed(2)) }));
    const samples: Sample[] = [];
    const startedMs = Date.now();
    const loadBefore = loadavg()[0]!;
    await Promise.all(Array.from({ length: VIEWERS }, (_, index) => viewer(index, served, info, startedMs + DURATION_MS, samples)));
    const elapsedS = (Date.now() - startedMs) / 1000;
    for (const method of ['replay.stateAt', 'events.around', 'timeline.density']) {
      console.log(JSON.stringify(summarise(`serve.load.${method}`, samples.filter((sample) => sample.method === method))));
    }
    console.log(
      JSON.stringify({
        ...summarise('serve.load', samples),
        viewers: VIEWERS,
        seconds: Number(elapsedS.toFixed(1)),
        requestsPerSecond: Math.round(samples.length / elapsedS),
        thinkMs: THINK_MS,
        events: info.eventCount,
        loadAverage1mBefore: Number(loadBefore.toFixed(2)),
        loadAverage1mAfter: Number(loadavg()[0]!.toFixed(2)),
        targetP99Ms: 100,
      }),
    );
  } finally {
    server?.disconnect();
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) {
  const [incidentPath, dataDir] = process.argv.slice(process.argv.indexOf('--serve') + 1);
  void serve(incidentPath!, dataDir!);
} else if (process.argv[1] === __filename) {
  void run();
}
