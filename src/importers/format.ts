/**
 * The shape every importer format has: formats are data (a sniff, a parser built from a declarative
 * definition, and real sample lines with the event each must produce), registered in registry.ts.
 */
import type { NewEvent } from '../model/event';

/** What a format reads out of one input line (the model's {@link NewEvent}). */
export type ParsedEvent = NewEvent;

/**
 * Returned by a parser for a line that belongs to the record before it (a stack trace frame, an
 * indented continuation, a line without a timestamp in a timestamped-text format): the previous
 * event's line range and raw text grow to cover it, and the line is appended to its message.
 */
export const CONTINUATION = Symbol('continuation');

/**
 * Returned by a parser for a line that starts a record it cannot read until later lines arrive (a CSV
 * record with a quoted newline): the line joins the record the next non-continuation result closes.
 */
export const JOINS_NEXT = Symbol('joins-next');

/** The markers a parser may return instead of an event or a reason. */
export type LineJoin = typeof CONTINUATION | typeof JOINS_NEXT;

/**
 * Reads one line. Returns the event; or a string: the reason the line could not be read (it becomes
 * an `unparsed` record); or a {@link LineJoin} marker for a line that is part of a multi-line record.
 * Parsers may keep state across the lines of one source.
 */
export type LineParser = (line: string) => ParsedEvent | string | LineJoin;

/** What a parser may need to know about the source besides its lines. */
export interface ParserOptions {
  /** IANA zone for times written without a zone (e.g. "Europe/Berlin"). */
  timeZone: string;
  /** Year for timestamps written without one (RFC 3164 syslog, glog); null to infer from `fileModifiedMs`. */
  year: number | null;
  /** The file's modification time (epoch ms), the latest plausible time of a year-less timestamp; null when unknown. */
  fileModifiedMs: number | null;
}

/** What a sample line must produce: some event fields (attrs compared whole when given), or an unparsed reason. */
export type SampleExpectation =
  | { event: Partial<Omit<ParsedEvent, 'attrsJson'>> & { attrs?: Record<string, unknown> } }
  | { unparsedReason: string };

/** A real input line and what the format must make of it; one parametrised test runs every sample. */
export interface FormatSample {
  /** Where the line comes from or what it shows. */
  description: string;
  /** One input line, or several joined with `\n` that must make exactly one record. */
  line: string;
  /** Parser options for this sample (defaults: zone UTC, year 2024, no file time). */
  options?: Partial<ParserOptions>;
  expected: SampleExpectation;
}

/** One importable format read line by line. */
export interface LineFormatDefinition {
  /** Absent or 'line': the file is streamed line by line through {@link createParser}. */
  kind?: 'line';
  /** Stable identifier, stored in `sources.format` and accepted by `--format`. */
  name: string;
  /** One line for `hindsight formats`. */
  description: string;
  /** Confidence 0..1 that the sample lines (blank lines removed) are this format. */
  sniff(sampleLines: readonly string[]): number;
  /** A fresh parser for one source; options default as in {@link defaultParserOptions}. */
  createParser(options?: ParserOptions): LineParser;
  samples: readonly FormatSample[];
}

/** The zone this machine's clock is set to (IANA name), the default for times written without a zone. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Options for a source nothing is known about: the machine's zone, year inferred from the current date. */
export function defaultParserOptions(): ParserOptions {
  return { timeZone: machineTimeZone(), year: null, fileModifiedMs: null };
}

/** One event read out of a whole document, with the lines (1-based, inclusive) and the text it came from. */
export interface DocumentEvent extends ParsedEvent {
  lineStart: number;
  lineEnd: number;
  /** The element's own text (e.g. the JSON of one array element). */
  raw: string;
}

/** Lines of a document that became no event, with the reason. */
export interface DocumentUnparsed {
  lineStart: number;
  lineEnd: number;
  raw: string;
  reason: string;
}

/**
 * A whole document read at once. Every line of the document lies in some event's range or in exactly
 * one unparsed record; several events may share a line (e.g. a compact one-line JSON array).
 */
export interface DocumentParse {
  events: DocumentEvent[];
  unparsed: DocumentUnparsed[];
  lineCount: number;
}

/** Reads a file that sits beside the document (a path relative to the document's folder), or null. */
export type ReadRelatedFile = (relativePath: string) => string | null;

/** A sample document and the events (in document order) and unparsed records it must produce. */
export interface DocumentSample {
  description: string;
  /** The file name the document is read as (some formats take a channel name from it). */
  fileName?: string;
  document: string;
  expected: {
    events: readonly (Partial<Omit<DocumentEvent, 'attrsJson' | 'raw'>> & { attrs?: Record<string, unknown> })[];
    unparsed?: readonly Partial<DocumentUnparsed>[];
  };
}

/** One importable format read as a whole document (a JSON document spanning many lines, …). */
export interface DocumentFormatDefinition {
  kind: 'document';
  /** Stable identifier, stored in `sources.format` and accepted by `--format`. */
  name: string;
  /** One line for `hindsight formats`. */
  description: string;
  /** Confidence 0..1 that the first lines of a file (blank lines removed) are this format. */
  sniff(sampleLines: readonly string[]): number;
  /** Reads the whole document; `fileName` is its name as imported (relative to the imported folder). */
  parseDocument(text: string, fileName: string, readRelated?: ReadRelatedFile): DocumentParse;
  /** A line parser for when the document is too large to read whole: it says so for every line. */
  createParser(): LineParser;
  samples: readonly DocumentSample[];
}

/** One importable format: line by line, or a whole document. */
export type FormatDefinition = LineFormatDefinition | DocumentFormatDefinition;
