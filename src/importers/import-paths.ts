/**
 * Imports files and folders into an incident: finds the files, picks each file's format (sniffed,
 * or forced with `format`), streams its lines through the format's parser and writes every line as
 * an event or an unparsed record. Files of 8 MiB and more are read and parsed in a worker thread
 * (parse-worker.ts) while this thread, which owns the SQLite connection, writes the batch before.
 * NOTE: accounting is exact: for every source, `lines == events + unparsed`; a blank line is not an
 * event, so it is recorded as unparsed with the reason "blank line".
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { ApiError } from '../api/errors';
import { LEVELS } from '../model/event';
import type { ImportProgress, ImportSummary, SourceImportSummary } from '../model/incident';
import type { IncidentDb } from '../store/incident-db';
import { beginBulkLoad, findCompleteSourceByHash, hasCompleteSourceOfSize, SourceWriter, type NewEvent } from '../store/source-writer';
import { FIELDS_PER_LINE, LINE_IS_EVENT, NULL_STRING_ID, parseFile, type FileParse, type ParsedBatch, type ParseRequest } from './file-parse';
import { hashFile } from './line-reader';
import { ParseWorker } from './parse-worker-client';
import { formatByName } from './registry';

export { BLANK_LINE_REASON } from './file-parse';

/** Options of {@link importPaths}. */
export interface ImportOptions {
  /** Called at most about five times a second, and once at the end of each file. */
  onProgress?: (progress: ImportProgress) => void;
  /** A format name that overrides sniffing for every file. */
  format?: string;
  /**
   * Files smaller than this (bytes on disk) are parsed on the importing thread, because starting the
   * parse worker costs tens of milliseconds; larger files are parsed in the worker while SQLite writes.
   * Defaults to {@link IN_PROCESS_PARSE_MAX_BYTES}.
   */
  inProcessBelowBytes?: number;
}

/** Default of {@link ImportOptions.inProcessBelowBytes}: 8 MiB. */
export const IN_PROCESS_PARSE_MAX_BYTES = 8 << 20;

const PROGRESS_INTERVAL_MS = 200;

interface FileToImport {
  path: string;
  name: string;
  sizeBytes: number;
}

/** Imports every file under `paths` (files, or folders walked recursively in name order). */
export async function importPaths(incident: IncidentDb, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const startedMs = Date.now();
  if (incident.isReadOnly) {
    throw new ApiError('read_only', `${incident.path} is open read-only, so nothing can be imported into it; open it for writing first.`);
  }
  const forcedFormat = options.format === undefined ? null : formatByName(options.format);
  const files = paths.flatMap((path) => listFiles(path));
  const sources: SourceImportSummary[] = [];
  const inProcessBelowBytes = options.inProcessBelowBytes ?? IN_PROCESS_PARSE_MAX_BYTES;
  const worker = new ParseWorker();
  const bulk = beginBulkLoad(incident);
  try {
    for (const file of files) {
      const startParse = file.sizeBytes < inProcessBelowBytes ? parseFile : (request: ParseRequest) => worker.parse(request);
      sources.push(await importFile(incident, file, startParse, forcedFormat?.name ?? null, options.onProgress));
    }
  } finally {
    try {
      await worker.close();
    } finally {
      bulk.end();
    }
  }
  const counted = sources.filter((s) => s.skippedReason === null);
  const firsts = counted.map((s) => s.firstTsMs).filter((t): t is number => t !== null);
  const lasts = counted.map((s) => s.lastTsMs).filter((t): t is number => t !== null);
  return {
    incidentPath: incident.path,
    sources,
    totals: {
      sources: counted.length,
      lines: sum(counted.map((s) => s.lines)),
      events: sum(counted.map((s) => s.events)),
      unparsed: sum(counted.map((s) => s.unparsed)),
      firstTsMs: firsts.length > 0 ? Math.min(...firsts) : null,
      lastTsMs: lasts.length > 0 ? Math.max(...lasts) : null,
    },
    elapsedMs: Date.now() - startedMs,
  };
}

/** The files a path stands for: itself, or every visible file below it in name order. */
function listFiles(path: string): FileToImport[] {
  const absolute = resolve(path);
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new ApiError('not_found', `There is no file or folder at ${absolute}; check the path and try again.`);
  }
  if (stats.isFile()) return [{ path: absolute, name: basename(absolute), sizeBytes: stats.size }];
  if (!stats.isDirectory()) throw new ApiError('io_error', `${absolute} is neither a file nor a folder; import regular files or folders.`);
  const files: FileToImport[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.includes('.hindsight')) continue;
      const child = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push({ path: child, name: relative(absolute, child), sizeBytes: statSync(child).size });
    }
  };
  walk(absolute);
  return files;
}

