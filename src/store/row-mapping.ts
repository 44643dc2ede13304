/** Maps SQLite rows (snake_case columns) to the model's camelCase shapes. */
import type { EventSummary, Level, UnparsedLine } from '../model/event';
import type { SourceInfo, SourceStatus } from '../model/incident';

/** Columns selected for an event summary, in the order {@link toEventSummary} expects. */
export const EVENT_SUMMARY_COLUMNS = 'id, source_id, ts_ms, ts_sub_ns, end_ms, host, service, level, kind, message';

/** A row selected with {@link EVENT_SUMMARY_COLUMNS}. */
export interface EventSummaryRow {
  id: number;
  source_id: number;
  ts_ms: number;
  ts_sub_ns: number;
  end_ms: number | null;
  host: string | null;
  service: string | null;
  level: string;
  kind: string | null;
  message: string;
}

/** Converts an event row to the model. */
export function toEventSummary(row: EventSummaryRow): EventSummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    tsMs: row.ts_ms,
    tsSubNs: row.ts_sub_ns,
    endMs: row.end_ms,
    host: row.host,
    service: row.service,
    level: row.level as Level,
    kind: row.kind,
    message: row.message,
  };
}

/** Columns selected for an unparsed line. */
export const UNPARSED_COLUMNS = 'id, source_id, line_start, line_end, raw, reason, context_ts_ms';

/** A row selected with {@link UNPARSED_COLUMNS}. */
export interface UnparsedRow {
  id: number;
  source_id: number;
  line_start: number;
  line_end: number;
  raw: string;
  reason: string;
  context_ts_ms: number | null;
}

/** Converts an unparsed row to the model. */
export function toUnparsedLine(row: UnparsedRow): UnparsedLine {
  return {
    id: row.id,
    sourceId: row.source_id,
    lineStart: row.line_start,
    lineEnd: row.line_end,
    raw: row.raw,
    reason: row.reason,
    contextTsMs: row.context_ts_ms,
  };
}

/** A row of the sources table. */
export interface SourceRow {
  id: number;
  name: string;
  path: string;
  format: string;
  content_hash: string | null;
  size_bytes: number;
  line_count: number;
  event_count: number;
  unparsed_count: number;
  first_ts_ms: number | null;
  last_ts_ms: number | null;
  status: string;
  error: string | null;
  imported_at_ms: number;
  clock_offset_ms?: number;
}

/** Converts a sources row to the model. */
export function toSourceInfo(row: SourceRow): SourceInfo {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    format: row.format,
    contentHash: row.content_hash,
    sizeBytes: row.size_bytes,
    lineCount: row.line_count,
    eventCount: row.event_count,
    unparsedCount: row.unparsed_count,
    firstTsMs: row.first_ts_ms,
    lastTsMs: row.last_ts_ms,
    status: row.status as SourceStatus,
    error: row.error,
    importedAtMs: row.imported_at_ms,
    clockOffsetMs: row.clock_offset_ms ?? 0,
  };
}
