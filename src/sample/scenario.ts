/**
 * The scenario of the sample incident: when each wave starts, and for every host the phases it goes
 * through (drain, reimage, bootstrap, health check, in service, failed) with the faults that hit it.
 * Writers turn this plan into log lines; nothing here formats text.
 */
import { buildFleet, gatewayNames, NEW_IMAGE, OLD_IMAGE, type Host } from './fleet';
import { Prng } from './prng';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Start of the sample window: 2026-11-10 11:00 UTC, in epoch ms. */
export const SAMPLE_START_MS = Date.UTC(2026, 10, 10, 11, 0, 0);

/** End of the sample window: 2026-11-10 17:00 UTC, in epoch ms. */
export const SAMPLE_END_MS = Date.UTC(2026, 10, 10, 17, 0, 0);

/** Identifier of the rollout in the controller log. */
export const ROLLOUT_ID = 'os-2404-20261110';

/** What a host is doing at an instant. */
export type HostPhase = 'serving' | 'draining' | 'reimaging' | 'bootstrapping' | 'healthcheck' | 'failed';

/** A stretch of time in one phase. `bootId`/`bootMs` name the boot the host is running (meaningless while reimaging). */
export interface PhaseSpan {
  phase: HostPhase;
  fromMs: number;
  toMs: number;
  image: string;
  bootId: string;
  bootMs: number;
}

/** A bootstrap crash of a storage host: rsync saw a segment file before its metadata. */
export interface RsyncPanic {
  tsMs: number;
  segmentId: string;
  /** 1-based restart counter of the bootstrap unit after this panic. */
  restart: number;
}

/** A segment that the retention sweeper deleted while a storage host was copying it. */
export interface ExpiredSegment {
  tsMs: number;
  segmentId: string;
}

/** One pass of a host through drain → reimage → bootstrap → health check (an upgrade or a rollback). */
export interface HostAttempt {
  kind: 'upgrade' | 'rollback';
  wave: number | null;
  fromImage: string;
  toImage: string;
  startMs: number;
  drainEndMs: number;
  reimageEndMs: number;
  bootstrapEndMs: number;
  healthyMs: number | null;
  failedMs: number | null;
  gracefulRestartFailed: boolean;
  /** Failed controller health checks (epoch ms) before the passing one. */
  healthcheckFailuresMs: number[];
  rsyncPanics: RsyncPanic[];
  expiredSegments: ExpiredSegment[];
  /** Storage peer the host copied segments from; null for other roles. */
  bootstrapPeer: string | null;
  segmentCount: number;
  isBootstrapFixed: boolean;
}

/** Everything that happens to one host. */
export interface HostPlan {
  host: Host;
  spans: PhaseSpan[];
  attempts: HostAttempt[];
  /** PID of the host's main service in its first boot; later boots add to it. */
  basePid: number;
}

/** One wave of the rollout. */
export interface WaveInfo {
  wave: number;
  startMs: number;
  endMs: number;
  hostNames: string[];
}

/** The whole simulated rollout. */
export interface Scenario {
  seed: number;
  scale: number;
  startMs: number;
  endMs: number;
  hosts: HostPlan[];
  byName: Map<string, HostPlan>;
  gateways: string[];
  waves: WaveInfo[];
  startedMs: number;
  pauseMs: number;
  rollbackMs: number;
  bootstrapFixMs: number;
  resumeMs: number;
  completedMs: number;
  /** Storage hosts rolled back to the old image, in rollback order. */
  rolledBack: string[];
}

const WAVE_STARTS_MS = [
  at(11, 10),
  at(11, 42),
  at(12, 18),
  at(12, 58),
  at(13, 42),
  at(14, 50),
  at(15, 45),
];
/** Share of each role per wave after the canary (one host per role); the last wave takes the rest. */
const WAVE_SHARES = [0, 0.05, 0.1, 0.2, 0.25, 0.2];
/** Wave whose storage hosts mostly fail their bootstrap; the rollout is paused during it. */
const BAD_WAVE = 4;

function at(hour: number, minute: number, second = 0): number {
  return Date.UTC(2026, 10, 10, hour, minute, second);
}

