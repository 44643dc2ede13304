/**
 * Queries about how far each source's import got (to resume it, or to read only what a file has
 * gained since), why lines could not be read, and each source's clock correction.
 */
import type { UnparsedReasonCount } from '../model/incident';
import type { IncidentDb } from './incident-db';

/** A source an import can continue: its format and how many input lines (and bytes, when known) it holds. */
export interface ContinuableSource {
  sourceId: number;
  format: string;
  linesDone: number;
  bytesDone: number | null;
  sizeBytes: number;
  contentHash: string | null;
}

interface ContinuableRow {
  id: number;
  format: string;
  lines_done: number;
  bytes_done: number | null;
  size_bytes: number;
  content_hash: string | null;
}

const toContinuable = (row: ContinuableRow): ContinuableSource => ({
  sourceId: row.id,
  format: row.format,
  linesDone: row.lines_done,
  bytesDone: row.bytes_done,
  sizeBytes: row.size_bytes,
  contentHash: row.content_hash,
});

/** The latest source of `path` that an earlier import left unfinished (killed, cancelled or failed), if any. */
export function findUnfinishedSource(incident: IncidentDb, path: string): ContinuableSource | null {
  const row = incident.db
    .prepare(
      `SELECT id, format, lines_done, bytes_done, size_bytes, content_hash FROM sources
        WHERE path = ? AND status IN ('importing', 'failed') ORDER BY id DESC LIMIT 1`,
    )
    .get(path) as ContinuableRow | undefined;
  return row ? toContinuable(row) : null;
}

/** The latest complete source of `path` that was smaller than `sizeBytes` (the file may have grown since), if any. */
export function findSmallerCompleteSource(incident: IncidentDb, path: string, sizeBytes: number): ContinuableSource | null {
  const row = incident.db
    .prepare(
      `SELECT id, format, lines_done, bytes_done, size_bytes, content_hash FROM sources
        WHERE path = ? AND status = 'complete' AND size_bytes < ? AND content_hash IS NOT NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(path, sizeBytes) as ContinuableRow | undefined;
  return row ? toContinuable(row) : null;
}

/** The most frequent reasons the source's lines could not be read, most frequent first. */
export function topUnparsedReasons(incident: IncidentDb, sourceId: number, limit = 5): UnparsedReasonCount[] {
  return incident.db
    .prepare('SELECT reason, COUNT(*) AS count FROM unparsed WHERE source_id = ? GROUP BY reason ORDER BY count DESC, reason LIMIT ?')
    .all(sourceId, limit) as UnparsedReasonCount[];
}

/** Sets a source's clock correction (ms added to its event times when read); false when there is no such source. */
export function setClockOffset(incident: IncidentDb, sourceId: number, offsetMs: number): boolean {
  return incident.db.prepare('UPDATE sources SET clock_offset_ms = ? WHERE id = ?').run(offsetMs, sourceId).changes === 1;
}

/** Every source whose clock is corrected, by id (sources without a correction are absent). */
export function clockOffsets(incident: IncidentDb): Map<number, number> {
  const rows = incident.db.prepare('SELECT id, clock_offset_ms FROM sources WHERE clock_offset_ms != 0').all() as { id: number; clock_offset_ms: number }[];
  return new Map(rows.map((row) => [row.id, row.clock_offset_ms]));
}
