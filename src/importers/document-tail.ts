/**
 * Continuing a whole-document source (format.ts `kind: 'document'`) whose file has grown: a resumed
 * import, a grown file, or a followed file (`kubectl get events --watch -o json`, a JSON-lines export).
 * A document cannot be read from the middle, so it is parsed again whole and only the records that
 * start after the lines already stored are written.
 * NOTE: lines the new parse puts inside a record that started before them (a blank line between the old
 * end and the next element) become one unparsed record, so every line is still accounted for once.
 * While following, a value still being written at the end (invalid JSON up to the end of the file) is
 * left for the next read instead of being stored as unparsed.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { SourceWriter } from '../store/source-writer';
import type { DocumentFormatDefinition, DocumentParse, ReadRelatedFile } from './format';
import { isGzipFile } from './line-reader';
import type { SourceTail, TailProgress, TailStart } from './tail-reader';

/** Reason of the lines of a value already stored that the new parse reaches into. */
export const EARLIER_VALUE_REASON = 'part of a JSON value that was read before the file grew';

const INVALID_JSON_PREFIX = 'invalid JSON';
const NEWLINE = 10;

/** One record of a parse, event or unparsed, in line order. */
interface DocumentRecord {
  lineStart: number;
  lineEnd: number;
  write(writer: SourceWriter): void;
}

/** What a document tail needs besides the source: the name the document is read as, related files, an open descriptor. */
export interface DocumentWhere {
  /** The source's name (some formats take a channel name from it). */
  fileName: string;
  readRelated?: ReadRelatedFile;
  /** An open descriptor of the file to read instead of opening the path (follow reads a rotated file through it). */
  fd?: number;
}

/** Reads what a document file gained into its source by parsing it again; keep it between reads to follow the file. */
export class DocumentTailReader implements SourceTail {
  private lineNumber: number;
  private byteOffset: number | null;
  /** Size of the file at the last read, so an unchanged file is not parsed again. */
  private lastSizeBytes = -1;

  constructor(
    private readonly writer: SourceWriter,
    private readonly readPath: string,
    private readonly format: DocumentFormatDefinition,
    start: TailStart,
    private readonly where: DocumentWhere,
  ) {
    this.lineNumber = start.lineNumber;
    this.byteOffset = start.byteOffset;
  }

  /** Lines read into the source so far. */
  get linesDone(): number {
    return this.lineNumber;
  }

  /** Bytes of the document up to the end of the last line taken. */
  get bytesDone(): number | null {
    return this.byteOffset;
  }

  /** Parses the whole file again and writes the records after the lines already stored, in one batch. */
  async readNew(isFinal: boolean, signal?: AbortSignal): Promise<TailProgress> {
    const before = this.lineNumber;
    if (signal?.aborted === true) return { linesRead: 0, bytesRead: this.byteOffset ?? 0 };
    const sizeBytes = this.where.fd === undefined ? statSync(this.readPath).size : fstatSync(this.where.fd).size;
    if (sizeBytes === this.lastSizeBytes && !isFinal) return { linesRead: 0, bytesRead: this.byteOffset ?? 0 };
    this.lastSizeBytes = sizeBytes;
    const bytes = this.readBytes();
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parsed = this.format.parseDocument(text, this.where.fileName, this.where.readRelated);
    const { records, lastLine } = recordsAfter(parsed, this.lineNumber, isFinal, text);
    if (lastLine > this.lineNumber) {
      const endByte = byteEndOfLine(bytes, lastLine);
      this.writer.setReached(lastLine, endByte);
      this.writer.batch(() => {
        for (const record of records) record.write(this.writer);
      });
      this.lineNumber = lastLine;
      this.byteOffset = endByte;
    }
    return { linesRead: this.lineNumber - before, bytesRead: this.byteOffset ?? 0 };
  }

  private readBytes(): Buffer {
    if (this.where.fd !== undefined) return readWhole(this.where.fd);
    const fd = openSync(this.readPath, 'r');
    try {
      const stored = readWhole(fd);
      return isGzipFile(this.readPath) ? gunzipSync(stored) : stored;
    } finally {
      closeSync(fd);
    }
  }
}

function readWhole(fd: number): Buffer {
  const buffer = Buffer.alloc(fstatSync(fd).size);
  let at = 0;
  while (at < buffer.length) {
    const read = readSync(fd, buffer, at, buffer.length - at, at);
    if (read === 0) break;
    at += read;
  }
  return buffer.subarray(0, at);
}

/** Byte offset just after line `line` (1-based) ends, newline included when there is one. */
function byteEndOfLine(bytes: Buffer, line: number): number {
  let at = 0;
  for (let n = 0; n < line; n++) {
    const newline = bytes.indexOf(NEWLINE, at);
    if (newline === -1) return bytes.length;
    at = newline + 1;
  }
  return at;
}

/**
 * The records of a parse that cover the lines after `linesDone`, and the last line they reach. Lines
 * of a record that began at or before `linesDone` become one {@link EARLIER_VALUE_REASON} record (or
 * a `blank line` record). When not final, records reaching into a last line without a newline, and
 * everything from a trailing run of invalid JSON on, are left for a later read (still being written).
 */
export function recordsAfter(parsed: DocumentParse, linesDone: number, isFinal: boolean, text: string): { records: DocumentRecord[]; lastLine: number } {
  const all = [
    ...parsed.events.map((event) => ({
      lineStart: event.lineStart,
      lineEnd: event.lineEnd,
      isInvalid: false,
      write: (writer: SourceWriter) => writer.addEvent(event, event.lineStart, event.raw, event.lineEnd),
    })),
    ...parsed.unparsed.map((u) => ({
      lineStart: u.lineStart,
      lineEnd: u.lineEnd,
      isInvalid: u.reason.startsWith(INVALID_JSON_PREFIX),
      write: (writer: SourceWriter) => writer.addUnparsed(u.lineStart, u.raw, u.reason, u.lineEnd),
    })),
  ].sort((a, b) => a.lineStart - b.lineStart);
  const safeEnd = isFinal || text.endsWith('\n') ? parsed.lineCount : parsed.lineCount - 1;
  const lines = text.split('\n');
  const records: DocumentRecord[] = [];
  let lastLine = linesDone;
  for (const record of all) {
    if (record.lineEnd <= linesDone) continue;
    if (!isFinal && (record.isInvalid || record.lineEnd > safeEnd)) break;
    if (record.lineStart > linesDone) {
      records.push(record);
    } else {
      const from = linesDone + 1;
      const to = record.lineEnd;
      const raw = lines.slice(from - 1, to).join('\n');
      const reason = raw.trim() === '' ? 'blank line' : EARLIER_VALUE_REASON;
      records.push({ lineStart: from, lineEnd: to, write: (writer) => writer.addUnparsed(from, raw, reason, to) });
    }
    lastLine = record.lineEnd;
  }
  return { records, lastLine };
}
