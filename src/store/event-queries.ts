/**
 * Read queries over events and unparsed lines, for the event list and stepping through time. Event
 * times are corrected by their source's clock offset (sources.clock_offset_ms), as the timeline's
 * density (lod-build.ts) is.
 */
import type { EventDetail, EventSummary, UnparsedLine } from '../model/event';
import { isEmptyFilter, type EventFilter } from '../model/filter';
import { ApiError } from '../api/errors';
import { searchQueryOf } from './filter-sql';
import type { IncidentDb } from './incident-db';
import { searchLayout, type SearchLayout } from './search-index';
import { firstRankNotBefore, rankedHitsSql, unorderedHitsSql, type RankDirection } from './search-ranks';
import { clockGroups, groupWhere, type ClockGroup } from './clock-groups';
import { cachedStatement } from './statement-cache';
import {
  EVENT_SUMMARY_COLUMNS,
  UNPARSED_COLUMNS,
  toEventSummary,
  toUnparsedLine,
  type EventSummaryRow,
  type UnparsedRow,
} from './row-mapping';

/** Most unparsed lines returned beside one window of events. */
const MAX_UNPARSED_PER_WINDOW = 200;

/** Levels that count as "at least" a given level when stepping. */
const LEVELS_AT_LEAST: Record<'warn' | 'error', string> = {
  warn: "('warn', 'error', 'fatal')",
  error: "('error', 'fatal')",
};

/** Summary columns with times shifted by the group's correction (as {@link EVENT_SUMMARY_COLUMNS}). */
function summaryColumns(offsetMs: number): string {
  if (offsetMs === 0) return EVENT_SUMMARY_COLUMNS;
  return `id, source_id, ts_ms + ${offsetMs} AS ts_ms, ts_sub_ns, end_ms + ${offsetMs} AS end_ms, host, service, level, kind, message`;
}

/** Where a query of one side of a position starts, how far it goes, and an extra level condition. */
interface Seek {
  direction: RankDirection;
  tsMs: number;
  id: number;
  limit: number;
  levelSql: string;
}

/** A full-text query the time-ranked index answers, with which of its ranks are in time order; read once per request. */
interface RankedSearch {
  query: string;
  layout: SearchLayout;
}

/** The ranked search for the filter's words, or null when there are none or the index cannot answer (substring match then). */
function rankedSearchOf(incident: IncidentDb, filter: EventFilter | undefined): RankedSearch | null {
  const query = filter === undefined ? null : searchQueryOf(incident, filter);
  return query === null ? null : { query, layout: searchLayout(incident) };
}

/**
 * Up to `seek.limit` events of one clock group from (`tsMs`, `id`) on, or before it, nearest first.
 * Full-text words walk the time-ranked index from the position; otherwise the (ts_ms, id) index.
 */
function seekRows(incident: IncidentDb, group: ClockGroup, filter: EventFilter | undefined, search: RankedSearch | null, seek: Seek): EventSummaryRow[] {
  const { db } = incident;
  const columns = summaryColumns(group.offsetMs);
  const tsMs = seek.tsMs - group.offsetMs;
  const isBackward = seek.direction === 'before';
  const bound = isBackward ? '(events.ts_ms, id) < (@tsMs, @id)' : '(events.ts_ms, id) >= (@tsMs, @id)';
  const order = isBackward ? 'events.ts_ms DESC, id DESC' : 'events.ts_ms, id';
  if (search === null || filter === undefined) {
    const { where, params } = groupWhere(incident, filter, group);
    return cachedStatement(db, `SELECT ${columns} FROM events WHERE ${bound} ${seek.levelSql} AND ${where} ORDER BY ${order} LIMIT @limit`).all({
      ...params,
      tsMs,
      id: seek.id,
      limit: seek.limit,
    }) as EventSummaryRow[];
  }
  const { where, params } = groupWhere(incident, { ...filter, words: [] }, group);
  const { orderedThrough, lastRank } = search.layout;
  const rank = firstRankNotBefore(incident, orderedThrough, tsMs, seek.id);
  const args = { ...params, f_search: search.query, rank, ordered: orderedThrough, limit: seek.limit };
  const sql = `SELECT ${columns} FROM ${rankedHitsSql(seek.direction)} CROSS JOIN events ON events.id = hits.hit_id
                WHERE TRUE ${seek.levelSql} AND ${where} ORDER BY hits.hit_rank${isBackward ? ' DESC' : ''} LIMIT @limit`;
  const rows = cachedStatement(db, sql).all(args) as EventSummaryRow[];
  if (orderedThrough === lastRank) return rows;
  // Events appended out of order while following: few, so sorted here; callers merge both lists.
  const tailSql = `SELECT ${columns} FROM ${unorderedHitsSql()} CROSS JOIN events ON events.id = hits.hit_id
                    WHERE ${bound} ${seek.levelSql} AND ${where} ORDER BY ${order} LIMIT @limit`;
  return [...rows, ...(cachedStatement(db, tailSql).all({ ...args, tsMs, id: seek.id }) as EventSummaryRow[])];
}

