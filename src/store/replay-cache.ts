/**
 * The rollout model of an incident, built on first use by one scan of the events and cached twice:
 * in memory per open incident, and in the incident file (replay-store.ts) so the next open skips the
 * scan. Both are keyed by the events fingerprint (lodFingerprint), which changes whenever events are
 * added. The builder of a model built on this thread is kept, so events appended later (live follow)
 * are read and folded in alone; a model built after a large import comes from the fleet worker
 * (fleet-worker.ts), in parallel with the other derived tables. Grouping rules are applied on top,
 * never baked in.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { GroupingRule } from '../model/replay';
import { FleetBuilder, type FleetData } from '../replay/fleet-builder';
import { FleetModel } from '../replay/fleet-model';
import { runWorkerOnce } from '../threads/start-worker';
import { packedTimelineBytes, type HostTimeline } from '../replay/host-timeline';
import { eventsChangeSince } from './events-change';
import { addEvents } from './fleet-events';
import type { FleetWorkerInput, FleetWorkerResult } from './fleet-worker';
import type { IncidentDb } from './incident-db';
import { lodFingerprint, maxEventId } from './lod-build';
import { isRebuildingDerived, isWorthAWorker, type DerivedBuildOptions } from './derived-rebuild';
import { yieldToEventLoop } from './event-loop';
import { loadStoredFleet, storedFleetStamp, storeFleet, storeFleetInTurns } from './replay-store';
import { cachedStatement } from './statement-cache';

/**
 * Most bytes of host rows one append writes to the file. Past it the stored model is left behind (its
 * fingerprint then no longer matches, so nothing uses it) until the next full build stores it whole.
 * NOTE: an append rewrites the whole row of every host it touched; 1 MiB is ~125,000 events of history
 * and a few ms of writing, where a host with a million events would cost 8 MB on every 250 ms poll.
 */
const MAX_APPEND_STORE_BYTES = 1 << 20;

/** What the file's replay tables hold as this process last wrote or read them: for which events, and each host's timeline. */
interface StoredFleet {
  builtFor: string;
  timelines: Map<string, HostTimeline>;
}

/** The builder that made a model, fed every event up to the model's fingerprint, and the id it stores the model under. */
interface KeptBuilder {
  builder: FleetBuilder;
  id: string;
}

/** One open incident's model and what keeps it current. */
interface CachedFleet {
  /** Events fingerprint (lodFingerprint) of the events in the model. */
  builtFor: string;
  model: FleetModel;
  /** Null when the model was read from the file. */
  kept: KeptBuilder | null;
  stored: StoredFleet | null;
}

const cache = new WeakMap<IncidentDb, CachedFleet>();

/** Incidents whose model {@link buildFleetInTurns} or {@link keepFleetBuilder} is building, with the model callers get meanwhile (null: none yet). */
const building = new WeakMap<IncidentDb, CachedFleet | null>();

/** The incident's rollout model with the current grouping rules applied; updated, loaded or built when the events changed. */
export function fleetModelOf(incident: IncidentDb): FleetModel {
  const cached = cache.get(incident);
  if (cached?.builtFor === lodFingerprint(incident)) return cached.model;
  // NOTE: during a rebuild in turns callers get the model from before (when there is one) rather than a build in one go.
  const meanwhile = building.get(incident) ?? (isRebuildingDerived(incident) ? cached : undefined);
  if (meanwhile) return meanwhile.model;
  // NOTE: dropped first, so a failure half-way through feeding the kept builder cannot leave it ahead of its fingerprint.
  cache.delete(incident);
  // NOTE: one read transaction, so the fingerprint recorded is that of exactly the events read, even while another process appends.
  const next = incident.db.transaction(() => refreshed(incident, cached))();
  if (!incident.isReadOnly) next.stored = stored(incident, next);
  cache.set(incident, next);
  return next.model;
}

