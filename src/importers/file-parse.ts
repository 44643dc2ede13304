/**
 * Reading and parsing one file, apart from writing it: the file is streamed with readLines, each line
 * goes through its format's parser, multi-line entries are joined (record-packer.ts), and every read
 * chunk becomes one {@link ParsedBatch}. The same code
 * runs in the parse worker (parse-worker.ts) for large files and in-process for small ones.
 * A batch is packed for cheap structured cloning between threads: numbers in typed arrays (transferable),
 * the lines as the read text with offsets, messages and attrs concatenated into one string with end
 * offsets, and host, service and kind as indexes into a small per-batch string table.
 */
import { statSync } from 'node:fs';
import { machineTimeZone, type LineParser, type ParserOptions } from './format';
import { newContentHash, readHeadLines, readLineBlocks } from './line-reader';
import { RecordPacker } from './record-packer';
import { detectFormat, formatByName, UNRECOGNISED_FORMAT, unrecognisedParser } from './registry';

export { BLANK_LINE_REASON, FIELDS_PER_LINE, LINE_IS_EVENT, NULL_STRING_ID } from './record-packer';

/**
 * The records of one read chunk, parsed. A record is one line, or several consecutive lines that make
 * one multi-line entry (a stack trace, a quoted CSV newline); see record-packer.ts. Arrays are indexed
 * by record (0-based); numeric and string fields of an unparsed record are meaningless, except its
 * message slot, which holds the reason.
 * NOTE: records are consecutive: record i starts at `firstLineNumber` plus the line counts of the
 * records before it, and `lineCount` is the sum of `recordLineCounts`.
 */
export interface ParsedBatch {
  /** 1-based number of the batch's first line in the file. */
  firstLineNumber: number;
  /** Input lines the batch's records cover. */
  lineCount: number;
  /** Records in the batch; the per-record arrays have this length. */
  recordCount: number;
  /** Input lines per record (1 unless it is a multi-line entry). */
  recordLineCounts: Uint32Array;
  /** Bytes of the file on disk read so far (compressed bytes for .gz). */
  bytesRead: number;
  /** LINE_IS_EVENT or 0 per record. */
  isEvent: Uint8Array;
  tsMs: Float64Array;
  /** Nanoseconds past tsMs, 0..999999. */
  tsSubNs: Int32Array;
  /** End of the event in epoch ms; NaN for none. */
  endMs: Float64Array;
  /** Index into LEVELS. */
  levelIds: Uint8Array;
  /** Indexes into `strings`; {@link NULL_STRING_ID} for null. */
  hostIds: Uint32Array;
  serviceIds: Uint32Array;
  kindIds: Uint32Array;
  /** Distinct host, service and kind values of this batch; index 0 is unused (null). */
  strings: string[];
  /** The records' raw text as read: record i is `text.slice(lineStarts[i], lineEnds[i])` (its lines with their inner newlines). */
  text: string;
  lineStarts: Uint32Array;
  lineEnds: Uint32Array;
  /** Every record's message and attrs (FIELDS_PER_LINE per record) concatenated. */
  fields: string;
  /** End offset in `fields` of each field; field k spans fieldEnds[k - 1] (or 0) .. fieldEnds[k]. */
  fieldEnds: Uint32Array;
}

/** One file being parsed: its format, then its batches in order, then (after the last batch) its content hash. */
export interface FileParse {
  formatName: string;
  batches: AsyncIterable<ParsedBatch>;
  /**
   * The next batch when it is already parsed and waiting (it is then no longer yielded by `batches`),
   * else null; lets the importer write the batches that are waiting in one transaction. Absent when
   * parsing in this thread, where no batch waits.
   */
  takeReady?(): ParsedBatch | null;
  /** SHA-256 (hex) of the file's bytes on disk; only valid once `batches` is exhausted. */
  contentHash(): string;
}

/** What to parse: a file and its format (null to sniff it). */
export interface ParseRequest {
  path: string;
  formatName: string | null;
  /** Zone for times written without one (IANA name); the machine's zone when absent. */
  timeZone?: string;
  /** Year for timestamps written without one; inferred from the file's modification time when absent. */
  year?: number;
  /** Leaves a last line without a newline unread (see ImportOptions). */
  holdUnterminatedLine?: boolean;
}

/** Picks the file's format (sniffing when not forced) and returns its batches, parsed in this thread. */
export async function parseFile(request: ParseRequest): Promise<FileParse> {
  const options = parserOptionsFor(request);
  const { formatName, parse } = request.formatName !== null ? parserFor(request.formatName, options) : await sniffFile(request.path, options);
  const hash = newContentHash();
  let digest: string | null = null;
  async function* batches(): AsyncGenerator<ParsedBatch> {
    const packer = new RecordPacker(parse);
    let bytesRead = 0;
    for await (const block of readLineBlocks(request.path, { hash, holdUnterminatedLine: request.holdUnterminatedLine })) {
      bytesRead = block.bytesRead;
      const batch = packer.pack(block);
      if (batch !== null) yield batch;
    }
    const last = packer.finish(bytesRead);
    if (last !== null) yield last;
    digest = hash.digest('hex');
  }
  return {
    formatName,
    batches: batches(),
    contentHash: () => {
      if (digest === null) throw new Error('The content hash is known only after the last batch.');
      return digest;
    },
  };
}

/** The buffers of a batch, for the transfer list of postMessage. */
export function transferablesOf(batch: ParsedBatch): ArrayBuffer[] {
  const arrays = [batch.isEvent, batch.tsMs, batch.tsSubNs, batch.endMs, batch.levelIds, batch.hostIds, batch.serviceIds, batch.kindIds, batch.recordLineCounts];
  return [...arrays, batch.lineStarts, batch.lineEnds, batch.fieldEnds].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/** The parser options a request stands for: its zone and year, and the file's modification time. */
export function parserOptionsFor(request: ParseRequest): ParserOptions {
  let fileModifiedMs: number | null;
  try {
    fileModifiedMs = statSync(request.path).mtimeMs;
  } catch {
    fileModifiedMs = null;
  }
  return { timeZone: request.timeZone ?? machineTimeZone(), year: request.year ?? null, fileModifiedMs };
}

function parserFor(formatName: string, options: ParserOptions): { formatName: string; parse: LineParser } {
  return { formatName, parse: formatByName(formatName).createParser(options) };
}

async function sniffFile(path: string, options: ParserOptions): Promise<{ formatName: string; parse: LineParser }> {
  const format = detectFormat(await readHeadLines(path));
  if (format === null) return { formatName: UNRECOGNISED_FORMAT, parse: unrecognisedParser() };
  return { formatName: format.name, parse: format.createParser(options) };
}
