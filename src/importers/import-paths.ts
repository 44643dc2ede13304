/**
 * Imports files and folders into an incident: finds the files, picks each file's format (sniffed,
 * or forced with `format`), streams its lines through the format's parser and writes every line as
 * an event or an unparsed record. Files of 8 MiB and more are read and parsed in a worker thread
 * (parse-worker.ts) while this thread, which owns the SQLite connection, writes the batch before.
 * NOTE: accounting is exact: for every source, `lines == events + unparsed`; a blank line is not an
 * event, so it is recorded as unparsed with the reason "blank line".
 * Inputs may also be archives (unpacked entry by entry, archive-extract.ts) and standard input (`-`,
 * stdin-spool.ts). A path whose earlier import was cut short, or whose file has grown, continues its
 * source (resume.ts). Cancelling (options.signal) stops at a batch boundary and leaves the source
 * `importing`, so importing the path again resumes it.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { basename, relative, resolve } from 'node:path';
import { ApiError } from '../api/errors';
import { LEVELS } from '../model/event';
import type { ImportProgress, ImportSummary, RefusedInput, SourceImportSummary } from '../model/incident';
import type { IncidentDb } from '../store/incident-db';
import type { NewEvent } from '../model/event';
import { beginBulkLoad, findCompleteSourceByHash, hasCompleteSourceOfSize, SourceWriter, type BulkLoad } from '../store/source-writer';
import { yieldToEventLoop } from '../store/event-loop';
import { FIELDS_PER_LINE, LINE_IS_EVENT, NULL_STRING_ID, parseFile, type FileParse, type ParsedBatch, type ParseRequest } from './file-parse';
import { topUnparsedReasons } from '../store/source-progress';
import { isArchivePath, unpackArchive, type ArchiveLimits } from './archive-extract';
import { documentFormatFor, importDocument, setAsideExportMetadata } from './document-import';
import type { ReadRelatedFile } from './format';
import { describeImportFailure } from './import-failure';
import { hashFile } from './line-reader';
import { continueSource, findContinuation } from './resume';
import { spoolInput, STDIN_PATH, STDIN_SOURCE_NAME } from './stdin-spool';
import { ParseWorker } from './parse-worker-client';
import { formatByName } from './registry';
import { resolveTimeZone } from './time-zones';

export { BLANK_LINE_REASON } from './file-parse';

/** Options of {@link importPaths}. */
export interface ImportOptions {
  /** Called at most about five times a second, and once at the end of each file. */
  onProgress?: (progress: ImportProgress) => void;
  /** A format name that overrides sniffing for every file. */
  format?: string;
  /** IANA zone for times written without a zone (default: the machine's zone); recorded on each source. */
  timeZone?: string;
  /** Year for timestamps written without one (RFC 3164 syslog, glog); inferred from each file's date when absent. */
  year?: number;
  /**
   * Files smaller than this (bytes on disk) are parsed on the importing thread, because starting the
   * parse worker costs tens of milliseconds; larger files are parsed in the worker while SQLite writes.
   * Defaults to {@link IN_PROCESS_PARSE_MAX_BYTES}.
   */
  inProcessBelowBytes?: number;
  /** Stops the import at the next batch boundary; the source being read stays `importing`. */
  signal?: AbortSignal;
  /** What the path `-` reads (the CLI passes process.stdin); without it `-` is refused. */
  stdin?: Readable;
  /** Overrides the archive safety limits (tests use small ones). */
  archiveLimits?: ArchiveLimits;
  /** Leaves a last line without a newline unread: live follow starts this way, as its writer may be in the middle of that line. */
  holdUnterminatedLine?: boolean;
}

/** Default of {@link ImportOptions.inProcessBelowBytes}: 8 MiB. */
export const IN_PROCESS_PARSE_MAX_BYTES = 8 << 20;

const PROGRESS_INTERVAL_MS = 200;

/**
 * Parsed batches already waiting are written in one transaction, up to this many: every commit syncs
 * the file to disk, and at a commit per batch (1 MiB of input) the syncs took 0.4-0.5 s of the 3 s a
 * million lines take to store. Each commit is still whole and synced; a crash loses at most these batches,
 * which the next import resumes.
 */
const MAX_BATCHES_PER_TRANSACTION = 8;

