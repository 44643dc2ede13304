/**
 * The shape every importer format has: formats are data (a sniff, a parser built from a declarative
 * definition, and real sample lines with the event each must produce), registered in registry.ts.
 */
import type { Level } from '../model/event';

/** What a format reads out of one input line. Times are UTC epoch ms plus sub-millisecond ns. */
export interface ParsedEvent {
  tsMs: number;
  /** Nanoseconds past `tsMs`, 0..999999. */
  tsSubNs: number;
  endMs: number | null;
  host: string | null;
  service: string | null;
  level: Level;
  kind: string | null;
  message: string;
  /** Every input field not mapped to a column, as JSON text (an object). */
  attrsJson: string;
}

/**
 * Reads one line. Returns the event, or a string: the reason the line could not be read
 * (it becomes an `unparsed` record). Parsers may keep state across the lines of one source.
 */
export type LineParser = (line: string) => ParsedEvent | string;

/** What a sample line must produce: some event fields (attrs compared whole when given), or an unparsed reason. */
export type SampleExpectation =
  | { event: Partial<Omit<ParsedEvent, 'attrsJson'>> & { attrs?: Record<string, unknown> } }
  | { unparsedReason: string };

/** A real input line and what the format must make of it; one parametrised test runs every sample. */
export interface FormatSample {
  /** Where the line comes from or what it shows. */
  description: string;
  line: string;
  expected: SampleExpectation;
}

/** One importable format. */
export interface FormatDefinition {
  /** Stable identifier, stored in `sources.format` and accepted by `--format`. */
  name: string;
  /** One line for `hindsight formats`. */
  description: string;
  /** Confidence 0..1 that the sample lines (blank lines removed) are this format. */
  sniff(sampleLines: readonly string[]): number;
  /** A fresh parser for one source. */
  createParser(): LineParser;
  samples: readonly FormatSample[];
}
