/**
 * Mines the message patterns of an incident in one streaming pass over `events` (Drain, see
 * src/insight/drain.ts) and keeps them in the incident (`insight_patterns`, `insight_pattern_minutes`,
 * `insight_pattern_hosts`), keyed by the events' fingerprint like the other derived tables, and in memory
 * per open incident. A read-only incident with stale patterns is mined in memory only.
 */
import { DrainMiner } from '../insight/drain';
import { MAX_HOST_MINUTES, isLevel, minuteOf, worseLevel, type MinedPattern, type PatternHost, type PatternIndex } from '../insight/pattern-index';
import type { Level } from '../model/event';
import type { InsightProgress } from '../model/insight';
import { yieldToEventLoop } from './event-loop';
import type { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';

const DERIVED_NAME = 'insight';
/** Bump when mining changes meaning, so stored patterns from older builds are mined again. */
const MINER_FORMAT = 1;

const cache = new WeakMap<IncidentDb, { fingerprint: string; index: PatternIndex }>();

interface HostAccumulator {
  firstTsMs: number;
  firstEventId: number;
  eventCount: number;
  minutes: number[] | null;
}

interface PatternAccumulator {
  level: Level;
  firstTsMs: number;
  lastTsMs: number;
  firstEventId: number;
  eventCount: number;
  hosts: Map<string, HostAccumulator>;
  minuteCounts: Map<number, number>;
}

/** The incident's patterns: from memory, from the stored tables, or mined now (and stored when writable). */
export function patternIndexOf(incident: IncidentDb): PatternIndex {
  const fingerprint = currentFingerprint(incident);
  const cached = cache.get(incident);
  if (cached?.fingerprint === fingerprint) return cached.index;
  const index = loadStored(incident, fingerprint) ?? mineAndStore(incident, fingerprint);
  cache.set(incident, { fingerprint, index });
  return index;
}

function currentFingerprint(incident: IncidentDb): string {
  return `v${MINER_FORMAT}:${lodFingerprint(incident)}`;
}

/** Mines (or re-mines) the patterns now and stores them; returns how many events and patterns. Call right after an import. */
export function buildInsightPatterns(incident: IncidentDb): { eventCount: number; patternCount: number } {
  const index = patternIndexOf(incident);
  return { eventCount: index.eventCount, patternCount: index.patterns.length };
}

/** Events read per query while mining; between chunks the async miner yields to the event loop. */
const CHUNK_EVENTS = 20_000;

type EventRow = [number, number, string | null, string, string];

/** Accumulates the patterns of a stream of events (in any order). */
class PatternMiner {
  readonly miner = new DrainMiner();
  readonly accs: PatternAccumulator[] = [];
  eventCount = 0;

  add([id, tsMs, host, levelText, message]: EventRow): void {
    this.eventCount++;
    const pid = this.miner.add(message);
    const level: Level = isLevel(levelText) ? levelText : 'unknown';
    let acc = this.accs[pid];
    if (acc === undefined) {
      acc = { level, firstTsMs: tsMs, lastTsMs: tsMs, firstEventId: id, eventCount: 0, hosts: new Map(), minuteCounts: new Map() };
      this.accs[pid] = acc;
    }
    acc.eventCount++;
    if (level !== acc.level) acc.level = worseLevel(acc.level, level);
    if (tsMs < acc.firstTsMs || (tsMs === acc.firstTsMs && id < acc.firstEventId)) {
      acc.firstTsMs = tsMs;
      acc.firstEventId = id;
    }
    if (tsMs > acc.lastTsMs) acc.lastTsMs = tsMs;
    const minute = minuteOf(tsMs);
    acc.minuteCounts.set(minute, (acc.minuteCounts.get(minute) ?? 0) + 1);
    if (host === null) return;
    let h = acc.hosts.get(host);
    if (h === undefined) {
      h = { firstTsMs: tsMs, firstEventId: id, eventCount: 0, minutes: [] };
      acc.hosts.set(host, h);
    }
    h.eventCount++;
    if (tsMs < h.firstTsMs || (tsMs === h.firstTsMs && id < h.firstEventId)) {
      h.firstTsMs = tsMs;
      h.firstEventId = id;
    }
    const minutes = h.minutes;
    if (minutes !== null && minutes[minutes.length - 1] !== minute) {
      if (minutes.length >= 2 * MAX_HOST_MINUTES) h.minutes = null;
      else minutes.push(minute);
    }
  }

  index(): PatternIndex {
    const templates = this.miner.templates();
    const patterns: MinedPattern[] = this.accs.map((acc, id) => ({
      id,
      template: templates[id]!,
      level: acc.level,
      firstTsMs: acc.firstTsMs,
      lastTsMs: acc.lastTsMs,
      firstEventId: acc.firstEventId,
      eventCount: acc.eventCount,
      minuteCounts: acc.minuteCounts,
      hosts: [...acc.hosts].map(([host, h]): PatternHost => ({ host, firstTsMs: h.firstTsMs, firstEventId: h.firstEventId, eventCount: h.eventCount, minutes: distinctMinutes(h.minutes) })),
    }));
    return { eventCount: this.eventCount, patterns };
  }
}

/** Mines every event of the incident in one pass, without writing anything. */
export function minePatterns(incident: IncidentDb): PatternIndex {
  const mining = new PatternMiner();
  for (const row of incident.db.prepare('SELECT id, ts_ms, host, level, message FROM events').raw().iterate() as IterableIterator<EventRow>) mining.add(row);
  return mining.index();
}

/**
 * Mines like {@link minePatterns} in chunks of events by id, yielding to the event loop before each
 * chunk so other calls (and the import that just finished) are served while it runs.
 */
export async function minePatternsInChunks(incident: IncidentDb, onProgress?: (progress: InsightProgress) => void): Promise<PatternIndex> {
  const total = (incident.db.prepare('SELECT count(*) FROM events').pluck().get() as number) ?? 0;
  const chunk = incident.db.prepare('SELECT id, ts_ms, host, level, message FROM events WHERE id > ? ORDER BY id LIMIT ?').raw();
  const mining = new PatternMiner();
  let lastId = -Infinity;
  for (;;) {
    await yieldToEventLoop();
    const rows = chunk.all(lastId, CHUNK_EVENTS) as EventRow[];
    for (const row of rows) mining.add(row);
    onProgress?.({ eventsDone: mining.eventCount, eventsTotal: Math.max(total, mining.eventCount) });
    if (rows.length < CHUNK_EVENTS) break;
    lastId = rows[rows.length - 1]![0];
  }
  return mining.index();
}

const warming = new WeakMap<IncidentDb, { fingerprint: string; done: Promise<void> }>();

/**
 * Makes sure the incident's patterns are mined and stored, without blocking: mines in chunks (see
 * {@link minePatternsInChunks}) unless they are already current. Concurrent calls share one run. Call it
 * right after an import; `insight.findings` awaits it. A run whose events changed meanwhile is dropped.
 */
export function warmInsightPatterns(incident: IncidentDb, onProgress?: (progress: InsightProgress) => void): Promise<void> {
  const fingerprint = currentFingerprint(incident);
  if (cache.get(incident)?.fingerprint === fingerprint) return Promise.resolve();
  const running = warming.get(incident);
  if (running?.fingerprint === fingerprint) return running.done;
  const done = (async () => {
    await yieldToEventLoop();
    const stored = loadStored(incident, fingerprint);
    const index = stored ?? (await minePatternsInChunks(incident, onProgress));
    if (!incident.db.open || currentFingerprint(incident) !== fingerprint) return;
    if (stored === null) storeIndex(incident, fingerprint, index);
    cache.set(incident, { fingerprint, index });
  })().finally(() => {
    if (warming.get(incident)?.done === done) warming.delete(incident);
  });
  warming.set(incident, { fingerprint, done });
  return done;
}

function distinctMinutes(minutes: number[] | null): Float64Array | null {
  if (minutes === null) return null;
  const sorted = Float64Array.from(minutes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return n > MAX_HOST_MINUTES ? null : sorted.slice(0, n);
}

function mineAndStore(incident: IncidentDb, fingerprint: string): PatternIndex {
  const index = minePatterns(incident);
  storeIndex(incident, fingerprint, index);
  return index;
}

function storeIndex(incident: IncidentDb, fingerprint: string, index: PatternIndex): void {
  if (incident.isReadOnly) return;
  const { db } = incident;
  const insertPattern = db.prepare(
    'INSERT INTO insight_patterns (id, template, level, first_ts_ms, last_ts_ms, first_event_id, event_count, host_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMinute = db.prepare('INSERT INTO insight_pattern_minutes (pattern_id, minute, event_count) VALUES (?, ?, ?)');
  const insertHost = db.prepare('INSERT INTO insight_pattern_hosts (pattern_id, host, first_ts_ms, first_event_id, event_count, minutes) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.exec('DELETE FROM insight_patterns; DELETE FROM insight_pattern_minutes; DELETE FROM insight_pattern_hosts;');
    for (const p of index.patterns) {
      insertPattern.run(p.id, p.template, p.level, p.firstTsMs, p.lastTsMs, p.firstEventId, p.eventCount, p.hosts.length);
      for (const [minute, count] of p.minuteCounts) insertMinute.run(p.id, minute, count);
      for (const h of p.hosts) {
        const minutes = h.minutes === null ? null : Buffer.from(h.minutes.buffer, h.minutes.byteOffset, h.minutes.byteLength);
        insertHost.run(p.id, h.host, h.firstTsMs, h.firstEventId, h.eventCount, minutes);
      }
    }
    db.prepare("INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, ?)").run(DERIVED_NAME, fingerprint, JSON.stringify({ eventCount: index.eventCount }));
  })();
}

function loadStored(incident: IncidentDb, fingerprint: string): PatternIndex | null {
  const { db } = incident;
  const state = db.prepare('SELECT built_for, data FROM derived_state WHERE name = ?').get(DERIVED_NAME) as { built_for: string; data: string } | undefined;
  if (state?.built_for !== fingerprint) return null;
  const rows = db.prepare('SELECT id, template, level, first_ts_ms, last_ts_ms, first_event_id, event_count FROM insight_patterns ORDER BY id').raw().all() as [
    number, string, string, number, number, number, number,
  ][];
  const patterns: MinedPattern[] = rows.map(([id, template, level, firstTsMs, lastTsMs, firstEventId, eventCount]) => ({
    id, template, level: isLevel(level) ? level : 'unknown', firstTsMs, lastTsMs, firstEventId, eventCount, hosts: [], minuteCounts: new Map(),
  }));
  const byId = new Map(patterns.map((p) => [p.id, p]));
  for (const [pid, minute, count] of db.prepare('SELECT pattern_id, minute, event_count FROM insight_pattern_minutes').raw().iterate() as IterableIterator<[number, number, number]>) {
    byId.get(pid)?.minuteCounts.set(minute, count);
  }
  const hostRows = db.prepare('SELECT pattern_id, host, first_ts_ms, first_event_id, event_count, minutes FROM insight_pattern_hosts').raw().iterate() as IterableIterator<
    [number, string, number, number, number, Buffer | null]
  >;
  for (const [pid, host, firstTsMs, firstEventId, eventCount, minutes] of hostRows) {
    const copy = minutes === null ? null : new Float64Array(new Uint8Array(minutes).buffer);
    byId.get(pid)?.hosts.push({ host, firstTsMs, firstEventId, eventCount, minutes: copy });
  }
  const { eventCount } = JSON.parse(state.data) as { eventCount: number };
  return { eventCount, patterns };
}
