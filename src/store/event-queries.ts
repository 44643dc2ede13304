/**
 * Read queries over events and unparsed lines, for the event list and stepping through time. Event
 * times are corrected by their source's clock offset (sources.clock_offset_ms), as the timeline's
 * density (lod-build.ts) is.
 */
import type { EventDetail, EventSummary, UnparsedLine } from '../model/event';
import { isEmptyFilter, type EventFilter } from '../model/filter';
import { ApiError } from '../api/errors';
import { filterSql, type FilterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';
import { clockOffsets } from './source-progress';
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

/**
 * Sources that share a clock correction (sources.clock_offset_ms), as a SQL condition: queries run once
 * per group with their times shifted, so corrected sources sort where the timeline draws them while
 * each group still walks the (ts_ms, id) index.
 */
interface ClockGroup {
  offsetMs: number;
  sourceSql: string;
}

/** One group (offset 0, every source) when no source is corrected; else the uncorrected sources and one group per offset. */
function clockGroups(incident: IncidentDb): ClockGroup[] {
  const offsets = clockOffsets(incident);
  if (offsets.size === 0) return [{ offsetMs: 0, sourceSql: 'TRUE' }];
  const idsByOffset = new Map<number, number[]>();
  for (const [sourceId, offsetMs] of offsets) idsByOffset.set(offsetMs, [...(idsByOffset.get(offsetMs) ?? []), sourceId]);
  // NOTE: source ids and offsets are integers read from the incident, so inlining them is safe.
  return [
    { offsetMs: 0, sourceSql: `source_id NOT IN (${[...offsets.keys()].join(', ')})` },
    ...[...idsByOffset].map(([offsetMs, ids]) => ({ offsetMs, sourceSql: `source_id IN (${ids.join(', ')})` })),
  ];
}

/** Summary columns with times shifted by the group's correction (as {@link EVENT_SUMMARY_COLUMNS}). */
function summaryColumns(offsetMs: number): string {
  if (offsetMs === 0) return EVENT_SUMMARY_COLUMNS;
  return `id, source_id, ts_ms + ${offsetMs} AS ts_ms, ts_sub_ns, end_ms + ${offsetMs} AS end_ms, host, service, level, kind, message`;
}

/** The filter's condition for a group: its time range moved into the group's stored (uncorrected) times. */
function groupWhere(incident: IncidentDb, filter: EventFilter | undefined, group: ClockGroup): FilterSql {
  if (filter === undefined || isEmptyFilter(filter)) return { where: group.sourceSql, params: {} };
  const shifted = {
    ...filter,
    fromMs: filter.fromMs === null ? null : filter.fromMs - group.offsetMs,
    toMs: filter.toMs === null ? null : filter.toMs - group.offsetMs,
  };
  const { where, params } = filterSql(incident, shifted);
  return { where: `${group.sourceSql} AND ${where}`, params };
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
  for (const group of clockGroups(incident)) {
    const { where, params } = groupWhere(incident, filter, group);
    const columns = summaryColumns(group.offsetMs);
    const groupTsMs = tsMs - group.offsetMs;
    earlierRows.push(
      ...(cachedStatement(db, `SELECT ${columns} FROM events WHERE events.ts_ms < @tsMs AND ${where} ORDER BY events.ts_ms DESC, id DESC LIMIT @limit`).all({ ...params, tsMs: groupTsMs, limit: before }) as EventSummaryRow[]),
    );
    laterRows.push(
      ...(cachedStatement(db, `SELECT ${columns} FROM events WHERE events.ts_ms >= @tsMs AND ${where} ORDER BY events.ts_ms, id LIMIT @limit`).all({ ...params, tsMs: groupTsMs, limit: after }) as EventSummaryRow[]),
    );
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
  const unparsedRows = cachedStatement(
    db,
    `SELECT ${UNPARSED_COLUMNS} FROM unparsed
      WHERE (context_ts_ms BETWEEN ? AND ?) OR (? AND context_ts_ms IS NULL)
      ORDER BY context_ts_ms, id LIMIT ?`,
  ).all(spanFromMs, spanToMs, isAtStart ? 1 : 0, MAX_UNPARSED_PER_WINDOW) as UnparsedRow[];
  return { events, unparsed: unparsedRows.map(toUnparsedLine) };
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
  for (const group of clockGroups(incident)) {
    const { where, params } = groupWhere(incident, filter, group);
    const columns = summaryColumns(group.offsetMs);
    const sql =
      direction === 'next'
        ? `SELECT ${columns} FROM events WHERE (events.ts_ms, id) > (@fromTsMs, @fromId) ${levelFilter} AND ${where} ORDER BY events.ts_ms, id LIMIT 1`
        : `SELECT ${columns} FROM events WHERE (events.ts_ms, id) < (@fromTsMs, @fromId) ${levelFilter} AND ${where} ORDER BY events.ts_ms DESC, id DESC LIMIT 1`;
    const row = incident.db.prepare(sql).get({ ...params, fromTsMs: fromTsMs - group.offsetMs, fromId }) as EventSummaryRow | undefined;
    if (row) found.push(row);
  }
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
  const rows = incident.db
    .prepare(`SELECT ${UNPARSED_COLUMNS} FROM unparsed ${where} ORDER BY source_id, line_start LIMIT @limit OFFSET @offset`)
    .all(sourceId === undefined ? { limit, offset } : params) as UnparsedRow[];
  return { total, lines: rows.map(toUnparsedLine) };
}
