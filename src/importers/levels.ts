/**
 * Normalises the many spellings of a severity to the model's {@link Level}.
 * Shared by every format so "WARNING", "warn" and syslog 4 mean the same thing everywhere.
 */
import type { Level } from '../model/event';

/** Level words as sources write them (lower case), mapped to the model's levels. */
export const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  trace: 'trace', finest: 'trace', finer: 'trace', verbose: 'trace', v: 'trace',
  debug: 'debug', dbg: 'debug', fine: 'debug', config: 'debug', d: 'debug',
  info: 'info', information: 'info', informational: 'info', i: 'info',
  notice: 'notice', n: 'notice',
  warn: 'warn', warning: 'warn', w: 'warn',
  error: 'error', err: 'error', e: 'error', severe: 'error',
  fatal: 'fatal', critical: 'fatal', crit: 'fatal', emerg: 'fatal', emergency: 'fatal', alert: 'fatal',
  panic: 'fatal', dpanic: 'fatal', f: 'fatal',
};

/** Syslog severities 0..7 (RFC 5424), as used by journald's PRIORITY. */
export const SYSLOG_SEVERITY_LEVELS: readonly Level[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'notice', 'info', 'debug'];

const cache = new Map<string, Level>();

/**
 * Maps a level value to a Level: words (any case, trailing digits ignored so DEBUG3 is debug),
 * syslog numbers 0..7 (as numbers or digit strings), and bunyan/pino numbers 10..60.
 * Returns 'unknown' for anything else.
 */
export function normaliseLevel(value: unknown): Level {
  if (typeof value === 'number') return levelOfNumber(value);
  if (typeof value !== 'string') return 'unknown';
  const known = cache.get(value);
  if (known !== undefined) return known;
  const level = levelOfText(value);
  if (cache.size < 1000) cache.set(value, level);
  return level;
}

function levelOfText(text: string): Level {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return levelOfNumber(Number(trimmed));
  const word = trimmed.toLowerCase().replace(/\d+$/, '');
  return LEVEL_WORDS[word] ?? 'unknown';
}

function levelOfNumber(value: number): Level {
  if (!Number.isInteger(value) || value < 0) return 'unknown';
  if (value <= 7) return SYSLOG_SEVERITY_LEVELS[value]!;
  if (value < 10 || value > 100) return 'unknown';
  if (value <= 10) return 'trace';
  if (value <= 20) return 'debug';
  if (value <= 30) return 'info';
  if (value <= 40) return 'warn';
  if (value <= 50) return 'error';
  return 'fatal';
}
