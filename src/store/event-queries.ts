/** Read queries over events and unparsed lines, for the event list and stepping through time. */
import type { EventDetail, EventSummary, UnparsedLine } from '../model/event';
import { isEmptyFilter, type EventFilter } from '../model/filter';
import { ApiError } from '../api/errors';
import { filterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';
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

/**
 * Events around `tsMs` in time order: up to `before` strictly earlier, up to `after` at or later,
 * plus unparsed lines whose context time falls within the returned span.
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
  const { where, params } = isFiltered ? filterSql(incident, filter) : { where: 'TRUE', params: {} };
  const earlier = db
    .prepare(`SELECT ${EVENT_SUMMARY_COLUMNS} FROM events WHERE ts_ms < @tsMs AND ${where} ORDER BY ts_ms DESC, id DESC LIMIT @limit`)
    .all({ ...params, tsMs, limit: before }) as EventSummaryRow[];
  const later = db
    .prepare(`SELECT ${EVENT_SUMMARY_COLUMNS} FROM events WHERE ts_ms >= @tsMs AND ${where} ORDER BY ts_ms, id LIMIT @limit`)
    .all({ ...params, tsMs, limit: after }) as EventSummaryRow[];
  const events = [...earlier.reverse(), ...later].map(toEventSummary);
  // NOTE: unparsed lines have no host, level or indexed text, so a filter leaves them out.
  if (events.length === 0 || isFiltered) return { events, unparsed: [] };

  const isAtStart = earlier.length < before;
  const isAtEnd = later.length < after;
  const spanFromMs = isAtStart ? Number.MIN_SAFE_INTEGER : events[0]!.tsMs;
  const spanToMs = isAtEnd ? Number.MAX_SAFE_INTEGER : events[events.length - 1]!.tsMs;
  const unparsedRows = db
    .prepare(
      `SELECT ${UNPARSED_COLUMNS} FROM unparsed
        WHERE (context_ts_ms BETWEEN ? AND ?) OR (? AND context_ts_ms IS NULL)
        ORDER BY context_ts_ms, id LIMIT ?`,
    )
    .all(spanFromMs, spanToMs, isAtStart ? 1 : 0, MAX_UNPARSED_PER_WINDOW) as UnparsedRow[];
  return { events, unparsed: unparsedRows.map(toUnparsedLine) };
}

/** One event with its raw text, line range, attributes and source name, or null when the id is not in the incident. */
export function findEventDetail(incident: IncidentDb, id: number): EventDetail | null {
  const row = incident.db
    .prepare(
      `SELECT e.id, e.source_id, e.ts_ms, e.ts_sub_ns, e.end_ms, e.host, e.service, e.level, e.kind, e.message,
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

/** The first event after (or before) the position (`fromTsMs`, `fromId`) in time order, optionally of a minimum level. */
export function stepEvent(
  incident: IncidentDb,
  fromTsMs: number,
  fromId: number,
  direction: 'next' | 'previous',
  levelAtLeast?: 'warn' | 'error',
  filter?: EventFilter,
): EventSummary | null {
  const levelFilter = levelAtLeast ? `AND level IN ${LEVELS_AT_LEAST[levelAtLeast]}` : '';
  const { where, params } = filter === undefined || isEmptyFilter(filter) ? { where: 'TRUE', params: {} } : filterSql(incident, filter);
  const sql =
    direction === 'next'
      ? `SELECT ${EVENT_SUMMARY_COLUMNS} FROM events WHERE (ts_ms, id) > (@fromTsMs, @fromId) ${levelFilter} AND ${where} ORDER BY ts_ms, id LIMIT 1`
      : `SELECT ${EVENT_SUMMARY_COLUMNS} FROM events WHERE (ts_ms, id) < (@fromTsMs, @fromId) ${levelFilter} AND ${where} ORDER BY ts_ms DESC, id DESC LIMIT 1`;
  const row = incident.db.prepare(sql).get({ ...params, fromTsMs, fromId }) as EventSummaryRow | undefined;
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
  const rows = incident.db
    .prepare(`SELECT ${UNPARSED_COLUMNS} FROM unparsed ${where} ORDER BY source_id, line_start LIMIT @limit OFFSET @offset`)
    .all(sourceId === undefined ? { limit, offset } : params) as UnparsedRow[];
  return { total, lines: rows.map(toUnparsedLine) };
}
