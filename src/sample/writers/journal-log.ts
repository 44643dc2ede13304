/**
 * The fleet's systemd journal (`fleet-journal.json`), as `journalctl -o json` writes it: one object per
 * line with `__REALTIME_TIMESTAMP` (µs, string), `_HOSTNAME`, `_SYSTEMD_UNIT`, `PRIORITY` (string digit),
 * `SYSLOG_IDENTIFIER`, `_PID`, `_BOOT_ID` and `MESSAGE`. Hosts are silent while they are reimaged.
 */
import { NEW_IMAGE, type HostRole } from '../fleet';
import { clockUtc, LogBuffer } from '../log-lines';
import type { Prng } from '../prng';
import { spanAt, type HostAttempt, type HostPlan, type PhaseSpan, type Scenario } from '../scenario';

/** File name of the journal export. */
export const JOURNAL_LOG_FILE = 'fleet-journal.json';

/** Hour (UTC) at which log rotation cut one journal line in half: one of the sample's unreadable lines. */
export const JOURNAL_TRUNCATED_HOUR = 13;

/** journald priorities: 2 crit, 3 err, 4 warning, 5 notice, 6 info, 7 debug. */
type Priority = 2 | 3 | 4 | 5 | 6 | 7;

interface Service {
  unit: string;
  ident: string;
  pidOffset: number;
}

const MAIN_SERVICE: Record<HostRole, Service> = {
  api: { unit: 'api-server.service', ident: 'api-server', pidOffset: 0 },
  storage: { unit: 'segment-store.service', ident: 'segment-store', pidOffset: 0 },
  worker: { unit: 'job-worker.service', ident: 'job-worker', pidOffset: 0 },
};
const METRICS: Service = { unit: 'metrics-agent.service', ident: 'metrics-agent', pidOffset: 14 };
const SYSTEMD: Service = { unit: 'init.scope', ident: 'systemd', pidOffset: -1 };
const CRON: Service = { unit: 'cron.service', ident: 'CRON', pidOffset: 3 };
const LOGROTATE: Service = { unit: 'logrotate.service', ident: 'logrotate', pidOffset: 5 };
const SSHD: Service = { unit: 'ssh.service', ident: 'sshd', pidOffset: 9 };
const STORAGE_BOOTSTRAP: Service = { unit: 'storage-bootstrap.service', ident: 'storage-bootstrap', pidOffset: 21 };
const HOST_BOOTSTRAP: Service = { unit: 'host-bootstrap.service', ident: 'host-bootstrap', pidOffset: 21 };

const BACKUP_JOB: Record<HostRole, string> = { api: 'backup-config', storage: 'backup-segments', worker: 'backup-queue-state' };

type Emit = (plan: HostPlan, tsMs: number, priority: Priority, service: Service | null, message: string) => void;

/** Builds the journal lines of every host in time order (the truncated line included). */
export function journalLogLines(scenario: Scenario, prng: Prng): string[] {
  const out = new LogBuffer();
  let truncateAtMs = Date.UTC(2026, 10, 10, JOURNAL_TRUNCATED_HOUR, 0, 0, 180);
  const emit: Emit = (plan, tsMs, priority, service, message) => {
    const span = spanAt(plan, tsMs);
    const realtimeUs = tsMs * 1000 + prng.int(0, 999);
    const entry: Record<string, string> = {
      __REALTIME_TIMESTAMP: String(realtimeUs),
      __MONOTONIC_TIMESTAMP: String(Math.max(1, realtimeUs - span.bootMs * 1000)),
      _BOOT_ID: span.bootId,
      _TRANSPORT: service === null ? 'kernel' : service === SYSTEMD || service === CRON || service === SSHD ? 'syslog' : 'stdout',
      PRIORITY: String(priority),
      SYSLOG_IDENTIFIER: service === null ? 'kernel' : service.ident,
    };
    if (service !== null) {
      entry._PID = String(service === SYSTEMD ? 1 : pidOf(plan, span) + service.pidOffset);
      entry._SYSTEMD_UNIT = service.unit;
    }
    entry._HOSTNAME = plan.host.name;
    entry.MESSAGE = message;
    let line = JSON.stringify(entry);
    if (tsMs >= truncateAtMs) {
      line = line.slice(0, Math.floor(line.length * 0.57));
      truncateAtMs = Number.POSITIVE_INFINITY;
    }
    out.push(realtimeUs, line);
  };

  for (const plan of scenario.hosts) {
    background(plan, scenario, prng, emit);
    cron(plan, scenario, prng, emit);
    plan.attempts.forEach((attempt) => attemptLines(plan, attempt, scenario, prng, emit));
  }
  return out.sorted();
}

