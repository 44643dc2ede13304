/**
 * Timestamps as text logs write them, where time.ts (ISO 8601 and epochs) is not enough: month names,
 * years left out (RFC 3164 syslog, glog), naive local times (placed with the source's zone) and zone
 * abbreviations. Shared by the line-based text formats.
 */
import type { ParserOptions } from './format';
import { LocalClock, ZONE_ABBREVIATION_OFFSETS } from './time-zones';
import { parseTimeString, type ParsedTime } from './time';

/** Month abbreviations (any case) to 1..12. */
export const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** The month number of an English month name or abbreviation, or 0. */
export function monthNumber(name: string): number {
  return MONTH_NUMBERS[name.slice(0, 3).toLowerCase()] ?? 0;
}

const MS_PER_DAY = 86_400_000;

/**
 * Supplies the year for timestamps written without one, for one source.
 * The first timestamp gets `options.year` when given; otherwise the year of the file's modification
 * time (or now), minus one when that would put the timestamp more than a day after the file was last
 * written. After that the year rolls over when the month jumps back by more than six months (Dec → Jan);
 * smaller backward steps are out-of-order lines within the same year.
 */
export class YearTracker {
  private year: number | null = null;
  private lastMonth = 0;

  constructor(private readonly options: Pick<ParserOptions, 'year' | 'fileModifiedMs'>) {}

  /** The year of a timestamp on `month` (1..12) `day`, in file order. */
  yearFor(month: number, day: number): number {
    if (this.year === null) {
      this.year = this.options.year ?? this.inferFirstYear(month, day);
    } else if (month < this.lastMonth - 6) {
      this.year++;
    }
    this.lastMonth = month;
    return this.year;
  }

  private inferFirstYear(month: number, day: number): number {
    const referenceMs = this.options.fileModifiedMs ?? Date.now();
    const referenceYear = new Date(referenceMs).getUTCFullYear();
    const candidateMs = Date.UTC(referenceYear, month - 1, day);
    return candidateMs > referenceMs + MS_PER_DAY ? referenceYear - 1 : referenceYear;
  }
}

/** Reads the times of one source: naive times in the source's zone, abbreviations, year inference. */
export class SourceClock {
  readonly local: LocalClock;
  readonly years: YearTracker;

  constructor(options: ParserOptions) {
    this.local = new LocalClock(options.timeZone);
    this.years = new YearTracker(options);
  }

  /**
   * Parses an ISO-8601-like date-time (`YYYY-MM-DD[T ]HH:MM:SS[.,frac]`, optional zone); a time without
   * a zone is local to the source's zone. An optional trailing zone abbreviation (`UTC`, `PST`, …) after
   * a space is honoured. Null when the text is not such a time.
   */
  parseDateTime(text: string): ParsedTime | null {
    const space = text.lastIndexOf(' ');
    if (space > 16) {
      const offsetMinutes = ZONE_ABBREVIATION_OFFSETS[text.slice(space + 1).toUpperCase()];
      if (offsetMinutes !== undefined) {
        const naive = parseTimeString(text.slice(0, space));
        if (naive === null || hasZone(text.slice(0, space))) return null;
        return { ...naive, tsMs: naive.tsMs - offsetMinutes * 60_000 };
      }
    }
    const parsed = parseTimeString(text);
    if (parsed === null || hasZone(text)) return parsed;
    return { ...parsed, tsMs: this.local.naiveToUtcMs(parsed.tsMs) };
  }

  /** UTC ms of a local wall-clock time whose year may be missing (null: inferred from the file). */
  wallClock(year: number | null, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
    return this.local.toUtcMs(year ?? this.years.yearFor(month, day), month, day, hour, minute, second, ms);
  }
}

/** True when an ISO-like date-time text carries its own zone (Z, ±hh[:mm], UTC, GMT). */
export function hasZone(text: string): boolean {
  const length = text.length;
  if (length <= 16) return false;
  const last = text.charCodeAt(length - 1);
  if (last === 90 /* Z */ || last === 122 /* z */) return true;
  if (text.endsWith('UTC') || text.endsWith('GMT')) return true;
  for (let i = length - 1; i > 15 && i >= length - 6; i--) {
    const code = text.charCodeAt(i);
    if (code === 43 /* + */ || code === 45 /* - */) return true;
  }
  return false;
}

/**
 * Fraction digits (e.g. "978" or "123456") as ms plus the nanoseconds past it.
 * NOTE: digits past nanoseconds are dropped.
 */
export function fractionParts(digits: string): { ms: number; subNs: number } {
  if (digits.length === 0) return { ms: 0, subNs: 0 };
  const ns = Number(digits.length >= 9 ? digits.slice(0, 9) : digits.padEnd(9, '0'));
  const ms = Math.floor(ns / 1_000_000);
  return { ms, subNs: ns - ms * 1_000_000 };
}