async function importFile(
  incident: IncidentDb,
  file: FileToImport,
  startParse: (request: ParseRequest) => Promise<FileParse>,
  forcedFormat: string | null,
  onProgress: ImportOptions['onProgress'],
): Promise<SourceImportSummary> {
  if (hasCompleteSourceOfSize(incident, file.sizeBytes)) {
    const existing = findCompleteSourceByHash(incident, await hashFile(file.path));
    if (existing) {
      return { ...existing, path: file.path, skippedReason: `identical content was already imported as source ${existing.sourceId} (${existing.path})` };
    }
  }
  let parse: FileParse;
  try {
    parse = await startParse({ path: file.path, formatName: forcedFormat });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('io_error', `Reading ${file.path} failed (${(err as Error).message}); check the file is readable, then import it again.`);
  }
  const writer = SourceWriter.begin(incident, { name: file.name, path: file.path, format: parse.formatName, sizeBytes: file.sizeBytes });
  const scratch: NewEvent = { tsMs: 0, tsSubNs: 0, endMs: null, host: null, service: null, level: 'unknown', kind: null, message: '', attrsJson: '{}' };
  let lineCount = 0;
  let lastReportMs = 0;
  const report = (bytesRead: number): void => {
    onProgress?.({ path: file.path, bytesRead, bytesTotal: file.sizeBytes, lines: lineCount, events: writer.events, unparsed: writer.unparsed });
  };
  try {
    for await (const batch of parse.batches) {
      writer.batch(() => writeBatch(writer, batch, scratch));
      lineCount = batch.firstLineNumber + batch.lineCount - 1;
      const nowMs = Date.now();
      if (onProgress && nowMs - lastReportMs >= PROGRESS_INTERVAL_MS) {
        lastReportMs = nowMs;
        report(batch.bytesRead);
      }
    }
    const summary = writer.finish(parse.contentHash(), lineCount);
    report(file.sizeBytes);
    return summary;
  } catch (err) {
    const message = `Reading ${file.path} failed after line ${lineCount} (${(err as Error).message})`;
    writer.fail(message);
    throw new ApiError('io_error', `${message}; check the file is readable and not truncated, then import it again.`);
  }
}

/**
 * Writes one parsed batch through the writer. `scratch` is one reused event object (addEvent copies
 * its fields), so no object is allocated per line here.
 */
function writeBatch(writer: SourceWriter, batch: ParsedBatch, scratch: NewEvent): void {
  const { text, lineStarts, lineEnds, fields, fieldEnds, strings, isEvent, tsMs, tsSubNs, endMs, levelIds, hostIds, serviceIds, kindIds } = batch;
  let fieldStart = 0;
  for (let i = 0; i < batch.lineCount; i++) {
    const messageEnd = fieldEnds[i * FIELDS_PER_LINE]!;
    const attrsEnd = fieldEnds[i * FIELDS_PER_LINE + 1]!;
    const raw = text.slice(lineStarts[i], lineEnds[i]);
    const lineNumber = batch.firstLineNumber + i;
    if (isEvent[i] === LINE_IS_EVENT) {
      const end = endMs[i]!;
      scratch.tsMs = tsMs[i]!;
      scratch.tsSubNs = tsSubNs[i]!;
      scratch.endMs = Number.isNaN(end) ? null : end;
      scratch.level = LEVELS[levelIds[i]!]!;
      scratch.host = stringOf(strings, hostIds[i]!);
      scratch.service = stringOf(strings, serviceIds[i]!);
      scratch.kind = stringOf(strings, kindIds[i]!);
      scratch.message = fields.slice(fieldStart, messageEnd);
      scratch.attrsJson = fields.slice(messageEnd, attrsEnd);
      writer.addEvent(scratch, lineNumber, raw);
    } else {
      writer.addUnparsed(lineNumber, raw, fields.slice(fieldStart, messageEnd));
    }
    fieldStart = attrsEnd;
  }
}

function stringOf(strings: readonly string[], id: number): string | null {
  return id === NULL_STRING_ID ? null : strings[id]!;
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
