/**
 * The rollout controller's structured log (`rollout-controller.jsonl`): one JSON object per line with
 * `ts` (ISO, ms), `level`, `logger`, `event`, host, role, wave, versions and phase, so a replay can infer
 * fleet state.
 */
import { NEW_IMAGE, OLD_IMAGE } from '../fleet';
import { isoMs, LogBuffer } from '../log-lines';
import type { Prng } from '../prng';
import { ROLLOUT_ID, spanAt, type HostAttempt, type HostPlan, type Scenario } from '../scenario';

/** File name of the controller log. */
export const ROLLOUT_LOG_FILE = 'rollout-controller.jsonl';

/** A stray line Node wrote to the controller's stdout+stderr file: one of the sample's deliberately unreadable lines. */
export const ROLLOUT_STDERR_LINE =
  '(node:4121) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 close listeners added to [TLSSocket]. Use emitter.setMaxListeners() to increase limit';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Builds the controller log lines in time order. */
export function rolloutLogLines(scenario: Scenario, prng: Prng): string[] {
  const out = new LogBuffer();
  const emit = (tsMs: number, level: Level, event: string, fields: Record<string, unknown>, msg: string): void => {
    out.push(tsMs, JSON.stringify({ ts: isoMs(tsMs), level, logger: 'rollout-controller', event, rollout_id: ROLLOUT_ID, ...fields, msg }));
  };
  const total = scenario.hosts.length;

  emit(scenario.startedMs, 'info', 'rollout.started', { from_version: OLD_IMAGE, to_version: NEW_IMAGE, host_count: total, waves: scenario.waves.length, operator: 'priya' },
    `rollout ${ROLLOUT_ID} started: ${total} hosts from ${OLD_IMAGE} to ${NEW_IMAGE} in ${scenario.waves.length} waves`);
  for (const wave of scenario.waves) {
    emit(wave.startMs, 'info', 'wave.started', { wave: wave.wave, host_count: wave.hostNames.length, canary: wave.wave === 0, to_version: NEW_IMAGE },
      `wave ${wave.wave} started with ${wave.hostNames.length} hosts${wave.wave === 0 ? ' (canary)' : ''}`);
    emit(wave.endMs + 1500, 'info', 'wave.completed', { wave: wave.wave, host_count: wave.hostNames.length, failed: failedInWave(scenario, wave.wave) },
      `wave ${wave.wave} finished: ${wave.hostNames.length - failedInWave(scenario, wave.wave)}/${wave.hostNames.length} hosts healthy`);
  }
  for (const plan of scenario.hosts) for (const attempt of plan.attempts) attemptEvents(plan, attempt, prng, emit);

  const failedCount = scenario.hosts.filter((plan) => plan.attempts.some((a) => a.failedMs !== null && a.failedMs <= scenario.pauseMs)).length;
  const panicCount = scenario.hosts.reduce((n, plan) => n + plan.attempts.reduce((m, a) => m + a.rsyncPanics.filter((p) => p.tsMs <= scenario.pauseMs).length, 0), 0);
  emit(scenario.pauseMs, 'warn', 'rollout.paused', { operator: 'priya', reason: 'storage bootstrap failures', rsync_panics: panicCount, failed_hosts: failedCount },
    `rollout paused by priya: ${panicCount} rsync panics and ${failedCount} failed storage bootstraps; in-flight hosts will finish, no new hosts start`);
  emit(scenario.rollbackMs, 'warn', 'rollout.rollback.started', { operator: 'priya', hosts: scenario.rolledBack, to_version: OLD_IMAGE, from_version: NEW_IMAGE, role: 'storage' },
    `rolling back ${scenario.rolledBack.length} storage hosts to ${OLD_IMAGE}: ${scenario.rolledBack.join(', ')}`);
  emit(scenario.bootstrapFixMs, 'info', 'rollout.config.changed', { operator: 'marco', setting: 'storage.bootstrap.script', value: 'bootstrap-storage v2.4.1 (rsync metadata first, --delay-updates, retention paused on peer)' },
    'storage bootstrap script updated to v2.4.1 for hosts started from now on');
  emit(scenario.resumeMs, 'info', 'rollout.resumed', { operator: 'priya', next_wave: 5 }, 'rollout resumed by priya; next wave 5');
  emit(scenario.completedMs, 'info', 'rollout.completed', { to_version: NEW_IMAGE, host_count: total }, `rollout ${ROLLOUT_ID} completed: ${total} hosts on ${NEW_IMAGE}`);

  for (let tsMs = scenario.startMs + 15_000; tsMs < scenario.endMs; tsMs += 300_000) emit(tsMs, 'info', 'fleet.summary', fleetSummary(scenario, tsMs), summaryMessage(scenario, tsMs));
  for (let tsMs = scenario.startedMs + 30_000; tsMs < scenario.completedMs; tsMs += 60_000) {
    const isPaused = tsMs >= scenario.pauseMs && tsMs < scenario.resumeMs;
    emit(tsMs + prng.int(0, 400), 'debug', isPaused ? 'rollout.waiting' : 'rollout.tick', { in_progress: inProgress(scenario, tsMs) },
      isPaused ? 'rollout paused; waiting for operator' : `reconcile: ${inProgress(scenario, tsMs)} hosts in progress`);
  }
  out.push(scenario.pauseMs - 95_000, ROLLOUT_STDERR_LINE);
  return out.sorted();
}

