/**
 * Streams a file (plain, or gzip detected by its magic bytes) as batches of lines.
 * Lines are split on `\n` with a trailing `\r` removed (CRLF); a final line without a newline is
 * still a line; a UTF-8 byte-order mark at the start is dropped; invalid UTF-8 becomes U+FFFD.
 * Batches rather than single lines keep the per-line cost of async iteration out of the hot path;
 * blocks (one text plus line offsets) let the parse worker hand lines to the writing thread as one string.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** A run of consecutive lines; line numbers are 1-based. */
export interface LineBatch {
  firstLineNumber: number;
  lines: string[];
  /** Bytes of the file on disk read so far (compressed bytes for .gz), for progress against its size. */
  bytesRead: number;
}

/** Options for {@link readLines}. */
export interface ReadLinesOptions {
  /** Receives every chunk of the file as stored on disk, e.g. to hash it while streaming. */
  hash?: Hash;
  /** Read size in bytes; {@link READ_BLOCK_BYTES} by default. */
  chunkBytes?: number;
  /** Leaves a last line without a newline unread (a followed file's writer may be in the middle of it). */
  holdUnterminatedLine?: boolean;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/**
 * Bytes read at a time, which is also the text of one parsed batch and one transaction of the import.
 * NOTE: 1 MiB, measured here on 1M JSON lines: 4 MiB took 3.28 s with a peak of 448-491 MB, 1 MiB 3.00-3.14 s
 * with 271-284 MB (fewer large strings wait for a full garbage collection in each thread), 256 KiB 3.4 s.
 */
export const READ_BLOCK_BYTES = 1 << 20;

/** True when the file starts with the gzip magic bytes. */
export function isGzipFile(path: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, head, 0, 2, 0);
    return read === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    closeSync(fd);
  }
}

/**
 * A run of consecutive lines as one text: line k (0-based in the block) is
 * `text.slice(lineStarts[k], lineEnds[k])`, its newline and trailing `\r` excluded.
 * Lets a caller hand lines to another thread as one string instead of one string per line.
 */
export interface LineBlock {
  firstLineNumber: number;
  lineCount: number;
  text: string;
  /** UTF-16 offsets into `text`. */
  lineStarts: Uint32Array;
  lineEnds: Uint32Array;
  /** Bytes of the file on disk read so far (compressed bytes for .gz), for progress against its size. */
  bytesRead: number;
}

/** Yields the file's lines in batches, in order. */
export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  for await (const block of readLineBlocks(path, options)) {
    const lines = new Array<string>(block.lineCount);
    for (let k = 0; k < block.lineCount; k++) lines[k] = block.text.slice(block.lineStarts[k], block.lineEnds[k]);
    yield { firstLineNumber: block.firstLineNumber, lines, bytesRead: block.bytesRead };
  }
}

/** Yields the file's lines as blocks (one per read chunk that ends a line), in order. */
export async function* readLineBlocks(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBlock> {
  const fileStream = createReadStream(path, { highWaterMark: options.chunkBytes ?? READ_BLOCK_BYTES });
  let bytesRead = 0;
  const countStored = (chunk: Buffer | string): void => {
    bytesRead += chunk.length;
    options.hash?.update(chunk);
  };
  const isGzip = isGzipFile(path);
  let source: NodeJS.ReadableStream = fileStream;
  if (isGzip) {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    fileStream.on('data', countStored);
    fileStream.on('error', (err) => gunzip.destroy(err));
    source = fileStream.pipe(gunzip);
  }
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let nextLineNumber = 1;
  let isFirstText = true;
  for await (const chunk of source) {
    if (!isGzip) countStored(chunk as Buffer);
    let decoded = decoder.write(chunk as Buffer);
    if (isFirstText && decoded.length > 0) {
      if (decoded.charCodeAt(0) === 0xfeff) decoded = decoded.slice(1);
      isFirstText = false;
    }
    const lastNewline = decoded.lastIndexOf('\n');
    if (lastNewline === -1) {
      carry += decoded;
      continue;
    }
    const block = splitBlock(carry + decoded.slice(0, lastNewline + 1), nextLineNumber, bytesRead);
    carry = decoded.slice(lastNewline + 1);
    nextLineNumber += block.lineCount;
    yield block;
  }
  const rest = carry + decoder.end();
  if (rest.length > 0 && options.holdUnterminatedLine !== true) yield splitBlock(rest, nextLineNumber, bytesRead);
}

/** Splits text into lines: every `\n` ends one; text after the last `\n` is one more line. */
function splitBlock(text: string, firstLineNumber: number, bytesRead: number): LineBlock {
  let starts = new Uint32Array(64 + (text.length >> 6));
  let ends = new Uint32Array(starts.length);
  let count = 0;
  const add = (start: number, end: number): void => {
    if (count === starts.length) {
      const grownStarts = new Uint32Array(count * 2);
      const grownEnds = new Uint32Array(count * 2);
      grownStarts.set(starts);
      grownEnds.set(ends);
      starts = grownStarts;
      ends = grownEnds;
    }
    starts[count] = start;
    ends[count++] = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  };
  let start = 0;
  let newline = text.indexOf('\n');
  while (newline !== -1) {
    add(start, newline);
    start = newline + 1;
    newline = text.indexOf('\n', start);
  }
  if (start < text.length) add(start, text.length);
  return { firstLineNumber, lineCount: count, text, lineStarts: starts.slice(0, count), lineEnds: ends.slice(0, count), bytesRead };
}

/**
 * The first lines of a file (decompressed), for sniffing: at most `maxLines` lines from at most
 * `maxBytes` bytes; a line cut off by the byte limit is left out unless it is the only one.
 */
export async function readHeadLines(path: string, maxBytes = 64 * 1024, maxLines = 200): Promise<string[]> {
  const fileStream = createReadStream(path, { highWaterMark: 64 * 1024 });
  const source: NodeJS.ReadableStream = isGzipFile(path) ? fileStream.pipe(createGunzip()) : fileStream;
  const chunks: Buffer[] = [];
  let size = 0;
  let isCut = false;
  try {
    for await (const chunk of source) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= maxBytes) {
        isCut = true;
        break;
      }
    }
  } finally {
    fileStream.destroy();
  }
  let text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n').map(stripCr);
  if (lines.at(-1) === '' || (isCut && lines.length > 1)) lines.pop();
  return lines.slice(0, maxLines);
}

function stripCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

/** The SHA-256 (hex) of the file's bytes as stored on disk. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: READ_BLOCK_BYTES })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A fresh SHA-256 for {@link ReadLinesOptions.hash}. */
export function newContentHash(): Hash {
  return createHash('sha256');
}