function pidOf(plan: HostPlan, span: PhaseSpan): number {
  const ordinal = plan.attempts.findIndex((attempt) => spanAt(plan, attempt.reimageEndMs).bootId === span.bootId) + 1;
  return plan.basePid + ordinal * 53;
}

/** Everyday chatter of a host's services, every 25–75 s, shaped by its phase. */
function background(plan: HostPlan, scenario: Scenario, prng: Prng, emit: Emit): void {
  const main = MAIN_SERVICE[plan.host.role];
  for (let tsMs = scenario.startMs + prng.int(0, 60_000); tsMs < scenario.endMs; tsMs += prng.int(25_000, 75_000)) {
    const span = spanAt(plan, tsMs);
    switch (span.phase) {
      case 'reimaging':
        break;
      case 'draining':
        emit(plan, tsMs, 6, main, `draining: ${prng.int(3, 240)} in-flight requests, not accepting new connections`);
        break;
      case 'bootstrapping':
        if (plan.host.role !== 'storage') emit(plan, tsMs, 7, HOST_BOOTSTRAP, `waiting for ${prng.pick(['consul', 'vault', 'apt mirror', 'key service'])} (attempt ${prng.int(1, 4)})`);
        break;
      case 'healthcheck':
        emit(plan, tsMs, 6, main, `warming caches: ${prng.int(20, 95)}% loaded`);
        break;
      case 'failed':
        emit(plan, tsMs, 4, METRICS, `scrape of ${main.unit} failed: connection refused`);
        break;
      case 'serving':
        servingLine(plan, tsMs, span, prng, emit);
        break;
    }
  }
}

function servingLine(plan: HostPlan, tsMs: number, span: PhaseSpan, prng: Prng, emit: Emit): void {
  const main = MAIN_SERVICE[plan.host.role];
  const roll = prng.next();
  if (roll < 0.3) {
    emit(plan, tsMs, 7, METRICS, `flushed ${prng.int(900, 2400)} samples to remote-write in ${prng.int(8, 90)}ms`);
    return;
  }
  if (roll < 0.31) {
    emit(plan, tsMs, 6, SSHD, `Accepted publickey for deploy from 10.0.${prng.int(1, 9)}.${prng.int(2, 250)} port ${prng.int(40000, 60999)} ssh2: ED25519 SHA256:${prng.hex(12)}`);
    return;
  }
  if (roll < 0.315 && span.image === NEW_IMAGE) {
    emit(plan, tsMs, 4, METRICS, `series dropped: namespace 'prod-noble/${plan.host.role}' is not in the allow-list`);
    return;
  }
  const isWarn = roll > 0.965;
  const isError = roll > 0.993;
  switch (plan.host.role) {
    case 'api':
      if (isError) emit(plan, tsMs, 3, main, `upstream storage-${String(prng.int(1, 48)).padStart(2, '0')} reset connection during PUT /v1/objects/${prng.hex(10)}`);
      else if (isWarn) emit(plan, tsMs, 4, main, `slow request: GET /v1/objects/${prng.hex(10)} took ${prng.int(700, 2400)}ms`);
      else if (roll < 0.6) emit(plan, tsMs, 7, main, `connection pool: ${prng.int(10, 120)}/128 in use, cache hit ratio 0.${prng.int(80, 99)}`);
      else emit(plan, tsMs, 6, main, `served ${prng.int(800, 3200)} requests in the last minute, p99 ${prng.int(40, 180)}ms`);
      break;
    case 'storage':
      if (isError) emit(plan, tsMs, 3, main, `replication to peer timed out after 5000ms; will retry`);
      else if (isWarn) emit(plan, tsMs, 4, main, `fsync on /data took ${prng.int(1100, 3800)}ms`);
      else if (roll < 0.6) emit(plan, tsMs, 7, main, `replication lag ${prng.int(20, 400)}ms, ${prng.int(2000, 6000)} segments open`);
      else if (roll < 0.75) emit(plan, tsMs, 6, main, `retention sweeper: removed ${prng.int(1, 30)} expired segments`);
      else emit(plan, tsMs, 6, main, `compaction: merged ${prng.int(2, 8)} segments into ${prng.hex(8)} (${prng.int(60, 900)} MiB)`);
      break;
    case 'worker':
      if (isError) emit(plan, tsMs, 3, main, `job ${prng.hex(6)} failed permanently: input object not found`);
      else if (isWarn) emit(plan, tsMs, 4, main, `job ${prng.hex(6)} retry ${prng.int(1, 4)}/5: upstream timeout`);
      else if (roll < 0.6) emit(plan, tsMs, 7, main, `queue depth ${prng.int(0, 400)}, ${prng.int(1, 16)} jobs running`);
      else emit(plan, tsMs, 6, main, `job ${prng.hex(6)} done: ${prng.pick(['thumbnail.render', 'index.rebuild', 'report.export', 'mail.digest'])} in ${prng.int(1, 90)}.${prng.int(0, 9)}s`);
      break;
  }
}

