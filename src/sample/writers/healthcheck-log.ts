/**
 * The health-check sidecar's log (`healthchecks.jsonl`), pino style: `time` (epoch ms, number), `level`
 * (30 info, 40 warn, 50 error), `hostname`, `name: "healthcheck"`, `msg`. The sidecar runs on each host,
 * so it falls silent while the host is reimaged and until its bootstrap has started it again.
 */
import type { HostRole } from '../fleet';
import { LogBuffer } from '../log-lines';
import type { Prng } from '../prng';
import { spanAt, type Scenario } from '../scenario';

/** File name of the health-check log. */
export const HEALTHCHECK_LOG_FILE = 'healthchecks.jsonl';

/** Seconds between two checks of one host. */
export const HEALTHCHECK_INTERVAL_S = 120;

const PORT: Record<HostRole, number> = { api: 8443, storage: 7420, worker: 9100 };

/** Builds the health-check lines of every host in time order. */
export function healthcheckLogLines(scenario: Scenario, prng: Prng): string[] {
  const out = new LogBuffer();
  const onTheHour = (tsMs: number): boolean => tsMs % 3_600_000 < 150_000;
  for (const plan of scenario.hosts) {
    const { name, role } = plan.host;
    const pid = plan.basePid + 31;
    for (let tsMs = scenario.startMs + prng.int(0, HEALTHCHECK_INTERVAL_S * 1000); tsMs < scenario.endMs; tsMs += HEALTHCHECK_INTERVAL_S * 1000 + prng.int(-900, 900)) {
      const span = spanAt(plan, tsMs);
      if (span.phase === 'reimaging' || (span.phase === 'bootstrapping' && tsMs - span.fromMs < 45_000)) continue;
      let level = 30;
      let status = 200;
      let latencyMs = prng.int(2, 40);
      let msg = 'healthz ok';
      if (span.phase === 'draining') {
        [level, status, msg] = [40, 503, 'healthz 503: draining'];
      } else if (span.phase === 'bootstrapping') {
        [level, status, msg] = [50, 0, role === 'storage' ? 'healthz failed: connection refused (segment-store not started, bootstrap in progress)' : 'healthz failed: connection refused (bootstrap in progress)'];
      } else if (span.phase === 'healthcheck') {
        [level, status, msg] = [40, 503, 'healthz 503: warming caches'];
      } else if (span.phase === 'failed') {
        [level, status, msg] = [50, 0, 'healthz failed: connection refused (bootstrap failed, service not running)'];
      } else if (onTheHour(tsMs) && prng.chance(0.2)) {
        latencyMs = prng.int(900, 2600);
        [level, msg] = [40, `healthz slow: ${latencyMs}ms (iowait high while hourly cron jobs run)`];
      } else if (prng.chance(0.004)) {
        latencyMs = prng.int(700, 1500);
        [level, msg] = [40, `healthz slow: ${latencyMs}ms`];
      }
      const record = {
        level,
        time: tsMs,
        pid,
        hostname: name,
        name: 'healthcheck',
        role,
        os_image: span.image,
        phase: span.phase,
        url: `http://127.0.0.1:${PORT[role]}/healthz`,
        status,
        latency_ms: status === 0 ? null : latencyMs,
        msg,
      };
      out.push(tsMs, JSON.stringify(record));
    }
  }
  return out.sorted();
}
