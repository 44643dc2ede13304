/**
 * Turns parsed lines into records and packs them into {@link ParsedBatch}es: one line is one record,
 * except that lines a parser marks with {@link CONTINUATION} join the event before them (stack traces,
 * indented continuations) and lines marked {@link JOINS_NEXT} join the record the next line closes (a
 * CSV record with a quoted newline). A record still open at the end of a block is held back and leads
 * the next batch, so entries that straddle read blocks (line-reader.ts) stay whole.
 * NOTE: every line ends up in exactly one record (event or unparsed), in order; records are consecutive.
 */
import { LEVELS, TRUNCATED_ATTRIBUTE, type Level, type TruncatedFields } from '../model/event';
import type { ParsedBatch } from './file-parse';
import { CONTINUATION, JOINS_NEXT, type LineParser, type ParsedEvent } from './format';
import type { LineBlock } from './line-reader';

/** The reason recorded for an empty or whitespace-only line. */
export const BLANK_LINE_REASON = 'blank line';

/** `ParsedBatch.isEvent` value of a record that became an event (otherwise it is unparsed). */
export const LINE_IS_EVENT = 1;

/** Texts packed per record in `ParsedBatch.fields`: the message (or unparsed reason), then attrs. */
export const FIELDS_PER_LINE = 2;

/** `ParsedBatch.hostIds` (and service, kind) value for null. */
export const NULL_STRING_ID = 0;

/** The reason recorded for a continuation line that has no event before it to join. */
export const ORPHAN_CONTINUATION_REASON = 'a continuation line (indented, or without a timestamp) with no event before it to join';

/** The reason recorded for a record still waiting for its closing line when the file ends. */
export const UNFINISHED_RECORD_REASON = 'the record is not finished at the end of the file (e.g. an unclosed quote)';

/** Characters of continuation lines appended to an event's message at most; its raw text keeps them all. */
const CONTINUATION_MESSAGE_MAX_CHARS = 64 * 1024;

/** Characters of an event's message at most; a longer one is cut there and flagged (its raw text keeps it all). */
export const MESSAGE_MAX_CHARS = 64 * 1024;

/** Characters of an event's attrs JSON at most; longer attrs are replaced by the flag alone (its raw text keeps them). */
export const ATTRS_MAX_CHARS = 1024 * 1024;

const LEVEL_IDS: ReadonlyMap<Level, number> = new Map(LEVELS.map((level, index) => [level, index]));

/** A record that may still grow: an event that may get continuation lines, or lines waiting for the next. */
interface OpenRecord {
  /** The record's text so far (its lines joined by their newlines). */
  raw: string;
  lineCount: number;
  /** The event, or null while the record waits for the line that closes it ({@link JOINS_NEXT}). */
  event: ParsedEvent | null;
  /** Continuation lines for the message, each after a newline. */
  extraMessage: string;
}

/** One record as {@link parseLines} returns it. */
export interface ParsedRecord {
  lineCount: number;
  raw: string;
  /** The event, or the reason the record is unparsed. */
  result: ParsedEvent | string;
}

/** Parses blocks of lines into batches of records for one source, joining multi-line entries. */
export class RecordPacker {
  private open: OpenRecord | null = null;
  private nextLineNumber = 1;

  constructor(private readonly parse: LineParser) {}