/**
 * The model for the events now: the kept builder fed the appended events alone, else the stored model,
 * else a new builder fed every event.
 * NOTE: no size limit on the append: feeding n new events and redoing the hosts they touch never costs
 * more than reading every event again, which a full build does anyway.
 */
function refreshed(incident: IncidentDb, cached: CachedFleet | undefined): CachedFleet {
  const builtFor = lodFingerprint(incident);
  if (cached?.kept) {
    const change = eventsChangeSince(incident, cached.builtFor);
    if (change.kind === 'appended') {
      addEvents(cached.kept.builder, incident, change.afterId);
      return { ...cached, builtFor, model: modelOf(incident, cached.kept.builder.finish()) };
    }
  }
  const data = loadStoredFleet(incident, builtFor);
  if (data !== null) return { builtFor, model: modelOf(incident, data), kept: null, stored: { builtFor, timelines: timelinesOf(data) } };
  return builtFromEvents(incident, null);
}

/** A model built by a new builder fed every event (kept for later appends); `stored` is what the file holds. */
function builtFromEvents(incident: IncidentDb, stored: StoredFleet | null): CachedFleet {
  const builtFor = lodFingerprint(incident);
  const builder = new FleetBuilder();
  addEvents(builder, incident);
  return { builtFor, model: modelOf(incident, builder.finish()), kept: { builder, id: randomUUID() }, stored };
}

/** Events read per chunk when a model is built on this thread in turns: about 0.1 s of reading each. */
const EVENTS_PER_TURN = 50_000;

/** Builds in progress, so a second caller waits for the first instead of building the same model again. */
const runs = new WeakMap<IncidentDb, Promise<void>>();

/**
 * Brings the model up to date like {@link fleetModelOf} without blocking the event loop for long, so the
 * service keeps answering; callers meanwhile get the model from before. A kept builder takes the appended
 * events in chunks by id, yielding between them. A whole model of many events (after an import) is built
 * in the fleet worker on its own connection, while this thread goes on (derived-tables.ts builds the
 * timeline counts and the search index meanwhile); no builder is kept then, so {@link keepFleetBuilder}
 * makes one when following starts. The model covers the events there were when it started; later
 * appends are taken by the next call.
 */
export async function buildFleetInTurns(incident: IncidentDb, options: DerivedBuildOptions = {}): Promise<void> {
  await updateFleetInTurns(incident, false, options);
}

/**
 * Makes later appends update the model by their own events: when the model has no builder in memory
 * (read from the file, or built in the fleet worker), builds one from every event now, in turns. Called
 * when live follow starts, so the first followed lines do not wait for that build (about 0.8 s for
 * 270,000 events).
 */
export async function keepFleetBuilder(incident: IncidentDb): Promise<void> {
  await updateFleetInTurns(incident, true, { workerMinEvents: Number.POSITIVE_INFINITY });
}

async function updateFleetInTurns(incident: IncidentDb, needsBuilder: boolean, options: DerivedBuildOptions): Promise<void> {
  for (let run = runs.get(incident); run !== undefined; run = runs.get(incident)) await run.catch(() => undefined);
  const cached = cache.get(incident);
  const builtFor = lodFingerprint(incident);
  if (cached?.builtFor === builtFor && (!needsBuilder || cached.kept !== null)) return;
  const change = cached?.kept ? eventsChangeSince(incident, cached.builtFor) : null;
  const appendTo = change?.kind === 'appended' ? cached!.kept! : null;
  if (appendTo === null && !needsBuilder && loadStoredFleet(incident, builtFor) !== null) {
    fleetModelOf(incident);
    return;
  }
  const afterId = change?.kind === 'appended' ? change.afterId : 0;
  const isForWorker = appendTo === null && isWorthAWorker(incident, maxEventId(incident), options);
  const run = (async () => {
    building.set(incident, cached ?? null);
    // NOTE: dropped first, so a failure half-way through feeding the kept builder cannot leave it ahead of its fingerprint.
    cache.delete(incident);
    try {
      cache.set(incident, isForWorker ? await builtInWorker(incident, cached) : await builtInTurns(incident, cached, appendTo, afterId));
    } finally {
      building.delete(incident);
      runs.delete(incident);
    }
  })();
  runs.set(incident, run);
  await run;
}