/** Jobs that fire at minute 0 of every hour; on bootstrapping hosts they collide with the bootstrap. */
function cron(plan: HostPlan, scenario: Scenario, prng: Prng, emit: Emit): void {
  const job = BACKUP_JOB[plan.host.role];
  for (let hourMs = scenario.startMs; hourMs < scenario.endMs; hourMs += 3_600_000) {
    const span = spanAt(plan, hourMs);
    if (span.phase === 'reimaging') continue;
    const t = hourMs + prng.int(5, 400);
    emit(plan, t, 6, CRON, `(root) CMD (/usr/local/bin/${job} --incremental)`);
    emit(plan, t + 2, 6, CRON, '(root) CMD (/usr/local/bin/metrics-compaction)');
    emit(plan, t + 4, 6, CRON, '(root) CMD (/usr/sbin/logrotate /etc/logrotate.conf)');
    if (span.phase === 'bootstrapping' || span.phase === 'failed') {
      const why = span.phase === 'failed' ? 'bootstrap failed' : 'host bootstrapping';
      emit(plan, t + prng.int(40, 300), 3, CRON, `cron: job ${job} failed: /data not mounted (${why})`);
      emit(plan, t + prng.int(300, 900), 3, CRON, `cron: job metrics-compaction failed: /var/lib/metrics locked by bootstrap (pid ${pidOf(plan, span) + 21})`);
      emit(plan, t + prng.int(900, 1500), 3, LOGROTATE, `error: stat of /data/log/${MAIN_SERVICE[plan.host.role].ident}.log failed: No such file or directory`);
      continue;
    }
    emit(plan, t + prng.int(20_000, 90_000), 6, CRON, `${job}: uploaded ${prng.int(40, 900)} objects (${prng.int(1, 40)}.${prng.int(0, 9)} GiB) in ${prng.int(20, 90)}s`);
    emit(plan, t + prng.int(2_000, 9_000), 6, CRON, `metrics-compaction: compacted ${prng.int(4, 30)} blocks in ${prng.int(1, 9)}.${prng.int(0, 9)}s`);
    if (span.image === NEW_IMAGE && prng.chance(0.3)) {
      emit(plan, t + 600, 4, LOGROTATE,
        `error: skipping "/var/log/${MAIN_SERVICE[plan.host.role].ident}/*.log" because parent directory has insecure permissions (It's world writable or writable by group which is not "root") Set "su" directive in config file to tell logrotate which user/group should be used for rotation.`);
    }
  }
}