  /** Parses one block; returns the records it closed (null when the only record is still open). */
  pack(block: LineBlock): ParsedBatch | null {
    const carried = this.open;
    const prefix = carried === null ? '' : `${carried.raw}\n`;
    const shift = prefix.length;
    const out = new BatchBuilder(block.lineCount + 1, carried === null ? block.text : prefix + block.text);
    const firstLineNumber = carried === null ? block.firstLineNumber : block.firstLineNumber - carried.lineCount;
    // The open record, as offsets into out.text.
    let isOpen = carried !== null;
    let openStart = 0;
    let openEnd = carried === null ? 0 : carried.raw.length;
    let openLines = carried?.lineCount ?? 0;
    let openEvent = carried?.event ?? null;
    let openExtra = carried?.extraMessage ?? '';
    // NOTE: no closure over the open-record variables: captured variables live on the heap, and this loop runs per line.
    const { text, lineStarts, lineEnds } = block;
    for (let i = 0; i < block.lineCount; i++) {
      const lineStart = lineStarts[i]!;
      const lineEnd = lineEnds[i]!;
      const line = text.slice(lineStart, lineEnd);
      const result = isBlank(line) ? BLANK_LINE_REASON : this.parse(line);
      if (typeof result === 'object') {
        if (isOpen && openEvent === null) {
          // This line closes the record the lines before it started.
          openEnd = lineEnd + shift;
          openLines++;
          openEvent = result;
          continue;
        }
        if (isOpen) closeRecord(out, openStart, openEnd, openLines, openEvent, openExtra);
        isOpen = true;
        openStart = lineStart + shift;
        openEnd = lineEnd + shift;
        openLines = 1;
        openEvent = result;
        openExtra = '';
        continue;
      }
      if (typeof result === 'string') {
        if (isOpen && openEvent === null) {
          out.addUnparsed(openStart, lineEnd + shift, openLines + 1, result);
          isOpen = false;
          continue;
        }
        if (isOpen) closeRecord(out, openStart, openEnd, openLines, openEvent, openExtra);
        isOpen = false;
        out.addUnparsed(lineStart + shift, lineEnd + shift, 1, result);
        continue;
      }
      if (isOpen && (result === CONTINUATION || openEvent === null)) {
        openEnd = lineEnd + shift;
        openLines++;
        if (openEvent !== null && openExtra.length < CONTINUATION_MESSAGE_MAX_CHARS) openExtra += `\n${line}`;
        continue;
      }
      if (isOpen) closeRecord(out, openStart, openEnd, openLines, openEvent, openExtra);
      isOpen = false;
      if (result === CONTINUATION) {
        out.addUnparsed(lineStart + shift, lineEnd + shift, 1, ORPHAN_CONTINUATION_REASON);
        continue;
      }
      if (result !== JOINS_NEXT) throw new Error('A parser returned something other than an event, a reason or a line marker.');
      isOpen = true;
      openStart = lineStart + shift;
      openEnd = lineEnd + shift;
      openLines = 1;
      openEvent = null;
      openExtra = '';
    }
    this.open = isOpen ? { raw: out.text.slice(openStart, openEnd), lineCount: openLines, event: openEvent, extraMessage: openExtra } : null;
    this.nextLineNumber = block.firstLineNumber + block.lineCount;
    return out.build(firstLineNumber, block.bytesRead);
  }

  /** Closes the record still open at the end of the file; returns its batch, or null when none was open. */
  finish(bytesRead: number): ParsedBatch | null {
    const open = this.open;
    if (open === null) return null;
    this.open = null;
    const out = new BatchBuilder(1, open.raw);
    if (open.event === null) out.addUnparsed(0, open.raw.length, open.lineCount, UNFINISHED_RECORD_REASON);
    else out.addEvent(0, open.raw.length, open.lineCount, open.event, open.extraMessage);
    return out.build(this.nextLineNumber - open.lineCount, bytesRead);
  }
}

/** Adds a finished record: its event, or (when it never got one) the unfinished-record reason. */
function closeRecord(out: BatchBuilder, start: number, end: number, lineCount: number, event: ParsedEvent | null, extraMessage: string): void {
  if (event === null) out.addUnparsed(start, end, lineCount, UNFINISHED_RECORD_REASON);
  else out.addEvent(start, end, lineCount, event, extraMessage);
}

/** A block of in-memory lines, shaped as the line reader would hand them over (for samples and tests). */
export function lineBlockOf(lines: readonly string[], firstLineNumber = 1): LineBlock {
  const lineStarts = new Uint32Array(lines.length);
  const lineEnds = new Uint32Array(lines.length);
  let at = 0;
  lines.forEach((line, k) => {
    lineStarts[k] = at;
    lineEnds[k] = at + line.length;
    at += line.length + 1;
  });
  return { firstLineNumber, lineCount: lines.length, text: lines.join('\n'), lineStarts, lineEnds, bytesRead: 0 };
}

