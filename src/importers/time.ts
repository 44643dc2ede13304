/**
 * Timestamp parsing for the importers, written by hand because it runs once per input line.
 *
 * Accepted spellings:
 * - ISO 8601 / RFC 3339: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `T`, `t` or a space between date and
 *   time, any number of fraction digits (digits past nanoseconds are dropped), and `Z`, `±HH:MM`,
 *   `±HHMM` or `±HH`. NOTE: a time with no zone is taken as UTC; sources that log local time without
 *   a zone will appear shifted by their UTC offset. One space may precede the zone, and `UTC` / `GMT`
 *   mean `Z`.
 * - A bare date `YYYY-MM-DD` (midnight UTC, precision `day`).
 * - Epoch numbers, as JSON numbers or numeric strings, with an optional fraction. The unit comes from
 *   the magnitude of the integer part: below 1e11 seconds, below 1e14 milliseconds, below 1e17
 *   microseconds, else nanoseconds. Values below 1e8 (before March 1973) are refused as implausible,
 *   because small numbers in a time field are far more often counters than instants.
 */

/** How finely the source stated the time. */
export type TimePrecision = 'day' | 's' | 'ms' | 'us' | 'ns';

/** A parsed instant: UTC epoch milliseconds plus the nanoseconds past that millisecond (0..999999). */
export interface ParsedTime {
  tsMs: number;
  tsSubNs: number;
  precision: TimePrecision;
}

const MS_PER_DAY = 86_400_000;
const MIN_PLAUSIBLE_EPOCH_S = 1e8;

/** Parses a timestamp given as a string or a number; null when it is neither a known spelling nor plausible. */
export function parseTimestamp(value: unknown): ParsedTime | null {
  if (typeof value === 'string') return parseTimeString(value);
  if (typeof value === 'number') return parseEpochNumber(value);
  return null;
}

/** Parses an ISO 8601 / RFC 3339 string or a numeric epoch string. */
export function parseTimeString(text: string): ParsedTime | null {
  const length = text.length;
  if (length < 4) return null;
  if (length >= 10 && text.charCodeAt(4) === 45 /* - */) return parseIso(text);
  return parseEpochDigits(text);
}

/** Parses an epoch given as a JavaScript number (unit inferred from magnitude). */
export function parseEpochNumber(value: number): ParsedTime | null {
  if (!Number.isFinite(value) || value < 0) return null;
  if (Number.isInteger(value) && value <= Number.MAX_SAFE_INTEGER) return parseEpochDigits(String(value));
  const text = String(value);
  if (text.indexOf('e') === -1) return parseEpochDigits(text);
  // Beyond 2^53 the number cannot carry an exact instant; only nanosecond epochs get this large.
  if (value < 1e17) return null;
  const tsMs = Math.floor(value / 1e6);
  return { tsMs, tsSubNs: 0, precision: 'ms' };
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads `count` decimal digits at `at`; -1 if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

let cachedDayKey = '';
let cachedDayMs = 0;

function parseIso(text: string): ParsedTime | null {
  const length = text.length;
  const dayKey = text.slice(0, 10);
  let dayMs: number;
  if (dayKey === cachedDayKey) {
    dayMs = cachedDayMs;
  } else {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || text.charCodeAt(7) !== 45) return null;
    if (day > daysInMonth(year, month)) return null;
    dayMs = daysFromCivil(year, month, day) * MS_PER_DAY;
    cachedDayKey = dayKey;
    cachedDayMs = dayMs;
  }
  if (length === 10) return { tsMs: dayMs, tsSubNs: 0, precision: 'day' };
  const separator = text.charCodeAt(10);
  if (separator !== 84 /* T */ && separator !== 116 /* t */ && separator !== 32 /* space */) return null;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text.charCodeAt(13) !== 58 /* : */) return null;
  let at = 16;
  let second = 0;
  let fractionNs = 0;
  let fractionDigits = 0;
  if (text.charCodeAt(at) === 58) {
    second = digits(text, at + 1, 2);
    if (second < 0 || second > 60) return null;
    at += 3;
    const mark = text.charCodeAt(at);
    if (mark === 46 /* . */ || mark === 44 /* , */) {
      at++;
      const start = at;
      while (at < length) {
        const code = text.charCodeAt(at) - 48;
        if (code < 0 || code > 9) break;
        if (at - start < 9) fractionNs = fractionNs * 10 + code;
        at++;
      }
      fractionDigits = at - start;
      if (fractionDigits === 0) return null;
      for (let i = Math.min(fractionDigits, 9); i < 9; i++) fractionNs *= 10;
    }
  }
  let offsetMinutes = 0;
  if (at < length && text.charCodeAt(at) === 32) at++;
  if (at < length) {
    const zone = text.charCodeAt(at);
    if (zone === 90 /* Z */ || zone === 122 /* z */) {
      if (at + 1 !== length) return null;
    } else if (length - at === 3 && (text.endsWith('UTC') || text.endsWith('GMT'))) {
      offsetMinutes = 0;
    } else if (zone === 43 /* + */ || zone === 45 /* - */) {
      const offsetHours = digits(text, at + 1, 2);
      if (offsetHours < 0 || offsetHours > 23) return null;
      let offsetMins = 0;
      const rest = length - (at + 3);
      if (rest === 3 && text.charCodeAt(at + 3) === 58) offsetMins = digits(text, at + 4, 2);
      else if (rest === 2) offsetMins = digits(text, at + 3, 2);
      else if (rest !== 0) return null;
      if (offsetMins < 0 || offsetMins > 59) return null;
      offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMins);
    } else {
      return null;
    }
  }
  const fractionMs = Math.floor(fractionNs / 1_000_000);
  const tsMs = dayMs + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fractionMs;
  return { tsMs, tsSubNs: fractionNs - fractionMs * 1_000_000, precision: precisionOfFraction(fractionDigits, 's') };
}