/** The model fed to `appendTo` (or to a new builder) the events above `afterId`, read in chunks between turns of the event loop, and stored. */
async function builtInTurns(incident: IncidentDb, cached: CachedFleet | undefined, appendTo: KeptBuilder | null, afterId: number): Promise<CachedFleet> {
  // NOTE: read together, so the fingerprint recorded is that of exactly the events fed, even while another connection appends.
  const { builtFor, maxId } = incident.db.transaction(() => ({ builtFor: lodFingerprint(incident), maxId: maxEventId(incident) }))();
  const builder = appendTo?.builder ?? new FleetBuilder();
  for (let from = afterId; from < maxId; from += EVENTS_PER_TURN) {
    addEvents(builder, incident, from, Math.min(maxId, from + EVENTS_PER_TURN));
    await yieldToEventLoop();
  }
  const next: CachedFleet = { builtFor, model: modelOf(incident, builder.finish()), kept: appendTo ?? { builder, id: randomUUID() }, stored: cached?.stored ?? null };
  await yieldToEventLoop();
  if (!incident.isReadOnly) next.stored = stored(incident, next);
  return next;
}

/** The model of every committed event, built in the fleet worker, and stored whole in the file. */
async function builtInWorker(incident: IncidentDb, cached: CachedFleet | undefined): Promise<CachedFleet> {
  const { builtFor, data } = await runWorkerOnce<FleetWorkerResult>(
    'fleet-worker',
    join(__dirname, 'fleet-worker.ts'),
    { incidentPath: incident.path } satisfies FleetWorkerInput,
    'build the rollout model',
  );
  const next: CachedFleet = { builtFor, model: modelOf(incident, data), kept: null, stored: cached?.stored ?? null };
  if (!incident.isReadOnly && next.stored?.builtFor !== builtFor) {
    await storeFleetInTurns(incident, { builtFor, writer: randomUUID() }, data);
    next.stored = { builtFor, timelines: timelinesOf(data) };
  }
  return next;
}

function modelOf(incident: IncidentDb, data: FleetData): FleetModel {
  return new FleetModel(data, listGroupingRules(incident));
}

function timelinesOf(data: FleetData): Map<string, HostTimeline> {
  return new Map(data.hosts.map((h) => [h.host, h]));
}

/**
 * Writes the model to the file unless it came from there: only the rows of hosts whose timelines
 * changed when the file still holds what this builder stored last, else every row. Returns what the
 * file holds afterwards.
 * NOTE: stored on every append (not only when following stops) so the file is current whenever the app
 * is closed or killed; the budget keeps that from rewriting huge hosts on every poll. The writer id, not
 * the fingerprint alone, proves the other rows are this builder's: another connection may have stored
 * a model for the same events with versions numbered differently.
 */
function stored(incident: IncidentDb, entry: CachedFleet): StoredFleet | null {
  const { builtFor, model, kept, stored: before } = entry;
  if (before?.builtFor === builtFor || kept === null) return before;
  const stamp = { builtFor, writer: kept.id };
  const inFile = storedFleetStamp(incident);
  if (before === null || inFile?.builtFor !== before.builtFor || inFile.writer !== kept.id) {
    storeFleet(incident, stamp, model.data, 'all');
    return { builtFor, timelines: timelinesOf(model.data) };
  }
  const changed = model.data.hosts.filter((h) => before.timelines.get(h.host) !== h);
  if (changed.reduce((bytes, h) => bytes + packedTimelineBytes(h), 0) > MAX_APPEND_STORE_BYTES) return before;
  storeFleet(incident, stamp, model.data, changed);
  return { builtFor, timelines: timelinesOf(model.data) };
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