/** Parses a list of lines (e.g. a format's sample) into records, exactly as a file's lines would be. */
export function parseLines(lines: readonly string[], parse: LineParser): ParsedRecord[] {
  const packer = new RecordPacker(parse);
  return [packer.pack(lineBlockOf(lines)), packer.finish(0)].flatMap((batch) => (batch === null ? [] : recordsOf(batch)));
}

function recordsOf(batch: ParsedBatch): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  const stringOf = (id: number): string | null => (id === NULL_STRING_ID ? null : batch.strings[id]!);
  let fieldStart = 0;
  for (let i = 0; i < batch.recordCount; i++) {
    const messageEnd = batch.fieldEnds[i * FIELDS_PER_LINE]!;
    const attrsEnd = batch.fieldEnds[i * FIELDS_PER_LINE + 1]!;
    const message = batch.fields.slice(fieldStart, messageEnd);
    const endMs = batch.endMs[i]!;
    const result: ParsedEvent | string =
      batch.isEvent[i] === LINE_IS_EVENT
        ? {
            tsMs: batch.tsMs[i]!,
            tsSubNs: batch.tsSubNs[i]!,
            endMs: Number.isNaN(endMs) ? null : endMs,
            host: stringOf(batch.hostIds[i]!),
            service: stringOf(batch.serviceIds[i]!),
            level: LEVELS[batch.levelIds[i]!]!,
            kind: stringOf(batch.kindIds[i]!),
            message,
            attrsJson: batch.fields.slice(messageEnd, attrsEnd),
          }
        : message;
    records.push({ lineCount: batch.recordLineCounts[i]!, raw: batch.text.slice(batch.lineStarts[i], batch.lineEnds[i]), result });
    fieldStart = attrsEnd;
  }
  return records;
}

/** Accumulates the records of one batch in packed arrays. */
class BatchBuilder {
  private count = 0;
  private lines = 0;
  private readonly isEvent: Uint8Array;
  private readonly tsMs: Float64Array;
  private readonly tsSubNs: Int32Array;
  private readonly endMs: Float64Array;
  private readonly levelIds: Uint8Array;
  private readonly hostIds: Uint32Array;
  private readonly serviceIds: Uint32Array;
  private readonly kindIds: Uint32Array;
  private readonly recordLineCounts: Uint32Array;
  private readonly lineStarts: Uint32Array;
  private readonly lineEnds: Uint32Array;
  private readonly fieldEnds: Uint32Array;
  private readonly strings: string[] = [''];
  private readonly stringIds = new Map<string, number>();
  // NOTE: built with += (a rope, flattened once when cloned or first read): measured faster than join.
  private fields = '';

  constructor(
    capacity: number,
    /** The text every record's offsets point into. */
    readonly text: string,
  ) {
    this.isEvent = new Uint8Array(capacity);
    this.tsMs = new Float64Array(capacity);
    this.tsSubNs = new Int32Array(capacity);
    this.endMs = new Float64Array(capacity);
    this.levelIds = new Uint8Array(capacity);
    this.hostIds = new Uint32Array(capacity);
    this.serviceIds = new Uint32Array(capacity);
    this.kindIds = new Uint32Array(capacity);
    this.recordLineCounts = new Uint32Array(capacity);
    this.lineStarts = new Uint32Array(capacity);
    this.lineEnds = new Uint32Array(capacity);
    this.fieldEnds = new Uint32Array(capacity * FIELDS_PER_LINE);
  }

  addUnparsed(start: number, end: number, lineCount: number, reason: string): void {
    const i = this.place(start, end, lineCount);
    this.fields += reason;
    this.fieldEnds[i * FIELDS_PER_LINE] = this.fields.length;
    this.fieldEnds[i * FIELDS_PER_LINE + 1] = this.fields.length;
  }

