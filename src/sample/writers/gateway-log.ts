/**
 * The API gateway's access log (`api-gateway.jsonl`) in Elastic Common Schema style: `@timestamp`,
 * `log.level`, `host.name`, `service.name`, `http.response.status_code`, `message`, and the upstream api
 * host. Requests routed to api hosts that are bootstrapping fail, so the error rate rises on the hour.
 */
import { LogBuffer, isoMs } from '../log-lines';
import type { Prng } from '../prng';
import { spanAt, type HostPlan, type Scenario } from '../scenario';

/** File name of the gateway log. */
export const GATEWAY_LOG_FILE = 'api-gateway.jsonl';

/** Sampled requests per second written at scale 1. */
export const GATEWAY_REQUESTS_PER_S = 3;

const ROUTES = ['GET /v1/objects/{id}', 'PUT /v1/objects/{id}', 'GET /v1/segments/{id}', 'POST /v1/jobs', 'GET /v1/jobs/{id}', 'GET /v1/health'];

/** Builds the gateway lines in time order (one of them damaged by two writers interleaving). */
export function gatewayLogLines(scenario: Scenario, prng: Prng): string[] {
  const out = new LogBuffer();
  const api = scenario.hosts.filter((plan) => plan.host.role === 'api');
  const meanGapMs = Math.max(1, Math.round(1000 / (GATEWAY_REQUESTS_PER_S * Math.max(scenario.scale, 0.05))));
  const interleaveAtMs = scenario.pauseMs + 7 * 60_000;
  let pending: string | null = null;
  let hasInterleaved = false;
  for (let tsMs = scenario.startMs + prng.int(0, meanGapMs); tsMs < scenario.endMs; tsMs += prng.int(1, 2 * meanGapMs)) {
    const line = JSON.stringify(request(scenario, api, tsMs, prng));
    if (pending !== null) {
      out.push(tsMs, pending + line);
      pending = null;
    } else if (!hasInterleaved && tsMs >= interleaveAtMs) {
      pending = line.slice(0, Math.floor(line.length * 0.4));
      hasInterleaved = true;
    } else {
      out.push(tsMs, line);
    }
  }
  return out.sorted();
}

function extraErrorRate(tsMs: number, scenario: Scenario): number {
  const minuteOfHour = Math.floor((tsMs % 3_600_000) / 60_000);
  const hour = new Date(tsMs).getUTCHours();
  if (minuteOfHour < 4 && hour === 14) return 0.09;
  if (minuteOfHour < 3 && hour === 15) return 0.05;
  if (tsMs >= Date.UTC(2026, 10, 10, 14, 4) && tsMs < scenario.resumeMs) return 0.012;
  return 0;
}

function request(scenario: Scenario, api: HostPlan[], tsMs: number, prng: Prng): Record<string, unknown> {
  const route = prng.pick(ROUTES);
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace('{id}', prng.hex(10));
  let upstream = prng.pick(api);
  for (let tries = 0; tries < 3 && spanAt(upstream, tsMs).phase !== 'serving'; tries++) upstream = prng.pick(api);
  const phase = spanAt(upstream, tsMs).phase;
  let status = method === 'POST' ? 201 : 200;
  let durationMs = prng.int(3, 60) + (prng.chance(0.05) ? prng.int(100, 900) : 0);
  const roll = prng.next();
  if (phase !== 'serving' || roll < extraErrorRate(tsMs, scenario)) {
    status = prng.chance(0.6) ? 503 : 502;
    durationMs = status === 503 ? prng.int(1000, 5000) : prng.int(1, 30);
  } else if (roll > 0.996) {
    status = 500;
  } else if (roll > 0.975) {
    status = prng.pick([401, 404, 404, 404, 409, 429]);
  }
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  const upstreamNote = status === 503 ? ' (upstream timeout)' : status === 502 ? ' (upstream connection refused)' : '';
  return {
    '@timestamp': isoMs(tsMs),
    'log.level': level,
    'ecs.version': '8.11.0',
    'service.name': 'api-gateway',
    'host.name': scenario.gateways[Math.floor(prng.next() * scenario.gateways.length)],
    'http.request.method': method,
    'url.path': path,
    'http.response.status_code': status,
    'event.duration': durationMs * 1_000_000,
    'upstream.host': upstream.host.name,
    'trace.id': prng.hex(32),
    message: `${method} ${path} ${status} ${durationMs}ms upstream=${upstream.host.name}${upstreamNote}`,
  };
}
