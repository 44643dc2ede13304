/**
 * The search indexes: the FTS5 table `events_search` keyed by each event's rank in time order (table
 * `search_order` maps ranks to events), and a covering index for filtered timeline counts. Because a
 * term's matches are stored in time order, the first page of a search at any instant is a seek, not a
 * scan of every match. Built at the end of an import (or on first use in a writable incident) and
 * recorded in `derived_state` with the events' fingerprint, like the LOD. Events appended since (live
 * follow) are ranked after the others: when they all sort after them the order holds; otherwise they
 * form a short unordered tail (ranks above `orderedThrough`) that queries sort themselves, until it
 * grows past {@link UNORDERED_TAIL_MAX} and the index is rebuilt.
 */
import { isRebuildingDerived } from './derived-rebuild';
import { yieldToEventLoop } from './event-loop';
import { eventsChangeSince } from './events-change';
import type { IncidentDb } from './incident-db';
import { lodFingerprint, maxEventId } from './lod-build';
import { FILTER_COVER_INDEX } from './source-writer';
import { cachedStatement } from './statement-cache';

const DERIVED_NAME = 'search';

/**
 * Most ranks out of time order before a rebuild: queries sort the tail's matches (about 10 ms for a
 * common word in 50,000 events), a rebuild costs about 1.8 s per million events.
 */
const UNORDERED_TAIL_MAX = 50_000;

/** Ranks 1..`orderedThrough` are in time order; ranks above it up to `lastRank` were appended out of order. */
export interface SearchLayout {
  orderedThrough: number;
  lastRank: number;
}

interface StoredSearch {
  builtFor: string;
  orderedThrough: number;
}

function readStored(incident: IncidentDb): StoredSearch | null {
  const row = cachedStatement(incident.db, 'SELECT built_for, data FROM derived_state WHERE name = ?').get(DERIVED_NAME) as { built_for: string; data: string } | undefined;
  if (row === undefined) return null;
  const data = JSON.parse(row.data) as { orderedThrough?: number };
  return { builtFor: row.built_for, orderedThrough: data.orderedThrough ?? Number.MAX_SAFE_INTEGER };
}

function lastRankOf(incident: IncidentDb): number {
  return (cachedStatement(incident.db, 'SELECT MAX(rank) FROM search_order').pluck().get() as number | null) ?? 0;
}

/** Which ranks of the (current) index are in time order. */
export function searchLayout(incident: IncidentDb): SearchLayout {
  const lastRank = lastRankOf(incident);
  return { orderedThrough: Math.min(lastRank, readStored(incident)?.orderedThrough ?? lastRank), lastRank };
}

/** Whether the full-text index holds every event (a stale one must not be used: it would miss rows). */
export function isSearchIndexCurrent(incident: IncidentDb): boolean {
  return readStored(incident)?.builtFor === lodFingerprint(incident);
}

/**
 * Brings the full-text index and the covering index up to date with the events: a no-op when current,
 * the appended events alone after a live-follow append, else a rebuild. Returns false on a read-only
 * incident whose index is stale (searches then fall back to substrings).
 */
export function buildSearchIndex(incident: IncidentDb): boolean {
  // NOTE: during a rebuild in turns the index is used only once it is current; until then words match substrings.
  if (isRebuildingDerived(incident)) return isSearchIndexCurrent(incident);
  return updateSearchIndex(incident);
}

/** {@link buildSearchIndex} without the rebuild-in-turns guard. */
function updateSearchIndex(incident: IncidentDb): boolean {
  const stored = readStored(incident);
  const change = eventsChangeSince(incident, stored?.builtFor ?? null);
  if (change.kind === 'current') return true;
  if (incident.isReadOnly) return false;
  const { db } = incident;
  db.transaction(() => {
    const layout = searchLayout(incident);
    const orderedThrough = stored !== null && change.kind === 'appended' && isSmallAppend(layout, change.count) ? appendRanks(incident, change.afterId, layout) : rebuild(incident);
    recordIndex(incident, lodFingerprint(incident), orderedThrough);
  })();
  return true;
}

/** Whether `count` more events can be ranked after the others without renumbering (the unordered tail stays short). */
function isSmallAppend(layout: SearchLayout, count: number): boolean {
  return layout.lastRank - layout.orderedThrough + count <= UNORDERED_TAIL_MAX;
}

/** Creates the covering index if needed and records the index as built for `builtFor`. */
function recordIndex(incident: IncidentDb, builtFor: string, orderedThrough: number): void {
  incident.db.exec(FILTER_COVER_INDEX.sql);
  incident.db.prepare('INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, ?)').run(DERIVED_NAME, builtFor, JSON.stringify({ orderedThrough }));
}

/** Events ranked, then ranks indexed, per turn by {@link buildSearchIndexInTurns}: about 40 ms of work each. */
const RANKS_PER_TURN = 25_000;

