/**
 * Builds a format from a JSON field map: each line is one JSON object, and lists of candidate field
 * names (first match wins; dotted names reach into nested objects) say where the timestamp, level,
 * host, service, message and kind are. Every field not mapped to a column is kept in `attrs`.
 * NOTE: a nested object reached through a dotted name stays whole in `attrs`, so nothing is lost.
 */
import type { Level } from '../model/event';
import { defaultParserOptions, type FormatDefinition, type FormatSample, type LineParser, type ParsedEvent, type ParserOptions } from './format';
import { normaliseLevel } from './levels';
import { parseTimestamp, parseTimeString, type ParsedTime } from './time';
import { hasZone } from './time-text';
import { LocalClock } from './time-zones';

/** Candidate field names per column, in priority order. */
export interface JsonFieldMap {
  timestamp: readonly string[];
  level: readonly string[];
  host: readonly string[];
  service: readonly string[];
  message: readonly string[];
  kind: readonly string[];
}

/** A JSON-object-per-line format described as data. */
export interface JsonFieldFormatSpec {
  name: string;
  description: string;
  fields: JsonFieldMap;
  samples: readonly FormatSample[];
}

const ROLE_NAMES = ['timestamp', 'level', 'host', 'service', 'message', 'kind'] as const;
type RoleIndex = 0 | 1 | 2 | 3 | 4 | 5;
const TS = 0;
const LEVEL = 1;
const MESSAGE = 4;
const SNIFF_LINE_LIMIT = 50;
const SYNTHETIC_MESSAGE_MAX_CHARS = 200;

interface Candidate {
  role: RoleIndex;
  priority: number;
  name: string;
}

interface NestedCandidate extends Candidate {
  path: readonly string[];
}

/** Turns a field-map spec into a registered format definition. */
export function jsonFieldFormat(spec: JsonFieldFormatSpec): FormatDefinition {
  const createParser = (options?: ParserOptions): LineParser => createJsonFieldParser(spec.fields, options);
  return {
    name: spec.name,
    description: spec.description,
    samples: spec.samples,
    createParser,
    sniff(sampleLines) {
      const lines = sampleLines.slice(0, SNIFF_LINE_LIMIT);
      if (lines.length === 0) return 0;
      const parse = createParser();
      let eventCount = 0;
      for (const line of lines) if (typeof parse(line) !== 'string') eventCount++;
      return eventCount / lines.length;
    },
  };
}

interface KeyEntry {
  /** The candidate this key names literally (e.g. "log.level" as one key), if any. */
  literal: Candidate | null;
  /** Dotted candidates that start with this key (e.g. "log" for "log.level"). */
  nested: NestedCandidate[];
}

