/**
 * The mined message patterns of one incident, as the detectors read them: per pattern its template,
 * spread, counts per minute, and per host its first occurrence and (for sparse patterns) the minutes it
 * occurred in, which is what periodic-job detection needs. Built by src/store/insight-patterns.ts.
 */
import { LEVELS, type Level } from '../model/event';

/** Width of the count buckets, in ms. */
export const PATTERN_BUCKET_MS = 60_000;

/** Per host, at most this many distinct minutes are kept; busier hosts keep none (the pattern is chatter there). */
export const MAX_HOST_MINUTES = 128;

/** One host's share of a pattern. */
export interface PatternHost {
  host: string;
  firstTsMs: number;
  firstEventId: number;
  eventCount: number;
  /** Sorted distinct epoch minutes (floor(ts / 60 000)) it occurred in, or null when there were too many. */
  minutes: Float64Array | null;
}

/** One mined pattern. */
export interface MinedPattern {
  id: number;
  template: string;
  level: Level;
  firstTsMs: number;
  lastTsMs: number;
  firstEventId: number;
  eventCount: number;
  hosts: PatternHost[];
  /** Events per epoch minute. */
  minuteCounts: Map<number, number>;
}

/** Every pattern of an incident. */
export interface PatternIndex {
  eventCount: number;
  patterns: MinedPattern[];
}

const SEVERITY: Record<Level, number> = { trace: 0, debug: 1, info: 2, notice: 3, unknown: 2, warn: 4, error: 5, fatal: 6 };

/** Rank of a level by severity (trace 0 … fatal 6). */
export function severityOf(level: Level): number {
  return SEVERITY[level] ?? 2;
}

/** The more severe of two levels. */
export function worseLevel(a: Level, b: Level): Level {
  return severityOf(b) > severityOf(a) ? b : a;
}

/** True when `value` is a level name. */
export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** The epoch minute of a time. */
export function minuteOf(tsMs: number): number {
  return Math.floor(tsMs / PATTERN_BUCKET_MS);
}
