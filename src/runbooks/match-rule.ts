/**
 * Match rules of a runbook's front matter: conditions on event fields and message patterns, combined
 * with `all`, `any` and `not`, plus an optional window relative to rollout events. Read from plain
 * YAML values here (with a path to the offending value on error); compiled to SQL in compile-sql.ts.
 */
import { LEVELS, type Level } from '../model/event';
import { splitPattern, unsafeRegexReason, type RulePattern } from './regex-safety';

/** A scalar an attribute is compared with (`json_extract(attrs, '$.key')`). */
export type AttrValue = string | number | boolean;

/** Conditions on one event; every field given must hold. Lists mean "any of". */
export interface LeafRule {
  type: 'leaf';
  /** Exact names, or globs with `*`, `?` and `[...]`. */
  host?: string[];
  service?: string[];
  kind?: string[];
  /** Source (file) names, exact or glob. */
  source?: string[];
  level?: Level[];
  /** Plain words: the message contains any of them, ignoring ASCII case. */
  message?: string[];
  /** Regular expressions: the message matches any of them. */
  regex?: RulePattern[];
  /** Attribute equality: each key must equal one of its values. */
  attrs?: Record<string, AttrValue[]>;
}

/** A match rule: a leaf or a combination. */
export type MatchRule = LeafRule | { type: 'all'; rules: MatchRule[] } | { type: 'any'; rules: MatchRule[] } | { type: 'not'; rule: MatchRule };

/** Where matches may fall: from the first event matching `after` (minus margin) to the first matching `until` after it (plus margin). */
export interface MatchWindow {
  after: MatchRule;
  until: MatchRule | null;
  marginMs: number;
}

/** A rule problem, with the YAML path of the value at fault (for its line number). */
export class RuleError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

const LEAF_KEYS = ['host', 'service', 'kind', 'source', 'level', 'message', 'regex', 'attrs'] as const;

/** Attribute names allowed in `attrs` (kept simple so they can be used as JSON paths). */
const ATTR_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Most conditions in one runbook's rule tree, to keep the compiled SQL small. */
const MAX_CONDITIONS = 200;

/** Parses a `match` value; throws {@link RuleError} with the path of the first problem. */
export function parseMatchRule(value: unknown, path: (string | number)[] = ['match']): MatchRule {
  const counter = { conditions: 0 };
  return parseRule(value, path, counter);
}

/** Parses a `window` value. */
export function parseMatchWindow(value: unknown, path: (string | number)[] = ['window']): MatchWindow {
  if (!isPlainObject(value)) throw new RuleError(path, 'window must be a mapping with "after" (and optionally "until" and "margin")');
  for (const key of Object.keys(value)) {
    if (!['after', 'until', 'margin'].includes(key)) throw new RuleError([...path, key], `unknown window key "${key}"; use after, until or margin`);
  }
  if (value.after === undefined) throw new RuleError(path, 'window needs "after": the rule of the event that opens it (e.g. kind: rollout.started)');
  const counter = { conditions: 0 };
  return {
    after: parseRule(value.after, [...path, 'after'], counter),
    until: value.until === undefined ? null : parseRule(value.until, [...path, 'until'], counter),
    marginMs: value.margin === undefined ? 0 : parseDurationMs(value.margin, [...path, 'margin']),
  };
}

/** Reads "90s", "15m", "2h", "500ms" (or a number of seconds) as milliseconds. */
export function parseDurationMs(value: unknown, path: (string | number)[]): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * 1000);
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(value.trim()) : null;
  if (match === null) throw new RuleError(path, `"${String(value)}" is not a duration; write it like 90s, 15m or 2h`);
  const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unitMs);
}

function parseRule(value: unknown, path: (string | number)[], counter: { conditions: number }): MatchRule {
  if (!isPlainObject(value)) throw new RuleError(path, 'a rule must be a mapping: all, any, not, or event fields such as kind, service, message');
  const keys = Object.keys(value);
  const combinator = keys.find((key) => key === 'all' || key === 'any' || key === 'not');
  if (combinator !== undefined) {
    if (keys.length > 1) throw new RuleError(path, `"${combinator}" must be the only key of its rule; nest the other conditions inside it`);
    const inner = value[combinator];
    if (combinator === 'not') return { type: 'not', rule: parseRule(inner, [...path, 'not'], counter) };
    if (!Array.isArray(inner) || inner.length === 0) throw new RuleError([...path, combinator], `"${combinator}" needs a list of one or more rules`);
    return { type: combinator, rules: inner.map((rule, index) => parseRule(rule, [...path, combinator, index], counter)) };
  }
  if (keys.length === 0) throw new RuleError(path, 'an empty rule would match every event; give at least one condition');
  const leaf: LeafRule = { type: 'leaf' };
  for (const key of keys) {
    const at = [...path, key];
    counter.conditions += 1;
    if (counter.conditions > MAX_CONDITIONS) throw new RuleError(at, `a runbook may have at most ${MAX_CONDITIONS} conditions`);
    switch (key) {
      case 'host':
      case 'service':
      case 'kind':
      case 'source':
      case 'message':
        leaf[key] = stringList(value[key], at);
        break;
      case 'level':
        leaf.level = stringList(value[key], at).map((level, index) => {
          if (!(LEVELS as readonly string[]).includes(level)) throw new RuleError([...at, index], `"${level}" is not a level; use one of ${LEVELS.join(', ')}`);
          return level as Level;
        });
        break;
      case 'regex':
        leaf.regex = stringList(value[key], at).map((written, index) => {
          const pattern = splitPattern(written);
          const reason = typeof pattern === 'string' ? pattern : unsafeRegexReason(pattern);
          if (reason !== null || typeof pattern === 'string') throw new RuleError([...at, index], `regex "${written}" is refused: ${reason ?? 'invalid'}`);
          return pattern;
        });
        break;
      case 'attrs':
        leaf.attrs = parseAttrs(value[key], at);
        break;
      default:
        throw new RuleError(at, `unknown rule key "${key}"; use all, any, not, ${LEAF_KEYS.join(', ')}`);
    }
  }
  return leaf;
}

function parseAttrs(value: unknown, path: (string | number)[]): Record<string, AttrValue[]> {
  if (!isPlainObject(value) || Object.keys(value).length === 0) throw new RuleError(path, 'attrs must be a mapping of attribute name to value (or list of values)');
  const attrs: Record<string, AttrValue[]> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!ATTR_KEY.test(key)) throw new RuleError([...path, key], `"${key}" is not a usable attribute name (letters, digits, _ . - only)`);
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0 || !values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      throw new RuleError([...path, key], `attribute "${key}" must be compared with a string, number or boolean, or a list of them`);
    }
    attrs[key] = values as AttrValue[];
  }
  return attrs;
}

function stringList(value: unknown, path: (string | number)[]): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new RuleError(path, 'the list is empty; give at least one value');
  return values.map((item, index) => {
    if (typeof item === 'number') return String(item);
    if (typeof item !== 'string' || item.length === 0) throw new RuleError(Array.isArray(value) ? [...path, index] : path, 'expected a non-empty string or a list of them');
    return item;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
