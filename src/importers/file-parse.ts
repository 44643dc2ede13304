/**
 * Reading and parsing one file, apart from writing it: the file is streamed with readLines, each line
 * goes through its format's parser, and every read chunk becomes one {@link ParsedBatch}. The same code
 * runs in the parse worker (parse-worker.ts) for large files and in-process for small ones.
 * A batch is packed for cheap structured cloning between threads: numbers in typed arrays (transferable),
 * the lines as the read text with offsets, messages and attrs concatenated into one string with end
 * offsets, and host, service and kind as indexes into a small per-batch string table.
 */
import { LEVELS, type Level } from '../model/event';
import type { LineParser } from './format';
import { newContentHash, readHeadLines, readLineBlocks, type LineBlock } from './line-reader';
import { detectFormat, formatByName, UNRECOGNISED_FORMAT, unrecognisedParser } from './registry';

/** The reason recorded for an empty or whitespace-only line. */
export const BLANK_LINE_REASON = 'blank line';

/** `ParsedBatch.isEvent` value of a line that became an event (otherwise it is unparsed). */
export const LINE_IS_EVENT = 1;

/** Texts packed per line in `ParsedBatch.fields`: the message (or unparsed reason), then attrs. */
export const FIELDS_PER_LINE = 2;

/** `ParsedBatch.hostIds` (and service, kind) value for null. */
export const NULL_STRING_ID = 0;

/**
 * The lines of one read chunk, parsed. Arrays are indexed by line within the batch (0-based); numeric
 * and string fields of an unparsed line are meaningless, except its message slot, which holds the reason.
 */
export interface ParsedBatch {
  /** 1-based number of the batch's first line in the file. */
  firstLineNumber: number;
  lineCount: number;
  /** Bytes of the file on disk read so far (compressed bytes for .gz). */
  bytesRead: number;
  /** {@link LINE_IS_EVENT} or 0 per line. */
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
  /** The lines as read: line i is `text.slice(lineStarts[i], lineEnds[i])`. */
  text: string;
  lineStarts: Uint32Array;
  lineEnds: Uint32Array;
  /** Every line's message and attrs ({@link FIELDS_PER_LINE} per line) concatenated. */
  fields: string;
  /** End offset in `fields` of each field; field k spans fieldEnds[k - 1] (or 0) .. fieldEnds[k]. */
  fieldEnds: Uint32Array;
}

/** One file being parsed: its format, then its batches in order, then (after the last batch) its content hash. */
export interface FileParse {
  formatName: string;
  batches: AsyncIterable<ParsedBatch>;
  /** SHA-256 (hex) of the file's bytes on disk; only valid once `batches` is exhausted. */
  contentHash(): string;
}

/** What to parse: a file and its format (null to sniff it). */
export interface ParseRequest {
  path: string;
  formatName: string | null;
}

const LEVEL_IDS: ReadonlyMap<Level, number> = new Map(LEVELS.map((level, index) => [level, index]));

/** Picks the file's format (sniffing when not forced) and returns its batches, parsed in this thread. */
export async function parseFile(request: ParseRequest): Promise<FileParse> {
  const { formatName, parse } = request.formatName !== null ? parserFor(request.formatName) : await sniffFile(request.path);
  const hash = newContentHash();
  let digest: string | null = null;
  async function* batches(): AsyncGenerator<ParsedBatch> {
    for await (const block of readLineBlocks(request.path, { hash })) yield packBatch(block, parse);
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
  const arrays = [batch.isEvent, batch.tsMs, batch.tsSubNs, batch.endMs, batch.levelIds, batch.hostIds, batch.serviceIds, batch.kindIds];
  return [...arrays, batch.lineStarts, batch.lineEnds, batch.fieldEnds].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/** Parses the block's lines and packs the results. */
function packBatch(block: LineBlock, parse: LineParser): ParsedBatch {
  const { lineCount, text, lineStarts, lineEnds } = block;
  const isEvent = new Uint8Array(lineCount);
  const tsMs = new Float64Array(lineCount);
  const tsSubNs = new Int32Array(lineCount);
  const endMs = new Float64Array(lineCount);
  const levelIds = new Uint8Array(lineCount);
  const hostIds = new Uint32Array(lineCount);
  const serviceIds = new Uint32Array(lineCount);
  const kindIds = new Uint32Array(lineCount);
  const fieldEnds = new Uint32Array(lineCount * FIELDS_PER_LINE);
  const strings: string[] = [''];
  const stringIds = new Map<string, number>();
  const idOf = (value: string | null): number => {
    if (value === null) return NULL_STRING_ID;
    let id = stringIds.get(value);
    if (id === undefined) {
      id = strings.length;
      strings.push(value);
      stringIds.set(value, id);
    }
    return id;
  };
  // NOTE: built with += (a rope, flattened once when cloned or first read): measured faster than join.
  let fields = '';
  for (let i = 0; i < lineCount; i++) {
    const line = text.slice(lineStarts[i], lineEnds[i]);
    const result = isBlank(line) ? BLANK_LINE_REASON : parse(line);
    if (typeof result === 'string') {
      fields += result;
      fieldEnds[i * FIELDS_PER_LINE] = fields.length;
      fieldEnds[i * FIELDS_PER_LINE + 1] = fields.length;
      continue;
    }
    isEvent[i] = LINE_IS_EVENT;
    tsMs[i] = result.tsMs;
    tsSubNs[i] = result.tsSubNs;
    endMs[i] = result.endMs ?? NaN;
    levelIds[i] = LEVEL_IDS.get(result.level)!;
    hostIds[i] = idOf(result.host);
    serviceIds[i] = idOf(result.service);
    kindIds[i] = idOf(result.kind);
    fields += result.message;
    fieldEnds[i * FIELDS_PER_LINE] = fields.length;
    fields += result.attrsJson;
    fieldEnds[i * FIELDS_PER_LINE + 1] = fields.length;
  }
  return {
    firstLineNumber: block.firstLineNumber,
    lineCount,
    bytesRead: block.bytesRead,
    isEvent,
    tsMs,
    tsSubNs,
    endMs,
    levelIds,
    hostIds,
    serviceIds,
    kindIds,
    strings,
    text,
    lineStarts,
    lineEnds,
    fields,
    fieldEnds,
  };
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