  addEvent(start: number, end: number, lineCount: number, event: ParsedEvent, extraMessage: string): void {
    const i = this.place(start, end, lineCount);
    this.isEvent[i] = LINE_IS_EVENT;
    this.tsMs[i] = event.tsMs;
    this.tsSubNs[i] = event.tsSubNs;
    this.endMs[i] = event.endMs ?? NaN;
    this.levelIds[i] = LEVEL_IDS.get(event.level)!;
    this.hostIds[i] = this.idOf(event.host);
    this.serviceIds[i] = this.idOf(event.service);
    this.kindIds[i] = this.idOf(event.kind);
    const messageChars = event.message.length + extraMessage.length;
    if (messageChars > MESSAGE_MAX_CHARS || event.attrsJson.length > ATTRS_MAX_CHARS) {
      this.addCutFields(i, extraMessage.length > 0 ? event.message + extraMessage : event.message, event.attrsJson);
      return;
    }
    this.fields += event.message;
    if (extraMessage.length > 0) this.fields += extraMessage;
    this.fieldEnds[i * FIELDS_PER_LINE] = this.fields.length;
    this.fields += event.attrsJson;
    this.fieldEnds[i * FIELDS_PER_LINE + 1] = this.fields.length;
  }

  /** Adds record i's message and attrs cut to their caps, with the {@link TRUNCATED_ATTRIBUTE} flag saying what was cut. */
  private addCutFields(i: number, message: string, attrsJson: string): void {
    const cut: TruncatedFields = {};
    if (message.length > MESSAGE_MAX_CHARS) cut.message = message.length;
    if (attrsJson.length > ATTRS_MAX_CHARS) cut.attrs = attrsJson.length;
    this.fields += cut.message === undefined ? message : `${message.slice(0, MESSAGE_MAX_CHARS - 1)}…`;
    this.fieldEnds[i * FIELDS_PER_LINE] = this.fields.length;
    const flag = `"${TRUNCATED_ATTRIBUTE}":${JSON.stringify(cut)}`;
    // NOTE: attrs JSON is always an object; the flag goes in as its first key.
    const isEmptyObject = /^\{\s*\}$/.test(attrsJson);
    this.fields += cut.attrs !== undefined || isEmptyObject ? `{${flag}}` : `{${flag},${attrsJson.slice(attrsJson.indexOf('{') + 1)}`;
    this.fieldEnds[i * FIELDS_PER_LINE + 1] = this.fields.length;
  }

  /** The batch, or null when no record was added. */
  build(firstLineNumber: number, bytesRead: number): ParsedBatch | null {
    const n = this.count;
    if (n === 0) return null;
    return {
      firstLineNumber,
      lineCount: this.lines,
      recordCount: n,
      recordLineCounts: this.recordLineCounts.subarray(0, n),
      bytesRead,
      isEvent: this.isEvent.subarray(0, n),
      tsMs: this.tsMs.subarray(0, n),
      tsSubNs: this.tsSubNs.subarray(0, n),
      endMs: this.endMs.subarray(0, n),
      levelIds: this.levelIds.subarray(0, n),
      hostIds: this.hostIds.subarray(0, n),
      serviceIds: this.serviceIds.subarray(0, n),
      kindIds: this.kindIds.subarray(0, n),
      strings: this.strings,
      text: this.text,
      lineStarts: this.lineStarts.subarray(0, n),
      lineEnds: this.lineEnds.subarray(0, n),
      fields: this.fields,
      fieldEnds: this.fieldEnds.subarray(0, n * FIELDS_PER_LINE),
    };
  }

  private place(start: number, end: number, lineCount: number): number {
    const i = this.count++;
    this.lineStarts[i] = start;
    this.lineEnds[i] = end;
    this.recordLineCounts[i] = lineCount;
    this.lines += lineCount;
    return i;
  }

  private idOf(value: string | null): number {
    if (value === null) return NULL_STRING_ID;
    let id = this.stringIds.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.stringIds.set(value, id);
    }
    return id;
  }
}

function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  // Fast path: a line starting with a visible character is not blank.
  if (first > 32 && first !== 160) return false;
  return line.trim().length === 0;
}