/** Simulates the rollout for a seed and fleet scale. Same arguments → same scenario. */
export function buildScenario(seed: number, scale: number): Scenario {
  const prng = new Prng(seed);
  const fleet = buildFleet(scale);
  const hosts = fleet.map((host) => initialPlan(host, prng));
  const byName = new Map(hosts.map((plan) => [plan.host.name, plan]));
  const waveMembers = assignWaves(hosts);
  const pauseMs = at(14, 18, prng.int(0, 40));
  const bootstrapFixMs = at(15, 31, prng.int(0, 50));
  const waves: WaveInfo[] = [];
  const storagePeers = hosts.filter((plan) => plan.host.role === 'storage').map((plan) => plan.host.name);

  for (let wave = 0; wave < WAVE_STARTS_MS.length; wave++) {
    const members = waveMembers[wave]!;
    if (wave === WAVE_STARTS_MS.length - 1) members.push(...rolledBackHosts(hosts));
    const batches = wave === 0 ? 1 : 4;
    const startMs = WAVE_STARTS_MS[wave]!;
    let firstBadStorage = true;
    members.forEach((plan, i) => {
      const hostStartMs = startMs + (i % batches) * 4 * MINUTE_MS + prng.int(0, 50) * 1000;
      const isStorage = plan.host.role === 'storage';
      const mustFail = wave === BAD_WAVE && isStorage && (firstBadStorage || prng.chance(0.3));
      if (wave === BAD_WAVE && isStorage) firstBadStorage = false;
      const panicChance = !isStorage || hostStartMs >= bootstrapFixMs ? 0 : wave === BAD_WAVE ? 0.65 : wave >= 3 ? 0.3 : 0;
      const peer = isStorage ? pickPeer(prng, storagePeers, plan.host.name) : null;
      runAttempt(plan, prng, {
        kind: 'upgrade',
        wave,
        toImage: NEW_IMAGE,
        startMs: hostStartMs,
        peer,
        panicChance,
        mustFail,
        isBootstrapFixed: isStorage && hostStartMs >= bootstrapFixMs,
      });
    });
    waves.push({ wave, startMs, endMs: waveEnd(members, wave), hostNames: members.map((plan) => plan.host.name) });
    if (wave === BAD_WAVE) rollBack(hosts, prng, storagePeers, pauseMs);
  }

  const rolledBack = hosts
    .filter((plan) => plan.attempts.some((attempt) => attempt.kind === 'rollback'))
    .sort((a, b) => rollbackOf(a).startMs - rollbackOf(b).startMs)
    .map((plan) => plan.host.name);
  const rollbackMs =
    rolledBack.length === 0 ? pauseMs + 12 * MINUTE_MS : Math.min(...rolledBack.map((name) => rollbackOf(byName.get(name)!).startMs)) - 20_000;
  const lastWave = waves[waves.length - 1]!;
  for (const plan of hosts) closeSpans(plan);
  return {
    seed,
    scale,
    startMs: SAMPLE_START_MS,
    endMs: SAMPLE_END_MS,
    hosts,
    byName,
    gateways: gatewayNames(scale),
    waves,
    startedMs: at(11, 5, 12),
    pauseMs,
    rollbackMs,
    bootstrapFixMs,
    resumeMs: WAVE_STARTS_MS[BAD_WAVE + 1]! - 45_000,
    completedMs: lastWave.endMs + 35_000,
    rolledBack,
  };
}

/** The span a host is in at `tsMs` (the first span before the window, the last after it). */
export function spanAt(plan: HostPlan, tsMs: number): PhaseSpan {
  for (const span of plan.spans) if (tsMs < span.toMs) return span;
  return plan.spans[plan.spans.length - 1]!;
}

function rollbackOf(plan: HostPlan): HostAttempt {
  return plan.attempts.find((attempt) => attempt.kind === 'rollback')!;
}

function initialPlan(host: Host, prng: Prng): HostPlan {
  const bootMs = SAMPLE_START_MS - prng.int(3, 40) * DAY_MS - prng.int(0, 86_399) * 1000;
  return {
    host,
    spans: [{ phase: 'serving', fromMs: SAMPLE_START_MS - DAY_MS, toMs: Number.POSITIVE_INFINITY, image: OLD_IMAGE, bootId: prng.hex(32), bootMs }],
    attempts: [],
    basePid: prng.int(700, 2400),
  };
}

