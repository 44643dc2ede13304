/**
 * Per source and host, the sorted event times (and ids) the silence detector reads, from one streaming
 * pass over `events`; cached in memory per open incident until the events change.
 */
import type { SourceLane } from '../insight/detect-silences';
import type { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';

const cache = new WeakMap<IncidentDb, { fingerprint: string; lanes: SourceLane[] }>();

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