function attemptEvents(
  plan: HostPlan,
  attempt: HostAttempt,
  prng: Prng,
  emit: (tsMs: number, level: Level, event: string, fields: Record<string, unknown>, msg: string) => void,
): void {
  const { name, role } = plan.host;
  const isRollback = attempt.kind === 'rollback';
  const base = { host: name, role, wave: attempt.wave, from_version: attempt.fromImage, to_version: attempt.toImage };
  const verb = isRollback ? 'rollback' : 'upgrade';
  emit(attempt.startMs, isRollback ? 'warn' : 'info', `host.${verb}.started`, { ...base, phase: attempt.drainEndMs > attempt.startMs ? 'drain' : 'reimage', os_image: attempt.fromImage },
    isRollback ? `rolling back ${name} from ${attempt.fromImage} to ${attempt.toImage}` : `upgrading ${name} (${role}, wave ${attempt.wave}) from ${attempt.fromImage} to ${attempt.toImage}`);
  if (attempt.drainEndMs > attempt.startMs) {
    emit(attempt.startMs + 120, 'info', 'host.drain.started', { ...base, phase: 'drain', os_image: attempt.fromImage }, `draining ${name}: removed from load balancer`);
    if (attempt.gracefulRestartFailed) {
      emit(attempt.drainEndMs - 400, 'warn', 'host.drain.timeout', { ...base, phase: 'drain', open_connections: prng.int(12, 140) },
        `graceful restart failed on ${name}: connections still open after drain timeout; forcing stop`);
    }
    emit(attempt.drainEndMs, 'info', 'host.drain.completed', { ...base, phase: 'drain', os_image: attempt.fromImage }, `${name} drained`);
  }
  emit(attempt.drainEndMs + 300, 'info', 'host.reimage.started', { ...base, phase: 'reimage', os_image: attempt.toImage }, `reimaging ${name} with ${attempt.toImage}`);
  for (let tsMs = attempt.drainEndMs + 60_000; tsMs < attempt.reimageEndMs - 20_000; tsMs += 60_000) {
    const percent = Math.round(((tsMs - attempt.drainEndMs) / (attempt.reimageEndMs - attempt.drainEndMs)) * 100);
    emit(tsMs, 'debug', 'host.reimage.progress', { ...base, phase: 'reimage', percent }, `${name}: writing image ${percent}%`);
  }
  emit(attempt.reimageEndMs, 'info', 'host.reimage.completed', { ...base, phase: 'reimage', os_image: attempt.toImage }, `${name} booted ${attempt.toImage}`);
  const peer = attempt.bootstrapPeer === null ? {} : { peer: attempt.bootstrapPeer, segments: attempt.segmentCount };
  emit(attempt.reimageEndMs + 900, 'info', 'host.bootstrap.started', { ...base, phase: 'bootstrap', os_image: attempt.toImage, ...peer },
    attempt.bootstrapPeer === null ? `bootstrapping ${name}` : `bootstrapping ${name}: copying ${attempt.segmentCount} segments from ${attempt.bootstrapPeer}`);
  for (const panic of attempt.rsyncPanics) {
    emit(panic.tsMs + 1200, 'warn', 'host.bootstrap.retry', { ...base, phase: 'bootstrap', segment: panic.segmentId, restart: panic.restart },
      `bootstrap on ${name} exited with status 2 (rsync panic on segment ${panic.segmentId}); restart ${panic.restart}/3`);
  }
  if (attempt.failedMs !== null) {
    emit(attempt.failedMs, 'error', 'host.bootstrap.failed', { ...base, phase: 'failed', os_image: attempt.toImage, restarts: attempt.rsyncPanics.length },
      `bootstrap failed on ${name} after ${attempt.rsyncPanics.length} restarts; host left out of service`);
    emit(attempt.failedMs + 50, 'error', `host.${verb}.failed`, { ...base, phase: 'failed', os_image: attempt.toImage }, `${verb} of ${name} failed`);
    return;
  }
  emit(attempt.bootstrapEndMs, 'info', 'host.bootstrap.completed', { ...base, phase: 'bootstrap', os_image: attempt.toImage }, `${name} bootstrapped`);
  for (const tsMs of attempt.healthcheckFailuresMs) {
    emit(tsMs, 'warn', 'host.healthcheck.failed', { ...base, phase: 'healthcheck', status: 503 }, `health check of ${name} failed: 503 warming caches`);
  }
  emit(attempt.healthyMs!, 'info', 'host.healthcheck.passed', { ...base, phase: 'healthcheck', status: 200 }, `health check of ${name} passed`);
  emit(attempt.healthyMs! + 250, 'info', `host.${verb}.completed`, { ...base, phase: isRollback ? 'rolled_back' : 'healthy', os_image: attempt.toImage },
    isRollback ? `${name} rolled back to ${attempt.toImage} and back in service` : `${name} upgraded to ${attempt.toImage} and back in service`);
}