/** Lines tied to one upgrade or rollback: drain, shutdown, boot, bootstrap (rsync for storage), start-up. */
function attemptLines(plan: HostPlan, attempt: HostAttempt, scenario: Scenario, prng: Prng, emit: Emit): void {
  const main = MAIN_SERVICE[plan.host.role];
  const name = main.unit.replace('.service', '');
  if (attempt.drainEndMs > attempt.startMs) {
    emit(plan, attempt.startMs + 400, 6, main, 'received SIGTERM from rollout-controller: starting graceful shutdown');
    if (attempt.gracefulRestartFailed) {
      const open = prng.int(12, 140);
      emit(plan, attempt.startMs + 600, 6, main, `graceful restart: waiting for ${open} connections to close`);
      emit(plan, attempt.drainEndMs - 1200, 3, main, `graceful restart failed: ${open} connections still open after drain timeout; forcing stop`);
      emit(plan, attempt.drainEndMs - 1000, 4, SYSTEMD, `${main.unit}: State 'stop-sigterm' timed out. Killing.`);
      emit(plan, attempt.drainEndMs - 990, 4, SYSTEMD, `${main.unit}: Killing process ${pidOf(plan, spanAt(plan, attempt.startMs))} (${name}) with signal SIGKILL.`);
      emit(plan, attempt.drainEndMs - 900, 4, SYSTEMD, `${main.unit}: Failed with result 'timeout'.`);
    }
    emit(plan, attempt.drainEndMs - 600, 6, SYSTEMD, `Stopped ${main.unit}.`);
  }
  emit(plan, attempt.drainEndMs - 300, 6, SYSTEMD, 'Reached target reboot.target - System Reboot.');
  emit(plan, attempt.drainEndMs - 100, 5, null, 'reboot: Restarting system');
  const bootMs = spanAt(plan, attempt.reimageEndMs).bootMs;
  const isNew = attempt.toImage === NEW_IMAGE;
  emit(plan, bootMs, 5, null, isNew
    ? 'Linux version 6.8.0-49-generic (buildd@lcy02-amd64-048) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #49-Ubuntu SMP PREEMPT_DYNAMIC'
    : 'Linux version 5.15.0-97-generic (buildd@lcy02-amd64-102) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0) #107-Ubuntu SMP');
  emit(plan, attempt.reimageEndMs - 2500, 6, SYSTEMD, `Startup finished in 2.${prng.int(100, 999)}s (kernel) + ${prng.int(12, 24)}.${prng.int(100, 999)}s (userspace).`);
  emit(plan, attempt.reimageEndMs - 800, 6, SYSTEMD, `Reached target multi-user.target - Multi-User System (image ${attempt.toImage}).`);
  const gapFrom = clockUtc(attempt.drainEndMs);
  const gapTo = clockUtc(attempt.reimageEndMs);
  if (plan.host.role === 'storage') storageBootstrap(plan, attempt, scenario, prng, emit);
  else hostBootstrap(plan, attempt, emit);
  if (attempt.failedMs !== null) return;
  emit(plan, attempt.bootstrapEndMs + 300, 6, SYSTEMD, `Started ${main.unit}.`);
  emit(plan, attempt.bootstrapEndMs + 900, 6, main, `listening on :8443 (os_image=${attempt.toImage})`);
  emit(plan, attempt.healthyMs! + 20_000, 4, METRICS, `metrics gap: no samples from ${gapFrom} to ${gapTo} UTC (host was reimaging); backfill not possible`);
  if (isNew) emit(plan, attempt.healthyMs! + 21_000, 4, METRICS, `hostname label changed with the image: publishing under namespace 'prod-noble/${plan.host.role}' instead of 'prod/${plan.host.role}'`);
}

function hostBootstrap(plan: HostPlan, attempt: HostAttempt, emit: Emit): void {
  const steps = ['fetching config from consul', 'installing packages', 'restoring local state', 'registering with service discovery', 'mounting /data', `starting ${MAIN_SERVICE[plan.host.role].unit}`];
  const stepMs = (attempt.bootstrapEndMs - attempt.reimageEndMs) / steps.length;
  steps.forEach((step, i) => emit(plan, attempt.reimageEndMs + Math.round(i * stepMs) + 500, 6, HOST_BOOTSTRAP, `step ${i + 1}/${steps.length}: ${step}`));
  emit(plan, attempt.bootstrapEndMs - 100, 6, HOST_BOOTSTRAP, `bootstrap complete in ${Math.round((attempt.bootstrapEndMs - attempt.reimageEndMs) / 1000)}s`);
}

