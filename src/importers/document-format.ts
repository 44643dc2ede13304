/**
 * Builds a whole-document JSON format from a small spec: which elements of the document are events
 * and how each element maps to an event. The shared part here does the line accounting:
 * - each event carries the lines of its element and the element's JSON text as raw;
 * - lines outside every element (brackets, wrapper keys such as `"items": [`) are absorbed into the
 *   range of the element before them (the first element for the lines before it), so a `List` file
 *   has no unparsed lines; several elements on one line (a compact array) share that line;
 * - an element the format cannot read becomes one unparsed record over its lines;
 * - text that is not valid JSON (or YAML, for a spec that reads it with document-yaml.ts): the values
 *   before the error still count, and every line from the start of the broken value (or YAML document)
 *   to the end of the file is unparsed, with the error and its position;
 * - valid JSON with no events at all is one unparsed record over the whole file.
 */
import type { DocumentEvent, DocumentFormatDefinition, DocumentParse, DocumentSample, DocumentUnparsed, ParsedEvent, ReadRelatedFile } from './format';
import { readJsonValues, type JsonValueStream } from './document-json';

/** One element of the document that stands for one event, or the reason it cannot be read. */
export interface DocumentElement {
  /** An object or array from the document (its span gives the line range and raw text). */
  element: object;
  event: ParsedEvent | string;
}

/** What a format's extract step gets besides the values. */
export interface DocumentContext {
  fileName: string;
  readRelated: ReadRelatedFile;
  /** Span lookup, for formats that order or group elements by position. */
  values: JsonValueStream;
}

/** A JSON document format described by its sniff and its element mapping. */
export interface JsonDocumentSpec {
  name: string;
  description: string;
  /** Confidence 0..1 from the first lines of the file joined with `\n` (possibly a cut-off document). */
  sniffText(head: string): number;
  /** The events of the top-level values, in any order. */
  extract(values: readonly unknown[], context: DocumentContext): DocumentElement[];
  /** Reads the text into values with spans; JSON (document-json.ts) when absent. */
  readValues?(text: string): JsonValueStream;
  /** Said for a valid document in which {@link extract} found nothing. */
  noEventsReason: string;
  samples: readonly DocumentSample[];
}

/** Documents larger than this are not read whole; every line is unparsed with a reason that says so. */
export const DOCUMENT_MAX_BYTES = 256 << 20;

const noRelatedFiles: ReadRelatedFile = () => null;

/** Turns a spec into a registered document format. */
export function jsonDocumentFormat(spec: JsonDocumentSpec): DocumentFormatDefinition {
  const tooLarge = `a ${spec.name} document larger than ${DOCUMENT_MAX_BYTES >> 20} MiB is not read whole; split it into smaller files`;
  return {
    kind: 'document',
    name: spec.name,
    description: spec.description,
    samples: spec.samples,
    sniff: (sampleLines) => (sampleLines.length === 0 ? 0 : spec.sniffText(sampleLines.join('\n'))),
    createParser: () => () => tooLarge,
    parseDocument: (text, fileName, readRelated = noRelatedFiles) => parseJsonDocument(spec, text, fileName, readRelated),
  };
}

/** A record on its way out: an event or an unparsed element, with a line range that gaps may widen. */
interface Placed {
  lineStart: number;
  lineEnd: number;
  startOffset: number;
  event: DocumentEvent | null;
  unparsed: DocumentUnparsed | null;
}