function failedInWave(scenario: Scenario, wave: number): number {
  return scenario.hosts.filter((plan) => plan.attempts.some((a) => a.wave === wave && a.failedMs !== null)).length;
}

function inProgress(scenario: Scenario, tsMs: number): number {
  let count = 0;
  for (const plan of scenario.hosts) {
    const phase = spanAt(plan, tsMs).phase;
    if (phase !== 'serving' && phase !== 'failed') count++;
  }
  return count;
}

function fleetSummary(scenario: Scenario, tsMs: number): Record<string, number> {
  const counts = { on_old_version: 0, on_new_version: 0, in_progress: 0, failed: 0 };
  for (const plan of scenario.hosts) {
    const span = spanAt(plan, tsMs);
    if (span.phase === 'failed') counts.failed++;
    else if (span.phase !== 'serving') counts.in_progress++;
    else if (span.image === NEW_IMAGE) counts.on_new_version++;
    else counts.on_old_version++;
  }
  return counts;
}

function summaryMessage(scenario: Scenario, tsMs: number): string {
  const c = fleetSummary(scenario, tsMs);
  return `fleet: ${c.on_new_version} on ${NEW_IMAGE}, ${c.on_old_version} on ${OLD_IMAGE}, ${c.in_progress} in progress, ${c.failed} failed`;
}