function assignWaves(hosts: HostPlan[]): HostPlan[][] {
  const waves: HostPlan[][] = WAVE_STARTS_MS.map(() => []);
  for (const role of ['api', 'storage', 'worker'] as const) {
    const members = hosts.filter((plan) => plan.host.role === role);
    const total = members.length;
    let next = 0;
    for (let wave = 0; wave < WAVE_STARTS_MS.length; wave++) {
      const isLast = wave === WAVE_STARTS_MS.length - 1;
      const wanted = wave === 0 ? 1 : isLast ? total : Math.max(wave === BAD_WAVE ? 1 : 0, Math.round(WAVE_SHARES[wave]! * total));
      const count = Math.min(wanted, total - next);
      waves[wave]!.push(...members.slice(next, next + count));
      next += count;
    }
  }
  return waves.map((members) => interleave(members));
}

/** Orders a wave's hosts so each batch mixes roles: api, storage, worker, api, … */
function interleave(members: HostPlan[]): HostPlan[] {
  const byRole = ['api', 'storage', 'worker'].map((role) => members.filter((plan) => plan.host.role === role));
  const out: HostPlan[] = [];
  for (let i = 0; out.length < members.length; i++) for (const list of byRole) if (i < list.length) out.push(list[i]!);
  return out;
}

function pickPeer(prng: Prng, peers: string[], self: string): string | null {
  const others = peers.filter((name) => name !== self);
  return others.length === 0 ? null : prng.pick(others);
}

function rolledBackHosts(hosts: HostPlan[]): HostPlan[] {
  return hosts.filter((plan) => plan.attempts.length > 0 && plan.attempts[plan.attempts.length - 1]!.kind === 'rollback');
}

function waveEnd(members: HostPlan[], wave: number): number {
  let endMs = 0;
  for (const plan of members) {
    const attempt = plan.attempts.find((a) => a.kind === 'upgrade' && a.wave === wave && a.toImage === NEW_IMAGE && (a.healthyMs ?? a.failedMs) !== null);
    if (attempt) endMs = Math.max(endMs, attempt.healthyMs ?? attempt.failedMs!);
  }
  return endMs;
}

/** Rolls the failed storage hosts (and one that panicked but recovered) back to the old image. */
function rollBack(hosts: HostPlan[], prng: Prng, storagePeers: string[], pauseMs: number): void {
  const badWave = hosts.filter((plan) => plan.host.role === 'storage' && plan.attempts.some((a) => a.wave === BAD_WAVE));
  const failed = badWave.filter((plan) => plan.attempts[plan.attempts.length - 1]!.failedMs !== null);
  const shaky = badWave.find((plan) => !failed.includes(plan) && plan.attempts[plan.attempts.length - 1]!.rsyncPanics.length > 0);
  const targets = shaky ? [...failed, shaky] : failed;
  const firstMs = pauseMs + 12 * MINUTE_MS;
  targets.forEach((plan, i) => {
    const last = plan.attempts[plan.attempts.length - 1]!;
    const readyMs = (last.failedMs ?? last.healthyMs ?? firstMs) + MINUTE_MS;
    runAttempt(plan, prng, {
      kind: 'rollback',
      wave: null,
      toImage: OLD_IMAGE,
      startMs: Math.max(firstMs + i * 40_000, readyMs),
      peer: pickPeer(prng, storagePeers, plan.host.name),
      panicChance: 0,
      mustFail: false,
      isBootstrapFixed: false,
    });
  });
}

interface AttemptSpec {
  kind: 'upgrade' | 'rollback';
  wave: number | null;
  toImage: string;
  startMs: number;
  peer: string | null;
  panicChance: number;
  mustFail: boolean;
  isBootstrapFixed: boolean;
}