function parseJsonDocument(spec: JsonDocumentSpec, text: string, fileName: string, readRelated: ReadRelatedFile): DocumentParse {
  const lines = lineTable(text);
  const lineCount = lines.starts.length;
  const stream = spec.readValues?.(text) ?? readJsonValues(text);
  const placed: Placed[] = [];
  for (const { element, event } of spec.extract(stream.values, { fileName, readRelated, values: stream })) {
    const span = stream.spanOf(element);
    if (span === undefined) continue;
    const lineStart = lines.lineOf(span.start);
    const lineEnd = lines.lineOf(Math.max(span.start, span.end - 1));
    const raw = text.slice(span.start, span.end);
    placed.push(
      typeof event === 'string'
        ? { lineStart, lineEnd, startOffset: span.start, event: null, unparsed: { lineStart, lineEnd, raw, reason: event } }
        : { lineStart, lineEnd, startOffset: span.start, event: { ...event, lineStart, lineEnd, raw }, unparsed: null },
    );
  }
  placed.sort((a, b) => a.startOffset - b.startOffset);
  const unparsed: DocumentUnparsed[] = [];
  // Lines from the value the syntax error broke to the end: unparsed one by one.
  let lastAccountedLine = lineCount;
  if (stream.error !== null) {
    let firstBroken = lines.lineOf(stream.error.valueStart);
    // A value that ends on the line where the broken one starts keeps that line; the broken value's first
    // part (a watch stream: `{…}{…broken`) then leads the raw text of the first unparsed line after it.
    const brokenStartsMidLine = placed.some((record) => record.lineEnd >= firstBroken);
    if (brokenStartsMidLine) firstBroken++;
    const reason = `invalid ${stream.syntax ?? 'JSON'}: ${stream.error.message} at line ${lines.lineOf(stream.error.offset)} column ${lines.columnOf(stream.error.offset)}`;
    for (let line = firstBroken; line <= lineCount; line++) {
      const raw = line === firstBroken && brokenStartsMidLine ? text.slice(stream.error.valueStart, lines.endOffset(line)) : lines.text(line);
      unparsed.push({ lineStart: line, lineEnd: line, raw, reason });
    }
    lastAccountedLine = firstBroken - 1;
  }
  if (placed.length === 0) {
    if (lastAccountedLine >= 1 && stream.values.length > 0) {
      unparsed.unshift({ lineStart: 1, lineEnd: lastAccountedLine, raw: text.slice(0, lines.endOffset(lastAccountedLine)), reason: spec.noEventsReason });
    } else {
      for (let line = lastAccountedLine; line >= 1; line--) unparsed.unshift({ lineStart: line, lineEnd: line, raw: lines.text(line), reason: 'blank line' });
    }
    return { events: [], unparsed, lineCount };
  }
  // Gaps between elements go to the element before them; lines before the first element go to it.
  placed[0]!.lineStart = 1;
  for (let i = 0; i < placed.length; i++) {
    const next = placed[i + 1];
    const current = placed[i]!;
    const gapEnd = next === undefined ? lastAccountedLine : next.lineStart - 1;
    if (gapEnd > current.lineEnd) current.lineEnd = gapEnd;
  }
  const events: DocumentEvent[] = [];
  for (const record of placed) {
    if (record.event !== null) events.push({ ...record.event, lineStart: record.lineStart, lineEnd: record.lineEnd });
    else unparsed.push({ ...record.unparsed!, lineStart: record.lineStart, lineEnd: record.lineEnd });
  }
  unparsed.sort((a, b) => a.lineStart - b.lineStart);
  return { events, unparsed, lineCount };
}

/** Line starts of a text (lines split on `\n`, a trailing `\r` left out of each line's text). */
function lineTable(text: string) {
  const starts: number[] = [0];
  for (let at = text.indexOf('\n'); at !== -1 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  if (text.length === 0) starts.length = 0;
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const endOffset = (line: number): number => {
    const next = line < starts.length ? starts[line]! - 1 : text.endsWith('\n') ? text.length - 1 : text.length;
    return next > starts[line - 1]! && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  };
  return {
    starts,
    lineOf,
    columnOf: (offset: number): number => offset - starts[lineOf(offset) - 1]! + 1,
    endOffset,
    text: (line: number): string => text.slice(starts[line - 1], endOffset(line)),
  };
}

/** A string field of an object, or undefined. */
export function stringField(record: unknown, ...path: string[]): string | undefined {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object without the given keys, as JSON text (the event's attrs). */
export function attrsWithout(record: Record<string, unknown>, omitted: readonly string[]): string {
  const attrs: Record<string, unknown> = {};
  for (const key in record) if (!omitted.includes(key)) attrs[key] = record[key];
  return JSON.stringify(attrs);
}
