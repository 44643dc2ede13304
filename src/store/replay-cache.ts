/**
 * The rollout model of an incident, built on first use by one scan of the events and cached twice:
 * in memory per open incident, and in the incident file (`replay_hosts`, `derived_state`) so the next
 * open skips the scan. Both caches are keyed by a fingerprint of the events (highest id and count),
 * which changes whenever an import adds events. Grouping rules are applied on top, never baked in.
 */
import type { Level } from '../model/event';
import type { GroupOrigin, GroupingRule, RolloutInfo } from '../model/replay';
import { FleetBuilder, type FleetData } from '../replay/fleet-builder';
import { FleetModel } from '../replay/fleet-model';
import { packTimeline, unpackTimeline, type HostTimeline } from '../replay/host-timeline';
import { mayCarrySignal } from '../replay/rollout-signals';
import type { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';
import { cachedStatement } from './statement-cache';

const DERIVED_NAME = 'replay';
/** Bump when the builder's output changes meaning, so cached models from older builds are rebuilt. */
const MODEL_FORMAT = 1;

const cache = new WeakMap<IncidentDb, { fingerprint: string; model: FleetModel }>();

/** The incident's rollout model with the current grouping rules applied; built or loaded when the events changed. */
export function fleetModelOf(incident: IncidentDb): FleetModel {
  const fingerprint = `v${MODEL_FORMAT}:${lodFingerprint(incident)}`;
  const cached = cache.get(incident);
  if (cached?.fingerprint === fingerprint) return cached.model;
  const data = loadStored(incident, fingerprint) ?? buildAndStore(incident, fingerprint);
  const model = new FleetModel(data, listGroupingRules(incident));
  cache.set(incident, { fingerprint, model });
  return model;
}

/** Builds the model from every event of the incident, in one pass. */
export function buildFleetData(incident: IncidentDb): FleetData {
  const builder = new FleetBuilder();
  const rows = incident.db.prepare('SELECT id, ts_ms, host, level, kind, message, attrs FROM events').raw().iterate() as IterableIterator<
    [number, number, string | null, Level, string | null, string, string]
  >;
  for (const [id, tsMs, host, level, kind, message, attrsJson] of rows) {
    const attrs = mayCarrySignal(attrsJson) ? parseAttrs(attrsJson) : null;
    builder.add({ id, tsMs, host, level, kind, message, attrs });
  }
  return builder.finish();
}

function parseAttrs(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface StoredMeta {
  versions: string[];
  steps: string[];
  rollouts: RolloutInfo[];
}

function loadStored(incident: IncidentDb, fingerprint: string): FleetData | null {
  const row = incident.db.prepare('SELECT built_for, data FROM derived_state WHERE name = ?').get(DERIVED_NAME) as
    | { built_for: string; data: string }
    | undefined;
  if (row?.built_for !== fingerprint) return null;
  const meta = JSON.parse(row.data) as StoredMeta;
  const rows = incident.db.prepare('SELECT host, inferred_group, group_origin, event_count, first_ts_ms, last_ts_ms, timeline FROM replay_hosts').all() as {
    host: string;
    inferred_group: string;
    group_origin: GroupOrigin;
    event_count: number;
    first_ts_ms: number | null;
    last_ts_ms: number | null;
    timeline: Buffer;
  }[];
  const hosts: HostTimeline[] = rows
    .map((r) =>
      unpackTimeline(r.timeline, {
        host: r.host,
        inferredGroup: r.inferred_group,
        inferredOrigin: r.group_origin,
        eventCount: r.event_count,
        firstTsMs: r.first_ts_ms,
        lastTsMs: r.last_ts_ms,
      }),
    )
    .sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }));
  return { versions: meta.versions, steps: meta.steps, rollouts: meta.rollouts, hosts };
}

function buildAndStore(incident: IncidentDb, fingerprint: string): FleetData {
  const data = buildFleetData(incident);
  if (incident.isReadOnly) return data;
  const insert = incident.db.prepare(
    'INSERT INTO replay_hosts (host, inferred_group, group_origin, event_count, first_ts_ms, last_ts_ms, timeline) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const meta: StoredMeta = { versions: data.versions, steps: data.steps, rollouts: data.rollouts };
  incident.db.transaction(() => {
    incident.db.exec('DELETE FROM replay_hosts');
    for (const h of data.hosts) insert.run(h.host, h.inferredGroup, h.inferredOrigin, h.eventCount, h.firstTsMs, h.lastTsMs, packTimeline(h));
    incident.db
      .prepare('INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, ?)')
      .run(DERIVED_NAME, fingerprint, JSON.stringify(meta));
  })();
  return data;
}

/** The user's grouping rules, in the order they apply. */
export function listGroupingRules(incident: IncidentDb): GroupingRule[] {
  return incident.db.prepare('SELECT id, pattern, group_name AS "group" FROM grouping_rules ORDER BY id').all() as GroupingRule[];
}

/** Saves a grouping rule in the incident and applies it to the cached model. */
export function addGroupingRule(incident: IncidentDb, pattern: string, group: string): GroupingRule {
  const result = incident.db.prepare('INSERT INTO grouping_rules (pattern, group_name, created_ms) VALUES (?, ?, ?)').run(pattern, group, Date.now());
  cache.get(incident)?.model.applyRules(listGroupingRules(incident));
  return { id: Number(result.lastInsertRowid), pattern, group };
}

/** Deletes a grouping rule; true when it existed. */
export function deleteGroupingRule(incident: IncidentDb, id: number): boolean {
  const changed = incident.db.prepare('DELETE FROM grouping_rules WHERE id = ?').run(id).changes > 0;
  cache.get(incident)?.model.applyRules(listGroupingRules(incident));
  return changed;
}

/** Messages of the given events, by id (for labelling each host's last event). */
export function eventMessages(incident: IncidentDb, ids: readonly number[]): Map<number, string> {
  // NOTE: events never change once written, so messages read once are kept (bounded) per incident:
  // viewers scrubbing nearby times ask for mostly the same hosts' last events.
  let known = messageCache.get(incident);
  if (known === undefined) {
    known = new Map();
    messageCache.set(incident, known);
  }
  const messages = new Map<number, string>();
  const missing: number[] = [];
  for (const id of ids) {
    const message = known.get(id);
    if (message === undefined) missing.push(id);
    else messages.set(id, message);
  }
  if (missing.length === 0) return messages;
  const rows = cachedStatement(incident.db, 'SELECT id, message FROM events WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(missing)) as [number, string][];
  if (known.size + rows.length > MAX_CACHED_MESSAGES) known.clear();
  for (const [id, message] of rows) {
    known.set(id, message);
    messages.set(id, message);
  }
  return messages;
}

/** Event messages kept per incident at most by {@link eventMessages}. */
const MAX_CACHED_MESSAGES = 50_000;

const messageCache = new WeakMap<IncidentDb, Map<number, string>>();
