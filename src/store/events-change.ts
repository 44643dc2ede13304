/**
 * How the events of an incident changed since a derived table (LOD, search index, fleet model) was built
 * for a fingerprint (lod-build.ts lodFingerprint: `<highest id>:<count>[:<clock offsets>]`). Live follow
 * only ever appends events, and a derived table can take an append in time proportional to the new
 * events instead of rebuilding from every event.
 */
import type { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';
import { cachedStatement } from './statement-cache';

/** Nothing changed; only events with ids above `afterId` were added (`count` of them); or anything else (rebuild). */
export type EventsChange = { kind: 'current' } | { kind: 'appended'; afterId: number; count: number } | { kind: 'changed' };

interface Fingerprint {
  maxId: number;
  total: number;
  offsets: string;
}

function parseFingerprint(text: string): Fingerprint | null {
  const match = /^(\d+):(\d+)(?::(.*))?$/.exec(text);
  if (match === null) return null;
  return { maxId: Number(match[1]), total: Number(match[2]), offsets: match[3] ?? '' };
}

/** What happened to the events since `builtFor` (a fingerprint the derived table recorded; null when never built). */
export function eventsChangeSince(incident: IncidentDb, builtFor: string | null): EventsChange {
  const now = lodFingerprint(incident);
  if (builtFor === now) return { kind: 'current' };
  const then = builtFor === null ? null : parseFingerprint(builtFor);
  const current = parseFingerprint(now);
  if (then === null || current === null || then.offsets !== current.offsets || current.maxId <= then.maxId) return { kind: 'changed' };
  // NOTE: the count above the old highest id is a rowid range scan, as cheap as the append is small; it
  // equalling the growth in total proves no event at or below that id was added or removed.
  const added = cachedStatement(incident.db, 'SELECT COUNT(*) FROM events WHERE id > ?').pluck().get(then.maxId) as number;
  return added === current.total - then.total ? { kind: 'appended', afterId: then.maxId, count: added } : { kind: 'changed' };
}