/** Walks one host through its phases, appending spans and the attempt record. */
function runAttempt(plan: HostPlan, prng: Prng, spec: AttemptSpec): void {
  const role = plan.host.role;
  const current = plan.spans[plan.spans.length - 1]!;
  const fromImage = current.image;
  const isServing = current.phase === 'serving';
  const gracefulRestartFailed = isServing && role !== 'storage' && prng.chance(role === 'api' ? 0.15 : 0.08);
  const drainMs = !isServing
    ? 0
    : gracefulRestartFailed
      ? (role === 'api' ? 30 : 120) * 1000 + prng.int(1, 3) * 1000
      : prng.int(role === 'worker' ? 60 : 30, role === 'worker' ? 200 : 100) * 1000;
  const drainEndMs = spec.startMs + drainMs;
  const reimageEndMs = drainEndMs + prng.int(240, 420) * 1000;
  const bootMs = reimageEndMs - prng.int(18, 40) * 1000;
  const bootId = prng.hex(32);

  const rsyncPanics: RsyncPanic[] = [];
  const expiredSegments: ExpiredSegment[] = [];
  let bootstrapMs: number;
  let failedMs: number | null = null;
  const segmentCount = role === 'storage' ? prng.int(3000, 5200) : 0;
  if (role === 'storage') {
    bootstrapMs = prng.int(600, 1200) * 1000 * (spec.wave !== null && spec.wave >= 3 ? 1.3 : 1);
    const panics = spec.mustFail ? 3 : prng.chance(spec.panicChance) ? prng.int(1, 2) : 0;
    let cursorMs = reimageEndMs;
    for (let restart = 1; restart <= panics; restart++) {
      cursorMs += prng.int(90, 360) * 1000;
      rsyncPanics.push({ tsMs: cursorMs, segmentId: prng.hex(8), restart });
      bootstrapMs += prng.int(60, 150) * 1000;
    }
    if (!spec.mustFail && prng.chance(spec.wave !== null && spec.wave >= 3 ? 0.35 : 0.1)) {
      expiredSegments.push({ tsMs: reimageEndMs + prng.int(60, Math.floor(bootstrapMs / 1000) - 30) * 1000, segmentId: prng.hex(8) });
    }
    if (spec.mustFail) failedMs = rsyncPanics[rsyncPanics.length - 1]!.tsMs + prng.int(8, 20) * 1000;
  } else {
    bootstrapMs = prng.int(role === 'api' ? 90 : 60, role === 'api' ? 200 : 150) * 1000;
  }
  const bootstrapEndMs = failedMs ?? reimageEndMs + Math.round(bootstrapMs);
  const healthcheckFailuresMs: number[] = [];
  let healthyMs: number | null = null;
  if (failedMs === null) {
    const failures = prng.chance(0.3) ? prng.int(1, 2) : 0;
    for (let i = 0; i < failures; i++) healthcheckFailuresMs.push(bootstrapEndMs + (i + 1) * 30_000 + prng.int(0, 900));
    healthyMs = bootstrapEndMs + (failures + 1) * 30_000 + prng.int(0, 900);
  }

  current.toMs = spec.startMs;
  const base = { image: spec.toImage, bootId, bootMs };
  if (drainMs > 0) plan.spans.push({ ...current, phase: 'draining', fromMs: spec.startMs, toMs: drainEndMs });
  plan.spans.push({ ...base, phase: 'reimaging', fromMs: drainEndMs, toMs: reimageEndMs });
  plan.spans.push({ ...base, phase: 'bootstrapping', fromMs: reimageEndMs, toMs: bootstrapEndMs });
  if (failedMs !== null) {
    plan.spans.push({ ...base, phase: 'failed', fromMs: failedMs, toMs: Number.POSITIVE_INFINITY });
  } else {
    plan.spans.push({ ...base, phase: 'healthcheck', fromMs: bootstrapEndMs, toMs: healthyMs! });
    plan.spans.push({ ...base, phase: 'serving', fromMs: healthyMs!, toMs: Number.POSITIVE_INFINITY });
  }
  plan.attempts.push({
    kind: spec.kind,
    wave: spec.wave,
    fromImage,
    toImage: spec.toImage,
    startMs: spec.startMs,
    drainEndMs,
    reimageEndMs,
    bootstrapEndMs,
    healthyMs,
    failedMs,
    gracefulRestartFailed,
    healthcheckFailuresMs,
    rsyncPanics,
    expiredSegments,
    bootstrapPeer: spec.peer,
    segmentCount,
    isBootstrapFixed: spec.isBootstrapFixed,
  });
}

function closeSpans(plan: HostPlan): void {
  const last = plan.spans[plan.spans.length - 1]!;
  if (last.toMs === Number.POSITIVE_INFINITY) last.toMs = SAMPLE_END_MS + DAY_MS;
}
