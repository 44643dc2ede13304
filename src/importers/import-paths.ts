/**
 * Imports files and folders into an incident: finds the files, picks each file's format (sniffed,
 * or forced with `format`), streams its lines through the format's parser and writes every line as
 * an event or an unparsed record. NOTE: accounting is exact: for every source,
 * `lines == events + unparsed`; a blank line is not an event, so it is recorded as unparsed with the
 * reason "blank line".
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { ApiError } from '../api/errors';
import type { ImportProgress, ImportSummary, SourceImportSummary } from '../model/incident';
import type { IncidentDb } from '../store/incident-db';
import { beginBulkLoad, findCompleteSourceByHash, hasCompleteSourceOfSize, SourceWriter } from '../store/source-writer';
import type { LineParser } from './format';
import { hashFile, newContentHash, readHeadLines, readLines } from './line-reader';
import { detectFormat, formatByName, UNRECOGNISED_FORMAT, unrecognisedParser } from './registry';

/** Options of {@link importPaths}. */
export interface ImportOptions {
  /** Called at most about five times a second, and once at the end of each file. */
  onProgress?: (progress: ImportProgress) => void;
  /** A format name that overrides sniffing for every file. */
  format?: string;
}

/** The reason recorded for an empty or whitespace-only line. */
export const BLANK_LINE_REASON = 'blank line';

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
  const bulk = beginBulkLoad(incident);
  try {
    for (const file of files) {
      sources.push(await importFile(incident, file, forcedFormat?.name ?? null, options.onProgress));
    }
  } finally {
    bulk.end();
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
  forcedFormat: string | null,
  onProgress: ImportOptions['onProgress'],
): Promise<SourceImportSummary> {
  if (hasCompleteSourceOfSize(incident, file.sizeBytes)) {
    const existing = findCompleteSourceByHash(incident, await hashFile(file.path));
    if (existing) {
      return { ...existing, path: file.path, skippedReason: `identical content was already imported as source ${existing.sourceId} (${existing.path})` };
    }
  }
  const { formatName, parse } = forcedFormat !== null ? parserFor(forcedFormat) : await sniffFile(file.path);
  const writer = SourceWriter.begin(incident, { name: file.name, path: file.path, format: formatName, sizeBytes: file.sizeBytes });
  const hash = newContentHash();
  let lineCount = 0;
  let lastReportMs = 0;
  const report = (bytesRead: number): void => {
    onProgress?.({ path: file.path, bytesRead, bytesTotal: file.sizeBytes, lines: lineCount, events: writer.events, unparsed: writer.unparsed });
  };
  try {
    let bytesRead = 0;
    for await (const batch of readLines(file.path, { hash })) {
      let lineNumber = batch.firstLineNumber;
      writer.batch(() => {
        for (const line of batch.lines) {
          if (isBlank(line)) {
            writer.addUnparsed(lineNumber, line, BLANK_LINE_REASON);
          } else {
            const result = parse(line);
            if (typeof result === 'string') writer.addUnparsed(lineNumber, line, result);
            else writer.addEvent(result, lineNumber, line);
          }
          lineNumber++;
        }
      });
      lineCount = lineNumber - 1;
      bytesRead = batch.bytesRead;
      const nowMs = Date.now();
      if (onProgress && nowMs - lastReportMs >= PROGRESS_INTERVAL_MS) {
        lastReportMs = nowMs;
        report(bytesRead);
      }
    }
    const summary = writer.finish(hash.digest('hex'), lineCount);
    report(file.sizeBytes);
    return summary;
  } catch (err) {
    const message = `Reading ${file.path} failed after line ${lineCount} (${(err as Error).message})`;
    writer.fail(message);
    throw new ApiError('io_error', `${message}; check the file is readable and not truncated, then import it again.`);
  }
}

function parserFor(formatName: string): { formatName: string; parse: LineParser } {
  return { formatName, parse: formatByName(formatName).createParser() };
}

async function sniffFile(path: string): Promise<{ formatName: string; parse: LineParser }> {
  const format = detectFormat(await readHeadLines(path));
  if (format === null) return { formatName: UNRECOGNISED_FORMAT, parse: unrecognisedParser() };
  return { formatName: format.name, parse: format.createParser() };
}

function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  // Fast path: a line starting with a visible character is not blank.
  if (first > 32 && first !== 160) return false;
  return line.trim().length === 0;
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