/** A parser for one source that reads JSON objects according to `fields`; times written without a zone are in `options.timeZone`. */
export function createJsonFieldParser(fields: JsonFieldMap, options: ParserOptions = defaultParserOptions()): LineParser {
  const clock = new LocalClock(options.timeZone);
  const entries = new Map<string, KeyEntry>();
  const entryOf = (key: string): KeyEntry => {
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = { literal: null, nested: [] };
      entries.set(key, entry);
    }
    return entry;
  };
  ROLE_NAMES.forEach((roleName, role) => {
    fields[roleName].forEach((name, priority) => {
      const candidate = { role: role as RoleIndex, priority, name };
      const literalEntry = entryOf(name);
      if (literalEntry.literal === null) literalEntry.literal = candidate;
      const path = name.split('.');
      if (path.length > 1) entryOf(path[0]!).nested.push({ ...candidate, path: path.slice(1) });
    });
  });
  const noTimestampReason = `no timestamp field found (looked for ${fields.timestamp.slice(0, 8).join(', ')}${fields.timestamp.length > 8 ? ', …' : ''})`;

  // Per-role winners of the current line; reset at the start of each line.
  const bestName: (string | null)[] = [null, null, null, null, null, null];
  const bestPriority: number[] = [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity];
  const bestValue: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  const bestIsLiteral: boolean[] = [false, false, false, false, false, false];

  const offer = (candidate: Candidate, value: unknown, isLiteral: boolean): void => {
    const role = candidate.role;
    if (candidate.priority >= bestPriority[role]! || !isUsable(role, value)) return;
    bestPriority[role] = candidate.priority;
    bestName[role] = candidate.name;
    bestValue[role] = value;
    bestIsLiteral[role] = isLiteral;
  };
  const resetBest = (): void => {
    for (let role = 0; role < 6; role++) {
      bestPriority[role] = Infinity;
      bestName[role] = null;
      bestValue[role] = undefined;
      bestIsLiteral[role] = false;
    }
  };
  const readTime = (value: unknown): ParsedTime | null => parseFieldTime(value, clock);
  /** The level of the line; an unrecognised level word is not consumed, so it stays in attrs and is not lost. */
  const readLevel = (): Level => {
    if (bestName[LEVEL] === null) return 'unknown';
    const level = normaliseLevel(bestValue[LEVEL]);
    if (level === 'unknown') bestIsLiteral[LEVEL] = false;
    return level;
  };
  const eventOf = (time: ParsedTime, level: Level, message: string, attrsJson: string): ParsedEvent => ({
    tsMs: time.tsMs,
    tsSubNs: time.tsSubNs,
    endMs: null,
    host: bestValue[2] === undefined ? null : String(bestValue[2]),
    service: bestValue[3] === undefined ? null : String(bestValue[3]),
    level,
    kind: bestValue[5] === undefined ? null : String(bestValue[5]),
    message,
    attrsJson,
  });

  const parseLine: LineParser = (line) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      return invalidJsonReason(line, err);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return `valid JSON but not an object (${describeJsonValue(parsed)}); each line must be one JSON object`;
    }
    const record = parsed as Record<string, unknown>;
    resetBest();
    let keyCount = 0;
    for (const key in record) {
      keyCount++;
      const entry = entries.get(key);
      if (entry === undefined) continue;
      const value = record[key];
      if (entry.literal !== null) offer(entry.literal, value, true);
      if (entry.nested.length > 0 && value !== null && typeof value === 'object') {
        for (const candidate of entry.nested) offer(candidate, valueAtPath(value, candidate.path), false);
      }
    }
    if (bestName[TS] === null) return noTimestampReason;
    let time = readTime(bestValue[TS]);
    if (time === null) {
      const fallback = findParsableTimestamp(record, fields.timestamp, bestName[TS]!);
      if (fallback === null) return `timestamp field "${bestName[TS]}" has value ${shortJson(bestValue[TS])}, which is not a recognisable time`;
      time = fallback.time;
      bestName[TS] = fallback.name;
      bestIsLiteral[TS] = fallback.isLiteral;
    }
    const level = readLevel();
    // NOTE: the parsed record is ours: mapped keys are set to undefined, which JSON.stringify omits,
    // so the record itself serialises as attrs without copying the other fields.
    let consumedCount = 0;
    for (let role = 0; role < 6; role++) {
      if (bestIsLiteral[role]) {
        record[bestName[role]!] = undefined;
        consumedCount++;
      }
    }
    const messageValue = bestValue[MESSAGE];
    const message = messageValue === undefined ? syntheticMessage(record) : String(messageValue);
    return eventOf(time, level, message, consumedCount === keyCount ? '{}' : JSON.stringify(record));
  };
  // NOTE: JSON.parse reads any depth, but JSON.stringify and the field walk recurse; a line nested
  // thousands deep would overflow the stack and abort the whole import, so it becomes an unparsed line.
  return (line) => {
    try {
      return parseLine(line);
    } catch (err) {
      if (err instanceof RangeError) return 'JSON nested too deeply to read (the stack ran out); the line is kept as text';
      throw err;
    }
  };

  function findParsableTimestamp(record: Record<string, unknown>, names: readonly string[], failed: string) {
    for (const name of names) {
      if (name === failed) continue;
      const isLiteral = Object.hasOwn(record, name);
      const value = isLiteral ? record[name] : valueAtPath(record, name.split('.'));
      const time = isUsable(TS, value) ? readTime(value) : null;
      if (time !== null) return { time, name, isLiteral };
    }
    return null;
  }
}

/**
 * A time field's instant: epoch numbers and strings, and ISO 8601 text; ISO text without a zone is a
 * wall-clock time in the source's zone.
 */
function parseFieldTime(value: unknown, clock: LocalClock): ParsedTime | null {
  if (typeof value !== 'string') return parseTimestamp(value);
  const time = parseTimeString(value);
  if (time === null || value.charCodeAt(4) !== 45 /* - */ || hasZone(value)) return time;
  return { ...time, tsMs: clock.naiveToUtcMs(time.tsMs) };
}

function isUsable(role: number, value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return role === TS || role === LEVEL || role === MESSAGE;
  return typeof value === 'boolean' && role === MESSAGE;
}

function valueAtPath(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** `invalid JSON: <parser message> at column N` (1-based), the column where the parser could tell it. */
function invalidJsonReason(line: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const position = /at position (\d+)/.exec(raw);
  const text = raw
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/, ".*is not valid JSON$/, '');
  if (position) return `invalid JSON: ${text} at column ${Number(position[1]) + 1}`;
  if (/end of JSON input/.test(text)) return `invalid JSON: ${text} at column ${line.length + 1}`;
  return `invalid JSON: ${text}`;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A `key=value …` rendering of the attributes (undefined ones skipped), for lines that carry no message field. */
function syntheticMessage(attrs: Record<string, unknown>): string {
  let message = '';
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined) continue;
    const part = `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    message = message.length === 0 ? part : `${message} ${part}`;
    if (message.length >= SYNTHETIC_MESSAGE_MAX_CHARS) return `${message.slice(0, SYNTHETIC_MESSAGE_MAX_CHARS - 1)}…`;
  }
  return message;
}