/** One file to read: where its bytes are (`readPath`), and the path and name its source gets. */
interface FileToImport {
  readPath: string;
  path: string;
  name: string;
  sizeBytes: number;
  /** False for standard input, which has no identity to resume or grow. */
  canContinue: boolean;
  /** Reads files beside this one in the same import (document formats, e.g. a Slack export's users.json). */
  readRelated?: ReadRelatedFile;
}

/** Running totals across the files of one import, for rates in progress reports. */
interface ImportRun {
  startedMs: number;
  linesBefore: number;
  eventsBefore: number;
  fileIndex: number;
  fileCount: number;
  signal: AbortSignal | undefined;
  onProgress: ImportOptions['onProgress'];
  /** Zone for times written without one, recorded on each source. */
  timeZone: string;
  year: number | undefined;
  holdUnterminatedLine: boolean;
  /** The bulk load the run writes under (told after each batch, so it can drop the indexes for rows far out of order). */
  bulk: BulkLoad;
}

/** Imports every file under `paths` (files, or folders walked recursively in name order). */
export async function importPaths(incident: IncidentDb, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const startedMs = Date.now();
  if (incident.isReadOnly) {
    throw new ApiError('read_only', `${incident.path} is open read-only, so nothing can be imported into it; open it for writing first.`);
  }
  const forcedFormat = options.format === undefined ? null : formatByName(options.format);
  const refused: RefusedInput[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const sources: SourceImportSummary[] = [];
  let isCancelled = false;
  try {
    const listed: FileToImport[] = [];
    for (const path of paths) listed.push(...(await expandInput(path, options, refused, cleanups)));
    const { files, refused: exportMetadata } = setAsideExportMetadata(listed);
    refused.push(...exportMetadata);
    const inProcessBelowBytes = options.inProcessBelowBytes ?? IN_PROCESS_PARSE_MAX_BYTES;
    const worker = new ParseWorker();
    const bulk = beginBulkLoad(incident);
    const run: ImportRun = { startedMs, linesBefore: 0, eventsBefore: 0, fileIndex: 0, fileCount: files.length, signal: options.signal, onProgress: options.onProgress, timeZone: resolveTimeZone(options.timeZone), year: options.year, holdUnterminatedLine: options.holdUnterminatedLine === true, bulk };
    try {
      for (const file of files) {
        if (options.signal?.aborted === true) {
          isCancelled = true;
          break;
        }
        run.fileIndex++;
        const startParse = file.sizeBytes < inProcessBelowBytes ? parseFile : (request: ParseRequest) => worker.parse(request);
        const result = await importFile(incident, file, startParse, forcedFormat?.name ?? null, run);
        sources.push({ ...result.summary, unparsedReasons: result.summary.unparsed > 0 ? topUnparsedReasons(incident, result.summary.sourceId) : [] });
        run.linesBefore += result.summary.lines;
        run.eventsBefore += result.summary.events;
        if (result.isCancelled) {
          isCancelled = true;
          break;
        }
      }
    } finally {
      try {
        await worker.close();
      } finally {
        bulk.end();
      }
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
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
    refused,
    cancelled: isCancelled,
  };
}

/** The files one input stands for: standard input, an archive's entries, a file, or a folder's files. */
async function expandInput(path: string, options: ImportOptions, refused: RefusedInput[], cleanups: (() => Promise<void>)[]): Promise<FileToImport[]> {
  if (path === STDIN_PATH) {
    if (options.stdin === undefined) throw new ApiError('invalid_argument', 'Only the command line can import standard input ("-"); give a file or folder path instead.');
    const spooled = await spoolInput(options.stdin);
    cleanups.push(spooled.cleanup);
    return [{ readPath: spooled.readPath, path: STDIN_SOURCE_NAME, name: STDIN_SOURCE_NAME, sizeBytes: spooled.sizeBytes, canContinue: false }];
  }
  const files: FileToImport[] = [];
  for (const file of listFiles(path)) {
    if (!isArchivePath(file.path)) {
      files.push(file);
      continue;
    }
    const archive = await unpackArchive(file.path, options.archiveLimits);
    cleanups.push(archive.cleanup);
    refused.push(...archive.refused);
    files.push(...archive.entries.map((entry) => ({ ...entry, canContinue: true })));
  }
  return files;
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
  if (stats.isFile()) return [{ readPath: absolute, path: absolute, name: basename(absolute), sizeBytes: stats.size, canContinue: true }];
  if (!stats.isDirectory()) throw new ApiError('io_error', `${absolute} is neither a file nor a folder; import regular files or folders.`);
  const files: FileToImport[] = [];
  // NOTE: symbolic links are followed, but a folder already walked (by its real path) is not walked again,
  // so a link back up the tree cannot loop.
  const walkedDirs = new Set<string>();
  const walk = (dir: string): void => {
    const real = realpathSync(dir);
    if (walkedDirs.has(real)) return;
    walkedDirs.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.includes('.hindsight')) continue;
      const child = resolve(dir, entry.name);
      const childStats = entry.isSymbolicLink() ? statOrNull(child) : entry;
      if (!childStats) continue;
      if (childStats.isDirectory()) walk(child);
      else if (childStats.isFile()) files.push({ readPath: child, path: child, name: relative(absolute, child), sizeBytes: statSync(child).size, canContinue: true });
    }
  };
  walk(absolute);
  return files;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** One file's result, and whether the import was cancelled while reading it. */
interface FileResult {
  summary: SourceImportSummary;
  isCancelled: boolean;
}

async function importFile(
  incident: IncidentDb,
  file: FileToImport,
  startParse: (request: ParseRequest) => Promise<FileParse>,
  forcedFormat: string | null,
  run: ImportRun,
): Promise<FileResult> {
  if (hasCompleteSourceOfSize(incident, file.sizeBytes)) {
    const existing = findCompleteSourceByHash(incident, await hashFile(file.readPath));
    if (existing) {
      const summary = { ...existing, path: file.path, skippedReason: `identical content was already imported as source ${existing.sourceId} (${existing.path})` };
      return { summary, isCancelled: false };
    }
  }
  const continuation = file.canContinue ? await findContinuation(incident, file.path, file.readPath, file.sizeBytes) : null;
  if (continuation !== null) {
    const { isCancelled, ...summary } = await continueSource(incident, continuation, {
      readPath: file.readPath,
      sizeBytes: file.sizeBytes,
      signal: run.signal,
      timeZone: run.timeZone,
      year: run.year,
      readRelated: file.readRelated,
    });
    return { summary, isCancelled };
  }
  const documentFormat = await documentFormatFor(file.readPath, forcedFormat);
  if (documentFormat !== null) return { summary: importDocument(incident, file, documentFormat, run.timeZone), isCancelled: false };
  let parse: FileParse;
  try {
    parse = await startParse({ path: file.readPath, formatName: forcedFormat, timeZone: run.timeZone, year: run.year, holdUnterminatedLine: run.holdUnterminatedLine });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('io_error', `Reading ${file.path} failed (${(err as Error).message}); check the file is readable, then import it again.`);
  }
  const writer = SourceWriter.begin(incident, { name: file.name, path: file.path, format: parse.formatName, sizeBytes: file.sizeBytes, timeZone: run.timeZone });
  const scratch: NewEvent = { tsMs: 0, tsSubNs: 0, endMs: null, host: null, service: null, level: 'unknown', kind: null, message: '', attrsJson: '{}' };
  let lineCount = 0;
  let lastReportMs = 0;
  const fileStartedMs = Date.now();
  const report = (bytesRead: number): void => {
    const nowMs = Date.now();
    const elapsedS = Math.max(0.001, (nowMs - run.startedMs) / 1000);
    const fileElapsedMs = nowMs - fileStartedMs;
    run.onProgress?.({
      path: file.path,
      bytesRead,
      bytesTotal: file.sizeBytes,
      lines: lineCount,
      events: writer.events,
      unparsed: writer.unparsed,
      linesPerSecond: Math.round((run.linesBefore + lineCount) / elapsedS),
      eventsPerSecond: Math.round((run.eventsBefore + writer.events) / elapsedS),
      remainingMs: bytesRead > 0 && fileElapsedMs > 0 ? Math.round(((file.sizeBytes - bytesRead) * fileElapsedMs) / bytesRead) : null,
      fileIndex: run.fileIndex,
      fileCount: run.fileCount,
    });
  };
  try {
    for await (const first of parse.batches) {
      const batches = withWaitingBatches(parse, first);
      const batch = batches[batches.length - 1]!;
      lineCount = batch.firstLineNumber + batch.lineCount - 1;
      writer.setReached(lineCount);
      writer.batch(() => {
        for (const each of batches) writeBatch(writer, each, scratch);
      });
      run.bulk.afterBatch(writer);
      // NOTE: parsed batches can arrive faster than they are written, and a port's queued messages are
      // handed over without the event loop turning: without this the service would not answer (nor fire
      // a timer) until the whole file is written (seen: 2.7 s for 1M lines).
      await yieldToEventLoop();
      const nowMs = Date.now();
      if (run.onProgress && nowMs - lastReportMs >= PROGRESS_INTERVAL_MS) {
        lastReportMs = nowMs;
        report(batch.bytesRead);
      }
      if (run.signal?.aborted === true) {
        report(batch.bytesRead);
        const summary: SourceImportSummary = { sourceId: writer.sourceId, path: file.path, format: parse.formatName, lines: lineCount, events: writer.events, unparsed: writer.unparsed, firstTsMs: null, lastTsMs: null, skippedReason: null };
        return { summary, isCancelled: true };
      }
    }
    const summary = writer.finish(parse.contentHash(), lineCount);
    report(file.sizeBytes);
    return { summary, isCancelled: false };
  } catch (err) {
    const failure = describeImportFailure(err, { filePath: file.path, incidentPath: incident.path, lineCount });
    try {
      writer.fail(failure.sourceError);
    } catch {
      // A disk too full for even this small update leaves the source `importing`, which resumes just the same.
    }
    throw failure.error;
  }
}

/** `first` and the batches already parsed and waiting behind it, up to {@link MAX_BATCHES_PER_TRANSACTION} in all. */
function withWaitingBatches(parse: FileParse, first: ParsedBatch): ParsedBatch[] {
  const batches = [first];
  while (batches.length < MAX_BATCHES_PER_TRANSACTION) {
    const next = parse.takeReady?.() ?? null;
    if (next === null) break;
    batches.push(next);
  }
  return batches;
}

/**
 * Writes one parsed batch through the writer. `scratch` is one reused event object (addEvent copies
 * its fields), so no object is allocated per line here.
 */
function writeBatch(writer: SourceWriter, batch: ParsedBatch, scratch: NewEvent): void {
  const { text, lineStarts, lineEnds, fields, fieldEnds, strings, isEvent, tsMs, tsSubNs, endMs, levelIds, hostIds, serviceIds, kindIds } = batch;
  // NOTE: imported bindings are read once per batch, not per row: under tsx (CLI, benchmarks) each read
  // of an imported constant is a getter call, which cost this thread about 7% of a JSON-lines import.
  const fieldsPerLine = FIELDS_PER_LINE;
  const lineIsEvent = LINE_IS_EVENT;
  const nullId = NULL_STRING_ID;
  const levels = LEVELS;
  let fieldStart = 0;
  let lineNumber = batch.firstLineNumber;
  for (let i = 0; i < batch.recordCount; i++) {
    const messageEnd = fieldEnds[i * fieldsPerLine]!;
    const attrsEnd = fieldEnds[i * fieldsPerLine + 1]!;
    const raw = text.slice(lineStarts[i], lineEnds[i]);
    const lineEnd = lineNumber + batch.recordLineCounts[i]! - 1;
    if (isEvent[i] === lineIsEvent) {
      const end = endMs[i]!;
      const hostId = hostIds[i]!;
      const serviceId = serviceIds[i]!;
      const kindId = kindIds[i]!;
      scratch.tsMs = tsMs[i]!;
      scratch.tsSubNs = tsSubNs[i]!;
      scratch.endMs = Number.isNaN(end) ? null : end;
      scratch.level = levels[levelIds[i]!]!;
      scratch.host = hostId === nullId ? null : strings[hostId]!;
      scratch.service = serviceId === nullId ? null : strings[serviceId]!;
      scratch.kind = kindId === nullId ? null : strings[kindId]!;
      scratch.message = fields.slice(fieldStart, messageEnd);
      scratch.attrsJson = fields.slice(messageEnd, attrsEnd);
      writer.addEvent(scratch, lineNumber, raw, lineEnd);
    } else {
      writer.addUnparsed(lineNumber, raw, fields.slice(fieldStart, messageEnd), lineEnd);
    }
    fieldStart = attrsEnd;
    lineNumber = lineEnd + 1;
  }
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
