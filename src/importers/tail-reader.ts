/**
 * Reads a file from where an earlier read stopped and writes its new lines to a source: used to resume
 * an import that was killed or cancelled, to import only the new lines of a file that has grown, and to
 * follow a file that is still being written. Works in bytes, so it knows exactly where each line ends:
 * line N ends at the file's Nth `\n` byte, the same numbering readLineBlocks uses.
 * NOTE: parsing runs on this thread (no parse worker): the amounts read here are tails, not whole files.
 * Multi-line entries are joined within one read; an entry split across two reads of a followed file
 * becomes two records.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { SourceWriter } from '../store/source-writer';
import type { LineParser, ParserOptions } from './format';
import { isGzipFile } from './line-reader';
import { parseLines } from './record-packer';
import { detectFormat, formatByName, UNRECOGNISED_FORMAT, unrecognisedParser } from './registry';

/** Where reading starts: after `lineNumber` lines, which end at byte `byteOffset` (null when unknown: found by counting). */
export interface TailStart {
  lineNumber: number;
  byteOffset: number | null;
}

/** How far one read got. */
export interface TailProgress {
  linesRead: number;
  bytesRead: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const CHUNK_BYTES = 1 << 20;

/** A parser for a stored format name (including the name recorded for files no format fits), reading naive times with `options`. */
export function parserForFormat(formatName: string, options?: ParserOptions): LineParser {
  if (formatName === UNRECOGNISED_FORMAT) return unrecognisedParser();
  const format = formatByName(formatName);
  return format.kind === 'document' ? format.createParser() : format.createParser(options);
}

/** Reads what a file gained into its source: line by line ({@link TailReader}) or by re-reading a document (document-tail.ts). */
export interface SourceTail {
  /** Lines read into the source so far. */
  readonly linesDone: number;
  /** Bytes of the file read so far, up to the end of the last line taken; null when unknown. */
  readonly bytesDone: number | null;
  /** Reads from where the last read stopped; a possibly unfinished end is taken only when `isFinal`. */
  readNew(isFinal: boolean, signal?: AbortSignal): Promise<TailProgress>;
}

/** Reads new complete lines of one file into one source; keep it between reads to follow the file. */
export class TailReader implements SourceTail {
  private lineNumber: number;
  private byteOffset: number | null;
  private parse: LineParser;
  /** True while the source has no format and no events: a file followed while still empty is sniffed from its first lines. */
  private isSniffing: boolean;

  constructor(
    private readonly writer: SourceWriter,
    private readonly readPath: string,
    formatName: string,
    start: TailStart,
    /** Zone, year and file time for naive timestamps (the source's zone and the year reached so far; see resume.ts tailParserOptions). */
    private readonly parserOptions: ParserOptions | undefined,
    /** An open descriptor of the file to read instead of opening `readPath` (follow keeps reading a rotated file through it). */
    private readonly fd: number | null = null,
    /** Lines already stored that the parser reads first and discards, to rebuild its state (a CSV header, the year reached). */
    primeLines: readonly string[] = [],
  ) {
    this.lineNumber = start.lineNumber;
    this.byteOffset = start.byteOffset;
    this.parse = parserForFormat(formatName, parserOptions);
    this.isSniffing = formatName === UNRECOGNISED_FORMAT && writer.events === 0;
    for (const line of primeLines) this.parse(line);
  }

  /** Lines read into the source so far (the last line number written). */
  get linesDone(): number {
    return this.lineNumber;
  }

  /** Bytes of the (decompressed) text read so far, up to the end of the last complete line. */
  get bytesDone(): number | null {
    return this.byteOffset;
  }

  /**
   * Reads from where the last read stopped to the current end of the file, writing one batch (one
   * transaction) per chunk. A last line without a newline is read only when `isFinal` (while
   * following, it may still be being written). Stops between batches once `signal` is aborted.
   */
  async readNew(isFinal: boolean, signal?: AbortSignal): Promise<TailProgress> {
    const before = this.lineNumber;
    const isGzip = this.fd === null && isGzipFile(this.readPath);
    const canSeek = !isGzip && this.byteOffset !== null;
    const start = canSeek ? (this.byteOffset ?? 0) : 0;
    const fileStream =
      this.fd === null
        ? createReadStream(this.readPath, { start, highWaterMark: CHUNK_BYTES })
        : createReadStream('', { fd: this.fd, autoClose: false, start, highWaterMark: CHUNK_BYTES });
    const source: NodeJS.ReadableStream = isGzip ? fileStream.pipe(createGunzip()) : fileStream;
    let byteAt = canSeek ? (this.byteOffset ?? 0) : 0;
    let linesToSkip = canSeek ? 0 : this.lineNumber;
    let carry: Buffer = Buffer.alloc(0);
    try {
      for await (const chunk of source) {
        let buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
        while (linesToSkip > 0) {
          const newline = buffer.indexOf(NEWLINE);
          if (newline === -1) break;
          buffer = buffer.subarray(newline + 1);
          byteAt += newline + 1;
          linesToSkip--;
        }
        const lastNewline = linesToSkip > 0 ? -1 : buffer.lastIndexOf(NEWLINE);
        if (lastNewline === -1) {
          carry = buffer;
          continue;
        }
        this.writeLines(buffer.subarray(0, lastNewline), byteAt === 0, byteAt + lastNewline + 1);
        byteAt += lastNewline + 1;
        carry = Buffer.from(buffer.subarray(lastNewline + 1));
        if (signal?.aborted) break;
      }
      if (isFinal && carry.length > 0 && linesToSkip === 0 && !signal?.aborted) {
        this.writeLines(carry, byteAt === 0, byteAt + carry.length);
      }
    } finally {
      if (this.fd === null) fileStream.destroy();
    }
    return { linesRead: this.lineNumber - before, bytesRead: this.byteOffset ?? 0 };
  }

  /** Parses `\n`-separated lines (the last one unterminated) and writes them in one batch. */
  private writeLines(bytes: Buffer, isFileStart: boolean, endByte: number): void {
    let text = bytes.toString('utf8');
    if (isFileStart && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split('\n').map((line) => (line.length > 0 && line.charCodeAt(line.length - 1) === CARRIAGE_RETURN ? line.slice(0, -1) : line));
    const found = this.isSniffing ? detectFormat(lines) : null;
    // NOTE: a document format (one JSON or YAML value) cannot be read line by line; its lines stay unparsed.
    const sniffed = found !== null && found.kind !== 'document' ? found : null;
    if (sniffed !== null) {
      this.parse = sniffed.createParser(this.parserOptions);
      this.isSniffing = false;
    }
    const records = parseLines(lines, this.parse);
    this.writer.setReached(this.lineNumber + lines.length, endByte);
    this.writer.batch(() => {
      if (sniffed !== null) this.writer.setFormat(sniffed.name);
      let lineNumber = this.lineNumber + 1;
      for (const record of records) {
        if (typeof record.result === 'string') this.writer.addUnparsed(lineNumber, record.raw, record.result);
        else this.writer.addEvent(record.result, lineNumber, record.raw);
        lineNumber += record.lineCount;
      }
    });
    this.lineNumber += lines.length;
    this.byteOffset = endByte;
  }
}
