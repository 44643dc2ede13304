/**
 * Per source and host, the sorted event times (and ids) the silence detector reads, and per source and
 * per service the warnings and errors the burst detector reads, each from one streaming pass over
 * `events`; cached in memory per open incident until the events change.
 */
import type { SourceLane } from '../insight/detect-silences';
import { sortedLane, type ProblemLane } from '../insight/problem-lanes';
import type { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';

const cache = new WeakMap<IncidentDb, { fingerprint: string; lanes: SourceLane[] }>();
const problemCache = new WeakMap<IncidentDb, { fingerprint: string; lanes: ProblemLane[] }>();

/** Every (source, host) lane of the incident. */
export function sourceLanesOf(incident: IncidentDb): SourceLane[] {
  const fingerprint = lodFingerprint(incident);
  const cached = cache.get(incident);
  if (cached?.fingerprint === fingerprint) return cached.lanes;
  const names = new Map(incident.db.prepare('SELECT id, name FROM sources').raw().all() as [number, string][]);
  const acc = new Map<string, { source: string; host: string; ts: number[]; ids: number[] }>();
  const rows = incident.db.prepare('SELECT source_id, host, ts_ms, id FROM events WHERE host IS NOT NULL').raw().iterate() as IterableIterator<[number, string, number, number]>;
  for (const [sourceId, host, tsMs, id] of rows) {
    const key = `${sourceId}\u0000${host}`;
    let lane = acc.get(key);
    if (!lane) {
      lane = { source: names.get(sourceId) ?? String(sourceId), host, ts: [], ids: [] };
      acc.set(key, lane);
    }
    lane.ts.push(tsMs);
    lane.ids.push(id);
  }
  const lanes = [...acc.values()].map((l): SourceLane => {
    const order = l.ts.map((_, i) => i);
    const isSorted = l.ts.every((t, i) => i === 0 || t >= l.ts[i - 1]!);
    if (!isSorted) order.sort((a, b) => l.ts[a]! - l.ts[b]! || l.ids[a]! - l.ids[b]!);
    return { source: l.source, host: l.host, tsMs: Float64Array.from(order, (i) => l.ts[i]!), eventId: Float64Array.from(order, (i) => l.ids[i]!) };
  });
  cache.set(incident, { fingerprint, lanes });
  return lanes;
}

/** A source whose problems come this much from one service is that service's lane, so it gets no lane of its own. */
const ONE_SERVICE_SHARE = 0.9;

/**
 * Warnings and errors per source and per service. Left out, as they would repeat another lane: services
 * seen on one host only (its group lane covers them) and sources that are mostly one service.
 */
export function problemLanesOf(incident: IncidentDb): ProblemLane[] {
  const fingerprint = lodFingerprint(incident);
  const cached = problemCache.get(incident);
  if (cached?.fingerprint === fingerprint) return cached.lanes;
  const names = new Map(incident.db.prepare('SELECT id, name FROM sources').raw().all() as [number, string][]);
  const bySource = new Map<string, { ts: number[]; hosts: (string | null)[] }>();
  const byService = new Map<string, { ts: number[]; hosts: (string | null)[] }>();
  const add = (map: Map<string, { ts: number[]; hosts: (string | null)[] }>, name: string, tsMs: number, host: string | null) => {
    let acc = map.get(name);
    if (!acc) {
      acc = { ts: [], hosts: [] };
      map.set(name, acc);
    }
    acc.ts.push(tsMs);
    acc.hosts.push(host);
  };
  const servicesPerSource = new Map<string, Map<string, number>>();
  const rows = incident.db.prepare("SELECT source_id, service, host, ts_ms FROM events WHERE level IN ('warn', 'error', 'fatal')").raw().iterate() as IterableIterator<
    [number, string | null, string | null, number]
  >;
  for (const [sourceId, service, host, tsMs] of rows) {
    const source = names.get(sourceId) ?? String(sourceId);
    add(bySource, source, tsMs, host);
    if (service === null) continue;
    add(byService, service, tsMs, host);
    const perService = servicesPerSource.get(source) ?? new Map<string, number>();
    perService.set(service, (perService.get(service) ?? 0) + 1);
    servicesPerSource.set(source, perService);
  }
  const isOneService = (source: string, total: number) => Math.max(0, ...(servicesPerSource.get(source)?.values() ?? [])) >= ONE_SERVICE_SHARE * total;
  const lanes = [
    ...[...bySource].filter(([name, acc]) => !isOneService(name, acc.ts.length)).map(([name, acc]) => sortedLane('source', name, acc.ts, acc.hosts)),
    ...[...byService].filter(([, acc]) => new Set(acc.hosts).size > 1).map(([name, acc]) => sortedLane('service', name, acc.ts, acc.hosts)),
  ];
  problemCache.set(incident, { fingerprint, lanes });
  return lanes;
}
