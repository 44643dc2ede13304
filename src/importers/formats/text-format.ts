/**
 * Builds a line-based text format from a reader: a function that reads one line into an event, or
 * returns null when the line is not in the format's shape. Lines that do not match after the first
 * event are continuations of the event before them (stack traces, indented lines, a message that
 * spilled onto the next line), so a multi-line entry becomes one event; a mismatch before any event
 * is unparsed with the format's reason. Sniffing is the share of lines the reader accepts, leaving
 * out lines that look like continuations.
 */
import { LEVEL_WORDS } from '../levels';
import type { Level } from '../../model/event';
import { CONTINUATION, type LineFormatDefinition, type FormatSample, type LineParser, type ParsedEvent, type ParserOptions } from '../format';

/** Reads one line of a text format; null when the line is not in its shape. */
export type TextLineReader = (line: string) => ParsedEvent | string | null;

/** A line-based text format described by its reader. */
export interface TextFormatSpec {
  name: string;
  description: string;
  /** A fresh reader for one source. */
  createReader(options: ParserOptions): TextLineReader;
  /** The reason for a line that is not in the format's shape and has no event before it. */
  mismatchReason: string;
  /** Multiplies the sniff confidence; below 1 for formats that should lose ties (the fallback). */
  sniffWeight?: number;
  samples: readonly FormatSample[];
}

const SNIFF_LINE_LIMIT = 50;

/** Options used for sniffing, where nothing is known about the source yet. */
const SNIFF_OPTIONS: ParserOptions = { timeZone: 'UTC', year: 2000, fileModifiedMs: null };

/** True for a line that reads as the continuation of the one before (indented, a stack frame, `...`). */
export function looksLikeContinuation(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first === 32 || first === 9) return true;
  return line.startsWith('at ') || line.startsWith('Caused by:') || line.startsWith('...') || line.startsWith('Traceback ');
}

/** Turns a text-format spec into a registered format definition. */
export function textFormat(spec: TextFormatSpec): LineFormatDefinition {
  const createParser = (options: ParserOptions = SNIFF_OPTIONS): LineParser => {
    const read = spec.createReader(options);
    let hasEvent = false;
    return (line) => {
      const result = read(line);
      if (result !== null) {
        if (typeof result !== 'string') hasEvent = true;
        return result;
      }
      return hasEvent ? CONTINUATION : spec.mismatchReason;
    };
  };
  return {
    name: spec.name,
    description: spec.description,
    samples: spec.samples,
    createParser,
    sniff(sampleLines) {
      const lines = sampleLines.filter((line) => !looksLikeContinuation(line)).slice(0, SNIFF_LINE_LIMIT);
      if (lines.length === 0) return 0;
      const read = spec.createReader(SNIFF_OPTIONS);
      let eventCount = 0;
      for (const line of lines) if (read(line) !== null) eventCount++;
      return (eventCount / lines.length) * (spec.sniffWeight ?? 1);
    },
  };
}

const LEVEL_TOKEN = /^[[<(]?([A-Za-z]{3,11})[\]>):]?$/;

/**
 * The level named by one of the first `maxWords` words of `text` (e.g. "ERROR", "[warn]", "<Info>"),
 * or 'unknown'. Single letters and lower-case prose words are not taken as levels.
 */
export function levelWordIn(text: string, maxWords = 3): Level {
  let start = 0;
  for (let k = 0; k < maxWords && start < text.length; k++) {
    let end = text.indexOf(' ', start);
    if (end === -1) end = text.length;
    const match = LEVEL_TOKEN.exec(text.slice(start, end));
    if (match) {
      const word = match[1]!;
      const level = LEVEL_WORDS[word.toLowerCase()];
      const isShouted = word === word.toUpperCase() || text.charCodeAt(start) === 91 /* [ */ || text.charCodeAt(start) === 60 /* < */;
      if (level !== undefined && isShouted) return level;
    }
    start = end + 1;
    while (text.charCodeAt(start) === 32) start++;
  }
  return 'unknown';
}

/** JSON text of an attrs object, leaving out null and empty values. */
export function attrsJsonOf(attrs: Record<string, unknown>): string {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== null && value !== undefined && value !== '') kept[key] = value;
  return JSON.stringify(kept);
}