/**
 * Brings the index up to date like {@link buildSearchIndex}, but a rebuild (after an import) ranks the
 * events by (time, id) keyset and then indexes the ranks, in chunks that are each their own transaction,
 * yielding to the event loop between them so the service keeps answering. The index covers the events there were when it started; later appends are taken by
 * the next call. Run inside whileRebuildingDerived (searches meanwhile match substrings).
 */
export async function buildSearchIndexInTurns(incident: IncidentDb): Promise<void> {
  if (incident.isReadOnly) return;
  const stored = readStored(incident);
  const change = eventsChangeSince(incident, stored?.builtFor ?? null);
  if (change.kind === 'current') return;
  if (stored !== null && change.kind === 'appended' && isSmallAppend(searchLayout(incident), change.count)) {
    updateSearchIndex(incident);
    return;
  }
  const { db } = incident;
  // NOTE: the old record goes first, so an index left half-built (a crash between turns) is never taken as
  // current; the fingerprint and the highest id are read with it, and only events up to that id are ranked.
  const { builtFor, maxId } = db.transaction(() => {
    db.prepare('DELETE FROM derived_state WHERE name = ?').run(DERIVED_NAME);
    emptyIndex(incident);
    return { builtFor: lodFingerprint(incident), maxId: maxEventId(incident) };
  })();
  const rankAfter = cachedStatement(db, 'INSERT INTO search_order (event_id, ts_ms) SELECT id, ts_ms FROM events WHERE (ts_ms, id) > (?, ?) AND id <= ? ORDER BY ts_ms, id LIMIT ?');
  const lastRanked = cachedStatement(db, 'SELECT ts_ms, event_id FROM search_order ORDER BY rank DESC LIMIT 1').raw();
  for (let after = [Number.MIN_SAFE_INTEGER, 0]; ; ) {
    await yieldToEventLoop();
    const ranked = db.transaction(() => rankAfter.run(after[0], after[1], maxId, RANKS_PER_TURN).changes)();
    if (ranked === 0) break;
    after = lastRanked.get() as [number, number];
  }
  const lastRank = lastRankOf(incident);
  for (let afterRank = 0; afterRank < lastRank; afterRank += RANKS_PER_TURN) {
    await yieldToEventLoop();
    db.transaction(() => indexRanks(incident, afterRank, afterRank + RANKS_PER_TURN))();
  }
  await yieldToEventLoop();
  db.transaction(() => recordIndex(incident, builtFor, lastRank))();
}

/** Ranks every event afresh in time order and indexes it; returns the last rank (all in order). */
function rebuild(incident: IncidentDb): number {
  rankEvents(incident);
  indexRanks(incident, 0);
  return lastRankOf(incident);
}

/** Empties the index and ranks every event afresh in time order (nothing indexed yet). */
function rankEvents(incident: IncidentDb): void {
  emptyIndex(incident);
  // NOTE: ranks follow the event list's order (ts_ms, id), read from the events_by_time index. Into the
  // emptied table each row gets rank = largest rank + 1, so ranks run 1..n in that order (five times
  // faster than numbering with row_number()).
  incident.db.exec('INSERT INTO search_order (event_id, ts_ms) SELECT id, ts_ms FROM events ORDER BY ts_ms, id');
}

/** Empties the ranks and the full-text index. */
function emptyIndex(incident: IncidentDb): void {
  incident.db.exec("DELETE FROM search_order; INSERT INTO events_search (events_search) VALUES ('delete-all')");
}

/** Ranks the events above `afterId` after the last rank and indexes them; returns the new end of the ordered ranks. */
function appendRanks(incident: IncidentDb, afterId: number, layout: SearchLayout): number {
  const { db } = incident;
  db.prepare('INSERT INTO search_order (event_id, ts_ms) SELECT id, ts_ms FROM events WHERE id > ? ORDER BY ts_ms, id').run(afterId);
  indexRanks(incident, layout.lastRank);
  if (layout.orderedThrough < layout.lastRank) return layout.orderedThrough;
  // The new ranks keep the order when the first of them sorts after the last old one.
  const at = db.prepare('SELECT ts_ms, event_id FROM search_order WHERE rank = ?').raw();
  const last = at.get(layout.lastRank) as [number, number] | undefined;
  const first = at.get(layout.lastRank + 1) as [number, number] | undefined;
  const isInOrder = last === undefined || first === undefined || first[0] > last[0] || (first[0] === last[0] && first[1] > last[1]);
  return isInOrder ? lastRankOf(incident) : layout.orderedThrough;
}

/** Adds the text of the ranked events above `afterRank` (up to `throughRank`) to the full-text index, in rank order (FTS5 then appends to its segments). */
function indexRanks(incident: IncidentDb, afterRank: number, throughRank = Number.MAX_SAFE_INTEGER): void {
  incident.db
    .prepare(
      `INSERT INTO events_search (rowid, message, host, service, kind)
       SELECT o.rank, e.message, e.host, e.service, e.kind FROM search_order o JOIN events e ON e.id = o.event_id
        WHERE o.rank > ? AND o.rank <= ? ORDER BY o.rank`,
    )
    .run(afterRank, throughRank);
}