const byTimeThenId = (a: EventSummaryRow, b: EventSummaryRow): number => a.ts_ms - b.ts_ms || a.id - b.id;

/**
 * Events around `tsMs` in time order: up to `before` strictly earlier, up to `after` at or later,
 * plus unparsed lines whose context time falls within the returned span. Times are corrected by each
 * source's clock offset, as the timeline draws them.
 */
export function eventsAround(
  incident: IncidentDb,
  tsMs: number,
  before: number,
  after: number,
  filter?: EventFilter,
): { events: EventSummary[]; unparsed: UnparsedLine[] } {
  const { db } = incident;
  const isFiltered = filter !== undefined && !isEmptyFilter(filter);
  const earlierRows: EventSummaryRow[] = [];
  const laterRows: EventSummaryRow[] = [];
  const search = rankedSearchOf(incident, filter);
  for (const group of clockGroups(incident)) {
    earlierRows.push(...seekRows(incident, group, filter, search, { direction: 'before', tsMs, id: Number.MIN_SAFE_INTEGER, limit: before, levelSql: '' }));
    laterRows.push(...seekRows(incident, group, filter, search, { direction: 'from', tsMs, id: Number.MIN_SAFE_INTEGER, limit: after, levelSql: '' }));
  }
  const earlier = earlierRows.sort(byTimeThenId).slice(Math.max(0, earlierRows.length - before));
  const later = laterRows.sort(byTimeThenId).slice(0, after);
  const events = [...earlier, ...later].map(toEventSummary);
  // NOTE: unparsed lines have no host, level or indexed text, so a filter leaves them out.
  if (events.length === 0 || isFiltered) return { events, unparsed: [] };

  const isAtStart = earlier.length < before;
  const isAtEnd = later.length < after;
  const spanFromMs = isAtStart ? Number.MIN_SAFE_INTEGER : events[0]!.tsMs;
  const spanToMs = isAtEnd ? Number.MAX_SAFE_INTEGER : events[events.length - 1]!.tsMs;
  const unparsedRows: UnparsedRow[] = [];
  for (const group of clockGroups(incident)) {
    unparsedRows.push(
      ...(cachedStatement(
        db,
        `SELECT ${unparsedColumns(group.offsetMs)} FROM unparsed
          WHERE ${group.sourceSql} AND ((context_ts_ms BETWEEN ? AND ?) OR (? AND context_ts_ms IS NULL))
          ORDER BY context_ts_ms, id LIMIT ?`,
      ).all(spanFromMs - group.offsetMs, spanToMs - group.offsetMs, isAtStart ? 1 : 0, MAX_UNPARSED_PER_WINDOW) as UnparsedRow[]),
    );
  }
  // NULL context times (lines before a source's first event) first, as SQLite orders them.
  unparsedRows.sort((a, b) => (a.context_ts_ms ?? Number.NEGATIVE_INFINITY) - (b.context_ts_ms ?? Number.NEGATIVE_INFINITY) || a.id - b.id);
  return { events, unparsed: unparsedRows.slice(0, MAX_UNPARSED_PER_WINDOW).map(toUnparsedLine) };
}

