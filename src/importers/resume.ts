/**
 * Continuing a source instead of importing a file from scratch: an import that was killed or cancelled
 * left its source `importing` with every committed batch, so importing the same path again reads on
 * after the last committed line; a file that has grown since a complete import (same path, larger, and
 * its first `size_bytes` bytes hash to the stored content hash) imports only its new lines.
 * NOTE: growth assumes the old end of the file was the end of a line (log writers append whole lines);
 * if it was not, the rest of that line is read as a line of its own.
 * Naive times in the new lines are read in the source's recorded zone, and year-less ones continue from
 * the year of the source's last event (the year a `--year` named was the year of the file's first line).
 * Document formats are parsed again whole and only the records after the stored lines are written
 * (document-tail.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { IncidentDb } from '../store/incident-db';
import { findSmallerCompleteSource, findUnfinishedSource, type ContinuableSource } from '../store/source-progress';
import { SourceWriter } from '../store/source-writer';
import type { SourceImportSummary } from '../model/incident';
import { DocumentTailReader } from './document-tail';
import { machineTimeZone, type ParserOptions, type ReadRelatedFile } from './format';
import { hashFile } from './line-reader';
import { CSV_HEADER_REASON } from './formats/csv';
import { formatByName, UNRECOGNISED_FORMAT } from './registry';
import { TailReader, type SourceTail } from './tail-reader';

/** How an existing source can be continued from a file: resumed (unfinished) or grown (complete, smaller). */
export interface Continuation {
  kind: 'resume' | 'growth';
  source: ContinuableSource;
}

/** The source that importing `readPath` (identified as `path`) should continue, or null to import it anew. */
export async function findContinuation(incident: IncidentDb, path: string, readPath: string, sizeBytes: number): Promise<Continuation | null> {
  const unfinished = findUnfinishedSource(incident, path);
  if (unfinished !== null) return { kind: 'resume', source: unfinished };
  const smaller = findSmallerCompleteSource(incident, path, sizeBytes);
  if (smaller !== null && (await hashPrefix(readPath, smaller.sizeBytes)) === smaller.contentHash) return { kind: 'growth', source: smaller };
  return null;
}

/** What continuing a source needs besides the source itself. */
export interface ContinueOptions extends TailOptions {
  readPath: string;
  sizeBytes: number;
  signal?: AbortSignal;
}

/** How the new lines of a source are read, as given to the import (`--tz`, `--year`), and where documents find related files. */
export interface TailOptions {
  /** Zone for naive times when the source recorded none (sources imported before zones were recorded). */
  timeZone?: string;
  /** Year for year-less times when the source has no event yet to continue from. */
  year?: number;
  readRelated?: ReadRelatedFile;
}

/** The parser options for reading on in a source: its recorded zone, and the year of its last event (else the given year), which the parser reads first (primeLines). */
export function tailParserOptions(incident: IncidentDb, sourceId: number, readPath: string, given: TailOptions): ParserOptions {
  const row = incident.db.prepare('SELECT time_zone, last_ts_ms FROM sources WHERE id = ?').get(sourceId) as { time_zone: string | null; last_ts_ms: number | null } | undefined;
  const timeZone = row?.time_zone ?? given.timeZone ?? machineTimeZone();
  const lastYear = row?.last_ts_ms === null || row?.last_ts_ms === undefined ? null : DateTime.fromMillis(row.last_ts_ms, { zone: timeZone }).year;
  let fileModifiedMs: number | null;
  try {
    fileModifiedMs = statSync(readPath).mtimeMs;
  } catch {
    fileModifiedMs = null;
  }
  return { timeZone, year: lastYear ?? given.year ?? null, fileModifiedMs };
}

/** The reader that continues `source` from `readPath` (through `fd` when given): line by line, or a document parsed again. */
export function tailFor(incident: IncidentDb, source: ContinuableSource, writer: SourceWriter, readPath: string, given: TailOptions, fd?: number): SourceTail {
  const start = { lineNumber: source.linesDone, byteOffset: source.bytesDone };
  const format = source.format === UNRECOGNISED_FORMAT ? null : formatByName(source.format);
  if (format?.kind === 'document') {
    const { name } = incident.db.prepare('SELECT name FROM sources WHERE id = ?').get(source.sourceId) as { name: string };
    return new DocumentTailReader(writer, readPath, format, start, { fileName: name, readRelated: given.readRelated, fd });
  }
  return new TailReader(writer, readPath, source.format, start, tailParserOptions(incident, source.sourceId, readPath, given), fd ?? null, primeLines(incident, source.sourceId));
}

/**
 * What a line parser reads before the new lines so it continues as if it had read the whole file: a
 * CSV header (the column names), then the first line of the source's last event (the year reached, for
 * year-less timestamps that roll over from December to January).
 */
function primeLines(incident: IncidentDb, sourceId: number): string[] {
  const lines: string[] = [];
  const header = incident.db.prepare('SELECT raw FROM unparsed WHERE source_id = ? AND line_start = 1 AND reason = ?').pluck().get(sourceId, CSV_HEADER_REASON) as string | undefined;
  if (header !== undefined) lines.push(header);
  const last = incident.db.prepare('SELECT raw FROM events WHERE source_id = ? ORDER BY line_start DESC LIMIT 1').pluck().get(sourceId) as string | undefined;
  if (last !== undefined) lines.push(last.split('\n', 1)[0]!.replace(/\r$/, ''));
  return lines;
}

/** Reads the rest of the file into the source; leaves it `importing` when cancelled, `complete` otherwise. */
export async function continueSource(incident: IncidentDb, continuation: Continuation, options: ContinueOptions): Promise<SourceImportSummary & { isCancelled: boolean }> {
  const { source } = continuation;
  const writer = SourceWriter.resume(incident, source.sourceId);
  const tail = tailFor(incident, source, writer, options.readPath, options);
  await tail.readNew(true, options.signal);
  const row = incident.db.prepare('SELECT name, path FROM sources WHERE id = ?').get(source.sourceId) as { name: string; path: string };
  if (options.signal?.aborted === true) {
    return { ...summaryOf(writer, row.path, source.format, tail.linesDone, source.linesDone), isCancelled: true };
  }
  const summary = writer.finish(await hashFile(options.readPath), tail.linesDone, options.sizeBytes, tail.bytesDone);
  return { ...summary, resumedAfterLine: source.linesDone, isCancelled: false };
}

function summaryOf(writer: SourceWriter, path: string, format: string, lines: number, resumedAfterLine: number): SourceImportSummary {
  return { sourceId: writer.sourceId, path, format, lines, events: writer.events, unparsed: writer.unparsed, firstTsMs: null, lastTsMs: null, skippedReason: null, resumedAfterLine };
}

/** SHA-256 (hex) of the first `bytes` bytes of the file. */
export async function hashPrefix(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  if (bytes > 0) for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
