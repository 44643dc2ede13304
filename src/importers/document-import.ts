/**
 * The importer's path for whole-document formats (format.ts `kind: 'document'`): a file whose sniffed
 * (or forced) format is a document format is read whole, parsed by the format, and written as one
 * batch with each event's line range. import-paths.ts calls {@link documentFormatFor} and
 * {@link importDocument} for each file, and {@link setAsideExportMetadata} once for the file list
 * (a Slack export's users.json and channels.json describe the export rather than hold events).
 * NOTE: documents over DOCUMENT_MAX_BYTES stay on the line path, where the format says why per line.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RefusedInput, SourceImportSummary } from '../model/incident';
import type { IncidentDb } from '../store/incident-db';
import { SourceWriter } from '../store/source-writer';
import { DOCUMENT_MAX_BYTES } from './document-format';
import type { DocumentFormatDefinition, ReadRelatedFile } from './format';
import { SLACK_METADATA_FILES } from './formats/slack';
import { isGzipFile, readHeadLines } from './line-reader';
import { detectFormat, formatByName } from './registry';

/** What the document path needs to know about a file (a subset of import-paths' file entry). */
export interface DocumentFile {
  readPath: string;
  path: string;
  name: string;
  sizeBytes: number;
  /** Reads files beside this one in the same import (e.g. a Slack export's users.json). */
  readRelated?: ReadRelatedFile;
}

const SLACK_DAY_FILE = /(?:^|[/!])[^/!]+\/\d{4}-\d{2}-\d{2}\.json$/;
const RELATED_MAX_BYTES = 32 << 20;

/** The document format to read the file with, or null for the line path (a line format, or too large). */
export async function documentFormatFor(readPath: string, forcedFormat: string | null): Promise<DocumentFormatDefinition | null> {
  const format = forcedFormat !== null ? formatByName(forcedFormat) : detectFormat(await readHeadLines(readPath));
  if (format === null || format.kind !== 'document') return null;
  return statSync(readPath).size <= DOCUMENT_MAX_BYTES ? format : null;
}

/** Reads, parses and writes one document file as one source; every line lands in an event's range or an unparsed record. */
export function importDocument(incident: IncidentDb, file: DocumentFile, format: DocumentFormatDefinition, timeZone?: string): SourceImportSummary {
  const stored = readFileSync(file.readPath);
  const bytes = isGzipFile(file.readPath) ? gunzipSync(stored) : stored;
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = format.parseDocument(text, file.name, file.readRelated ?? relatedOnDisk(file));
  const writer = SourceWriter.begin(incident, { name: file.name, path: file.path, format: format.name, sizeBytes: file.sizeBytes, timeZone });
  const records = [
    ...parsed.events.map((event) => ({ lineStart: event.lineStart, order: 0, write: () => writer.addEvent(event, event.lineStart, event.raw, event.lineEnd) })),
    ...parsed.unparsed.map((u) => ({ lineStart: u.lineStart, order: 1, write: () => writer.addUnparsed(u.lineStart, u.raw, u.reason, u.lineEnd) })),
  ].sort((a, b) => a.lineStart - b.lineStart || a.order - b.order);
  writer.setReached(parsed.lineCount);
  try {
    writer.batch(() => {
      for (const record of records) record.write();
    });
  } catch (err) {
    writer.fail(`Writing ${file.path} failed (${(err as Error).message})`);
    throw err;
  }
  return writer.finish(createHash('sha256').update(stored).digest('hex'), parsed.lineCount);
}

/** Related files read from the file's own folder on disk (for a file imported on its own). */
function relatedOnDisk(file: DocumentFile): ReadRelatedFile {
  return (relativePath) => readSmallFile(resolve(dirname(file.readPath), relativePath));
}

function readSmallFile(path: string): string | null {
  try {
    if (statSync(path).size > RELATED_MAX_BYTES) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Gives every file a way to read the files beside it in this import (by name, so it works for folders
 * and archive entries alike), and sets aside a Slack export's metadata files (users.json, channels.json,
 * …) found beside channel folders of day files: they are read for names, not imported as sources.
 */
export function setAsideExportMetadata<F extends DocumentFile>(files: readonly F[]): { files: F[]; refused: RefusedInput[] } {
  const byName = new Map(files.map((file) => [file.name, file]));
  const refused: RefusedInput[] = [];
  const kept: F[] = [];
  for (const file of files) {
    const { prefix, inner } = splitArchivePrefix(file.name);
    const folder = posix.dirname(inner);
    const isMetadata =
      SLACK_METADATA_FILES.includes(posix.basename(inner)) &&
      files.some((other) => other.name.startsWith(prefix + (folder === '.' ? '' : `${folder}/`)) && SLACK_DAY_FILE.test(other.name));
    if (isMetadata) {
      refused.push({ path: file.path, reason: `${file.name} describes a Slack export (names of users and channels); it was read for the day files, not imported as a source.` });
      continue;
    }
    kept.push({
      ...file,
      readRelated: (relativePath: string) => {
        const related = byName.get(prefix + posix.normalize(posix.join(folder, relativePath)));
        return related === undefined ? relatedOnDisk(file)(relativePath) : readSmallFile(related.readPath);
      },
    });
  }
  return { files: kept, refused };
}

/** Splits `logs.zip!general/2024-05-02.json` into the archive prefix and the path inside it. */
function splitArchivePrefix(name: string): { prefix: string; inner: string } {
  const mark = name.lastIndexOf('!');
  return mark === -1 ? { prefix: '', inner: name.replaceAll('\\', '/') } : { prefix: name.slice(0, mark + 1), inner: name.slice(mark + 1) };
}