const PRECISION_STEPS: readonly TimePrecision[] = ['s', 'ms', 'us', 'ns'];

/** The precision of a value in `unit` that carries `fractionDigits` digits after the point. */
function precisionOfFraction(fractionDigits: number, unit: TimePrecision): TimePrecision {
  const base = PRECISION_STEPS.indexOf(unit);
  const steps = Math.ceil(fractionDigits / 3);
  return PRECISION_STEPS[Math.min(base + steps, PRECISION_STEPS.length - 1)]!;
}

/** Parses `digits[.digits]` as an epoch whose unit follows from the integer part's length. */
function parseEpochDigits(text: string): ParsedTime | null {
  const length = text.length;
  let point = length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && point === length && i > 0) {
      point = i;
      continue;
    }
    if (code < 48 || code > 57) return null;
  }
  if (point === length - 1) return null;
  const integerText = text.slice(0, point);
  const integerDigits = integerText.length;
  if (integerDigits > 19) return null;
  const fractionText = point < length ? text.slice(point + 1) : '';
  if (integerDigits <= 11) {
    const seconds = Number(integerText);
    if (seconds < MIN_PLAUSIBLE_EPOCH_S) return null;
    const fractionNs = fractionToUnits(fractionText, 9);
    const fractionMs = Math.floor(fractionNs / 1_000_000);
    return { tsMs: seconds * 1000 + fractionMs, tsSubNs: fractionNs - fractionMs * 1_000_000, precision: precisionOfFraction(fractionText.length, 's') };
  }
  if (integerDigits <= 14) return fromMilliseconds(integerText, fractionText);
  if (integerDigits <= 17) {
    const tsMs = Number(integerText.slice(0, -3));
    const subNs = Number(integerText.slice(-3)) * 1000 + fractionToUnits(fractionText, 3);
    return { tsMs, tsSubNs: subNs, precision: precisionOfFraction(fractionText.length, 'us') };
  }
  const tsMs = Number(integerText.slice(0, -6));
  return { tsMs, tsSubNs: Number(integerText.slice(-6)), precision: 'ns' };
}

function fromMilliseconds(integerText: string, fractionText: string): ParsedTime {
  return { tsMs: Number(integerText), tsSubNs: fractionToUnits(fractionText, 6), precision: precisionOfFraction(fractionText.length, 'ms') };
}

/** The first `scale` digits of a fraction as an integer count of 10^-scale units (padded with zeros). */
function fractionToUnits(fractionText: string, scale: number): number {
  if (fractionText.length === 0) return 0;
  const kept = fractionText.length > scale ? fractionText.slice(0, scale) : fractionText.padEnd(scale, '0');
  return Number(kept);
}

/** Formats epoch ms as ISO 8601 UTC with milliseconds, e.g. for summaries; null stays null. */
export function formatIsoMs(tsMs: number | null): string | null {
  return tsMs === null ? null : new Date(tsMs).toISOString();
}