function storageBootstrap(plan: HostPlan, attempt: HostAttempt, scenario: Scenario, prng: Prng, emit: Emit): void {
  const peer = attempt.bootstrapPeer ?? 'backup-store';
  const total = attempt.segmentCount;
  const startMs = attempt.reimageEndMs + 1000;
  const endMs = attempt.failedMs ?? attempt.bootstrapEndMs;
  const version = attempt.isBootstrapFixed ? 'v2.4.1' : 'v2.3.0';
  emit(plan, startMs, 6, STORAGE_BOOTSTRAP, `bootstrap-storage ${version}: rsync from ${peer}: copying ${total} segments to /data.staging`);
  for (let tsMs = startMs + 30_000; tsMs < endMs - 5_000; tsMs += 30_000) {
    const copied = Math.min(total, Math.round(((tsMs - startMs) / (endMs - startMs)) * total));
    emit(plan, tsMs, 6, STORAGE_BOOTSTRAP, `rsync from ${peer}: ${copied}/${total} segments (${Math.floor((copied / total) * 100)}%), ${prng.int(30, 95)}.${prng.int(0, 9)} MiB/s`);
  }
  for (const panic of attempt.rsyncPanics) {
    emit(plan, panic.tsMs, 3, STORAGE_BOOTSTRAP, `rsync: failed to open segment ${panic.segmentId} metadata: No such file or directory`);
    emit(plan, panic.tsMs + 40, 2, STORAGE_BOOTSTRAP, `panic: segment ${panic.segmentId}: data file present but metadata missing (copied out of order)`);
    emit(plan, panic.tsMs + 500, 4, SYSTEMD, `${STORAGE_BOOTSTRAP.unit}: Main process exited, code=exited, status=2/INVALIDARGUMENT`);
    emit(plan, panic.tsMs + 520, 4, SYSTEMD, `${STORAGE_BOOTSTRAP.unit}: Failed with result 'exit-code'.`);
    if (attempt.failedMs !== null && panic.restart === attempt.rsyncPanics.length) {
      emit(plan, attempt.failedMs, 3, SYSTEMD, `${STORAGE_BOOTSTRAP.unit}: Start request repeated too quickly.`);
      emit(plan, attempt.failedMs + 10, 3, SYSTEMD, `Failed to start ${STORAGE_BOOTSTRAP.unit} - Storage bootstrap from peers.`);
    } else {
      emit(plan, panic.tsMs + 5_500, 6, SYSTEMD, `${STORAGE_BOOTSTRAP.unit}: Scheduled restart job, restart counter is at ${panic.restart}.`);
      emit(plan, panic.tsMs + 5_700, 6, STORAGE_BOOTSTRAP, `bootstrap-storage ${version}: resuming rsync from ${peer}`);
    }
  }
  for (const expired of attempt.expiredSegments) {
    const peerPlan = scenario.byName.get(peer);
    if (peerPlan) emit(peerPlan, expired.tsMs - 2_300, 6, MAIN_SERVICE.storage, `retention sweeper: removed segment ${expired.segmentId} (expired)`);
    emit(plan, expired.tsMs - 400, 4, STORAGE_BOOTSTRAP, `file has vanished: "/data.staging/segments/${expired.segmentId}.seg"`);
    emit(plan, expired.tsMs, 3, STORAGE_BOOTSTRAP, `segment ${expired.segmentId} expired during copy; retention sweeper removed it`);
  }
  if (attempt.failedMs !== null) return;
  emit(plan, attempt.bootstrapEndMs - 2_000, 6, STORAGE_BOOTSTRAP, `rsync from ${peer}: ${total}/${total} segments (100%)`);
  emit(plan, attempt.bootstrapEndMs - 800, 6, STORAGE_BOOTSTRAP, 'mounted /data; bootstrap complete');
}
