/**
 * The rows of the event list: events and unparsed lines merged in time order (unparsed lines at the
 * time of the event before them), and which row the playhead points at. Pure, so it is unit-tested.
 */
import type { EventSummary, UnparsedLine } from '../../src/model/event';

/** One row: an event, or an input line that could not be read. */
export type EventRow = { kind: 'event'; key: string; tsMs: number; event: EventSummary } | { kind: 'unparsed'; key: string; tsMs: number | null; line: UnparsedLine };

/**
 * Merges events (already in time order) with unparsed lines. An unparsed line goes right after the
 * events at its context time (it followed them in its file); lines without a context time go first.
 */
export function mergeRows(events: readonly EventSummary[], unparsed: readonly UnparsedLine[]): EventRow[] {
  const lines = [...unparsed].sort((a, b) => (a.contextTsMs ?? -Infinity) - (b.contextTsMs ?? -Infinity) || a.sourceId - b.sourceId || a.lineStart - b.lineStart);
  const rows: EventRow[] = [];
  let next = 0;
  const pushLinesBefore = (limitMs: number) => {
    for (let line = lines[next]; line !== undefined && (line.contextTsMs ?? -Infinity) < limitMs; line = lines[next]) {
      rows.push({ kind: 'unparsed', key: `u${line.id}`, tsMs: line.contextTsMs, line });
      next += 1;
    }
  };
  for (const event of events) {
    pushLinesBefore(event.tsMs);
    rows.push({ kind: 'event', key: `e${event.id}`, tsMs: event.tsMs, event });
  }
  pushLinesBefore(Infinity);
  return rows;
}

/** Index of the first event row at or after `tsMs` (the row the playhead is on); the last row when all are earlier; -1 when empty. */
export function playheadRowIndex(rows: readonly EventRow[], tsMs: number): number {
  const index = rows.findIndex((row) => row.kind === 'event' && row.tsMs >= tsMs);
  return index >= 0 ? index : rows.length - 1;
}

/** The sentence shown for an unparsed line. */
export function unparsedLabel(line: UnparsedLine, sourceName: string): string {
  const lines = line.lineEnd > line.lineStart ? `lines ${line.lineStart}–${line.lineEnd}` : `line ${line.lineStart}`;
  return `Unparsed ${lines} of ${sourceName}: ${line.reason}`;
}