/** Unparsed-line columns with the context time shifted by the group's correction (as {@link UNPARSED_COLUMNS}). */
function unparsedColumns(offsetMs: number): string {
  if (offsetMs === 0) return UNPARSED_COLUMNS;
  return `id, source_id, line_start, line_end, raw, reason, context_ts_ms + ${offsetMs} AS context_ts_ms`;
}

/** One event with its raw text, line range, attributes and source name (times corrected by the source's clock offset), or null when the id is not in the incident. */
export function findEventDetail(incident: IncidentDb, id: number): EventDetail | null {
  const row = incident.db
    .prepare(
      `SELECT e.id, e.source_id, e.ts_ms + s.clock_offset_ms AS ts_ms, e.ts_sub_ns, e.end_ms + s.clock_offset_ms AS end_ms, e.host, e.service, e.level, e.kind, e.message,
              e.attrs, e.line_start, e.line_end, e.raw, s.name AS source_name
         FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id = ?`,
    )
    .get(id) as (EventSummaryRow & { attrs: string; line_start: number; line_end: number; raw: string; source_name: string }) | undefined;
  if (!row) return null;
  return {
    ...toEventSummary(row),
    attrs: JSON.parse(row.attrs) as Record<string, unknown>,
    lineStart: row.line_start,
    lineEnd: row.line_end,
    raw: row.raw,
    sourceName: row.source_name,
  };
}

/** One event with its raw text, line range, attributes and source name; `not_found` when absent. */
export function getEvent(incident: IncidentDb, id: number): EventDetail {
  const detail = findEventDetail(incident, id);
  if (!detail) throw new ApiError('not_found', `Event ${id} is not in this incident; it may belong to another incident file.`);
  return detail;
}

/**
 * The first event after (or before) the position (`fromTsMs`, `fromId`) in time order, optionally of a
 * minimum level. Times are corrected by each source's clock offset, as in {@link eventsAround}.
 */
export function stepEvent(
  incident: IncidentDb,
  fromTsMs: number,
  fromId: number,
  direction: 'next' | 'previous',
  levelAtLeast?: 'warn' | 'error',
  filter?: EventFilter,
): EventSummary | null {
  const levelFilter = levelAtLeast ? `AND level IN ${LEVELS_AT_LEAST[levelAtLeast]}` : '';
  const found: EventSummaryRow[] = [];
  const seek: Seek =
    direction === 'next'
      ? { direction: 'from', tsMs: fromTsMs, id: fromId + 1, limit: 1, levelSql: levelFilter }
      : { direction: 'before', tsMs: fromTsMs, id: fromId, limit: 1, levelSql: levelFilter };
  const search = rankedSearchOf(incident, filter);
  for (const group of clockGroups(incident)) found.push(...seekRows(incident, group, filter, search, seek));
  found.sort(byTimeThenId);
  const row = direction === 'next' ? found[0] : found[found.length - 1];
  return row ? toEventSummary(row) : null;
}

/** A page of unparsed lines (of one source, or all), with the total count. */
export function listUnparsed(
  incident: IncidentDb,
  sourceId: number | undefined,
  limit: number,
  offset: number,
): { total: number; lines: UnparsedLine[] } {
  const where = sourceId === undefined ? '' : 'WHERE source_id = @sourceId';
  const params = { sourceId, limit, offset };
  const { total } = incident.db.prepare(`SELECT COUNT(*) AS total FROM unparsed ${where}`).get(sourceId === undefined ? {} : { sourceId }) as {
    total: number;
  };
  // NOTE: context times corrected by the source's clock offset, as the event list places them.
  const rows = incident.db
    .prepare(
      `SELECT u.id, u.source_id, u.line_start, u.line_end, u.raw, u.reason, u.context_ts_ms + s.clock_offset_ms AS context_ts_ms
         FROM unparsed u JOIN sources s ON s.id = u.source_id ${where.replace('source_id', 'u.source_id')}
        ORDER BY u.source_id, u.line_start LIMIT @limit OFFSET @offset`,
    )
    .all(sourceId === undefined ? { limit, offset } : params) as UnparsedRow[];
  return { total, lines: rows.map(toUnparsedLine) };
}
