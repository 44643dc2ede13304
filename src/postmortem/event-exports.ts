/**
 * Event exports for other tools: Timesketch-compatible CSV and JSON lines (message, datetime,
 * timestamp_desc, timestamp in microseconds, plus Hindsight's fields) and Chrome trace-event JSON that
 * Perfetto and chrome://tracing open. Rows are streamed in time order through `write`, so exports of
 * millions of events never build one big string.
 */
import type { Annotation } from '../model/annotation';
import { ANNOTATION_KIND_LABELS } from '../model/annotation';
import type { ExportEventRow } from '../store/postmortem-queries';

/** What Timesketch shows as the meaning of each row's time. */
export const TIMESKETCH_TIMESTAMP_DESC = 'Event time';

/** The CSV columns, in order: Timesketch's required three, then Hindsight's fields. */
export const TIMESKETCH_COLUMNS = [
  'message',
  'datetime',
  'timestamp_desc',
  'timestamp',
  'host',
  'service',
  'level',
  'kind',
  'source',
  'hindsight_event_id',
  'line',
  'attrs',
] as const;

/** Sink for exported text chunks. */
export type ChunkWriter = (chunk: string) => void;

/** An ISO 8601 UTC time with microseconds (Timesketch's datetime), from ms and sub-ms nanoseconds. */
export function isoMicros(tsMs: number, subNs: number): string {
  const base = new Date(tsMs).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const micros = String(Math.floor(subNs / 1000)).padStart(3, '0');
  return `${base.slice(0, 23)}${micros}+00:00`;
}

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function timesketchRecord(row: ExportEventRow): Record<(typeof TIMESKETCH_COLUMNS)[number], string | number> {
  return {
    message: row.message,
    datetime: isoMicros(row.ts_ms, row.ts_sub_ns),
    timestamp_desc: TIMESKETCH_TIMESTAMP_DESC,
    timestamp: row.ts_ms * 1000 + Math.floor(row.ts_sub_ns / 1000),
    host: row.host ?? '',
    service: row.service ?? '',
    level: row.level,
    kind: row.kind ?? '',
    source: row.source_name,
    hindsight_event_id: row.id,
    line: row.line_start,
    attrs: row.attrs,
  };
}

/** Writes events as Timesketch CSV; returns the row count. */
export function writeTimesketchCsv(rows: Iterable<ExportEventRow>, write: ChunkWriter): number {
  write(`${TIMESKETCH_COLUMNS.join(',')}\n`);
  let count = 0;
  for (const row of rows) {
    const record = timesketchRecord(row);
    write(`${TIMESKETCH_COLUMNS.map((c) => csvField(String(record[c]))).join(',')}\n`);
    count += 1;
  }
  return count;
}

/** Writes events as Timesketch JSON lines (attrs as a nested object); returns the row count. */
export function writeTimesketchJsonl(rows: Iterable<ExportEventRow>, write: ChunkWriter): number {
  let count = 0;
  for (const row of rows) {
    write(`${JSON.stringify({ ...timesketchRecord(row), attrs: JSON.parse(row.attrs) as unknown })}\n`);
    count += 1;
  }
  return count;
}

/** Process id of the annotations track in the trace (sources use their own ids, which start at 1). */
export const TRACE_ANNOTATION_PID = 0;

/**
 * Writes Chrome trace-event JSON (the "JSON Object Format"): one process per source, one thread per
 * host, instant events (`ph: "i"`) for points and complete events (`ph: "X"`) for spans, `ts` and `dur`
 * in microseconds since the epoch; annotations on their own process. Returns the event row count.
 */
export function writeTraceEvents(rows: Iterable<ExportEventRow>, annotations: readonly Annotation[], write: ChunkWriter): number {
  write('{"displayTimeUnit":"ms","traceEvents":[\n');
  let isFirst = true;
  const emit = (event: Record<string, unknown>): void => {
    write(`${isFirst ? '' : ',\n'}${JSON.stringify(event)}`);
    isFirst = false;
  };
  emit({ name: 'process_name', ph: 'M', pid: TRACE_ANNOTATION_PID, tid: 0, args: { name: 'Annotations' } });
  for (const a of annotations) {
    const name = `${ANNOTATION_KIND_LABELS[a.kind]}: ${a.title.trim() || a.kind}`;
    const args = { body: a.body, author: a.author, uid: a.uid };
    if (a.endMs === null) emit({ name, cat: 'annotation', ph: 'i', s: 'g', ts: a.tsMs * 1000, pid: TRACE_ANNOTATION_PID, tid: 0, args });
    else emit({ name, cat: 'annotation', ph: 'X', ts: a.tsMs * 1000, dur: (a.endMs - a.tsMs) * 1000, pid: TRACE_ANNOTATION_PID, tid: 0, args });
  }
  const processes = new Set<number>();
  const threads = new Map<string, number>();
  let count = 0;
  for (const row of rows) {
    if (!processes.has(row.source_id)) {
      processes.add(row.source_id);
      emit({ name: 'process_name', ph: 'M', pid: row.source_id, tid: 0, args: { name: row.source_name } });
    }
    const threadKey = `${row.source_id}\u0000${row.host ?? ''}`;
    let tid = threads.get(threadKey);
    if (tid === undefined) {
      tid = threads.size + 1;
      threads.set(threadKey, tid);
      emit({ name: 'thread_name', ph: 'M', pid: row.source_id, tid, args: { name: row.host ?? row.source_name } });
    }
    const ts = row.ts_ms * 1000 + Math.floor(row.ts_sub_ns / 1000);
    const name = row.kind ?? row.message.slice(0, 80);
    const args = { message: row.message, level: row.level, service: row.service, event_id: row.id };
    if (row.end_ms !== null && row.end_ms > row.ts_ms) emit({ name, cat: row.level, ph: 'X', ts, dur: row.end_ms * 1000 - ts, pid: row.source_id, tid, args });
    else emit({ name, cat: row.level, ph: 'i', s: 't', ts, pid: row.source_id, tid, args });
    count += 1;
  }
  write('\n]}\n');
  return count;
}
