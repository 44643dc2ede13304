/**
 * Continuing a source instead of importing a file from scratch: an import that was killed or cancelled
 * left its source `importing` with every committed batch, so importing the same path again reads on
 * after the last committed line; a file that has grown since a complete import (same path, larger, and
 * its first `size_bytes` bytes hash to the stored content hash) imports only its new lines.
 * NOTE: growth assumes the old end of the file was the end of a line (log writers append whole lines);
 * if it was not, the rest of that line is read as a line of its own.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncidentDb } from '../store/incident-db';
import { findSmallerCompleteSource, findUnfinishedSource, type ContinuableSource } from '../store/source-progress';
import { SourceWriter } from '../store/source-writer';
import type { SourceImportSummary } from '../model/incident';
import { hashFile } from './line-reader';
import { TailReader } from './tail-reader';

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
export interface ContinueOptions {
  readPath: string;
  sizeBytes: number;
  signal?: AbortSignal;
}

/** Reads the rest of the file into the source; leaves it `importing` when cancelled, `complete` otherwise. */
export async function continueSource(incident: IncidentDb, continuation: Continuation, options: ContinueOptions): Promise<SourceImportSummary & { isCancelled: boolean }> {
  const { source } = continuation;
  const writer = SourceWriter.resume(incident, source.sourceId);
  const tail = new TailReader(writer, options.readPath, source.format, { lineNumber: source.linesDone, byteOffset: source.bytesDone });
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
