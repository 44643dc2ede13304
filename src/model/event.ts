/**
 * The event model shared by the core, the API and the renderer.
 * All times are integer milliseconds since the Unix epoch, UTC, unless a name says otherwise.
 */

/** Severity levels, lowest first. `unknown` is for sources that carry no level. */
export const LEVELS = ['trace', 'debug', 'info', 'notice', 'warn', 'error', 'fatal', 'unknown'] as const;

/** One of {@link LEVELS}. */
export type Level = (typeof LEVELS)[number];

/** The three density bands the timeline draws: errors (error, fatal), warnings, and everything else. */
export const DENSITY_BANDS = ['error', 'warn', 'other'] as const;

/** One of {@link DENSITY_BANDS}. */
export type DensityBand = (typeof DENSITY_BANDS)[number];

/** Maps a level to the density band it is counted in. */
export function densityBandOf(level: Level): DensityBand {
  if (level === 'error' || level === 'fatal') return 'error';
  if (level === 'warn') return 'warn';
  return 'other';
}

/**
 * An event as an importer reads it, before it is stored: what a format makes of its input and what
 * the store writes. Times are UTC epoch ms plus sub-millisecond nanoseconds.
 */
export interface NewEvent {
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
 * The attribute that flags an event whose message or attrs the importer cut (its raw text keeps
 * everything); its value is a {@link TruncatedFields}.
 */
export const TRUNCATED_ATTRIBUTE = 'hindsight_truncated';

/** What was cut from an event, each as the original length in characters. */
export interface TruncatedFields {
  message?: number;
  attrs?: number;
}

/** A row of the event list: enough to draw one line, without the raw text. */
export interface EventSummary extends Omit<NewEvent, 'attrsJson'> {
  id: number;
  sourceId: number;
}

/** One event with everything the incident file holds about it. */
export interface EventDetail extends EventSummary {
  /** Every input field that was not mapped to a column, as parsed JSON. */
  attrs: Record<string, unknown>;
  /** First and last input line (1-based, inclusive) in the source file. */
  lineStart: number;
  lineEnd: number;
  /** The exact input text the event came from. */
  raw: string;
  sourceName: string;
}

/** An input line that no format could read, kept with the reason. */
export interface UnparsedLine {
  id: number;
  sourceId: number;
  lineStart: number;
  lineEnd: number;
  raw: string;
  reason: string;
  /** Time of the nearest preceding event of the same source, so the line can be placed in context; null if none. */
  contextTsMs: number | null;
}
