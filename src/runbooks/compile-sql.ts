/**
 * Compiles match rules to SQL boolean expressions over the `events` table, with positional
 * parameters, so every runbook is evaluated by SQLite in one scan of the events (see
 * src/store/runbook-links.ts) rather than event by event in JavaScript.
 * NOTE: every value from a runbook file reaches SQL as a bound parameter, never as SQL text.
 */
import { REGEXP_FUNCTION } from '../store/runbook-sql-functions';
import type { LeafRule, MatchRule, MatchWindow } from './match-rule';

/** A SQL expression and the parameters its `?` placeholders take, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const GLOB_CHARS = /[*?[]/;

/** Compiles a rule to an expression over the columns of `events`. */
export function compileRule(rule: MatchRule): SqlFragment {
  switch (rule.type) {
    case 'all':
    case 'any': {
      const parts = rule.rules.map(compileRule);
      return join(parts, rule.type === 'all' ? ' AND ' : ' OR ');
    }
    case 'not': {
      const inner = compileRule(rule.rule);
      return { sql: `NOT (${inner.sql})`, params: inner.params };
    }
    case 'leaf':
      return compileLeaf(rule);
  }
}

/**
 * Compiles `rule` restricted to its window: events between the first match of `after` (minus the
 * margin) and the first match of `until` at or after it (plus the margin). No `after` event, no match.
 */
export function compileWithWindow(rule: MatchRule, window: MatchWindow | null): SqlFragment {
  const base = compileRule(rule);
  if (window === null) return base;
  const after = compileRule(window.after);
  const start = `(SELECT MIN(ts_ms) FROM events WHERE ${after.sql})`;
  const parts: SqlFragment[] = [base, { sql: `ts_ms >= ${start} - ?`, params: [...after.params, window.marginMs] }];
  if (window.until !== null) {
    const until = compileRule(window.until);
    parts.push({
      sql: `ts_ms <= COALESCE((SELECT MIN(ts_ms) FROM events WHERE ts_ms >= ${start} AND (${until.sql})) + ?, ${Number.MAX_SAFE_INTEGER})`,
      params: [...after.params, ...until.params, window.marginMs],
    });
  }
  return join(parts, ' AND ');
}

function compileLeaf(leaf: LeafRule): SqlFragment {
  // Cheap column tests first: SQLite stops at the first false term of an AND.
  const parts: SqlFragment[] = [];
  if (leaf.level) parts.push({ sql: `level IN (${placeholders(leaf.level.length)})`, params: leaf.level });
  if (leaf.kind) parts.push(nameMatch('kind', leaf.kind));
  if (leaf.service) parts.push(nameMatch('service', leaf.service));
  if (leaf.host) parts.push(nameMatch('host', leaf.host));
  if (leaf.source) {
    const inner = nameMatch('name', leaf.source);
    parts.push({ sql: `source_id IN (SELECT id FROM sources WHERE ${inner.sql})`, params: inner.params });
  }
  if (leaf.attrs) {
    for (const [key, values] of Object.entries(leaf.attrs)) {
      const bound = values.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
      parts.push({ sql: `json_extract(attrs, ?) IN (${placeholders(bound.length)})`, params: [`$."${key}"`, ...bound] });
    }
  }
  if (leaf.message) {
    parts.push(
      join(
        leaf.message.map((words) => ({ sql: `message LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(words)}%`] })),
        ' OR ',
      ),
    );
  }
  if (leaf.regex) {
    parts.push(
      join(
        leaf.regex.map((pattern) => ({ sql: `${REGEXP_FUNCTION}(?, ?, message)`, params: [pattern.source, pattern.flags] })),
        ' OR ',
      ),
    );
  }
  return join(parts, ' AND ');
}

function nameMatch(column: string, values: string[]): SqlFragment {
  const exact = values.filter((value) => !GLOB_CHARS.test(value));
  const globs = values.filter((value) => GLOB_CHARS.test(value));
  const parts: SqlFragment[] = [];
  if (exact.length > 0) parts.push({ sql: `${column} IN (${placeholders(exact.length)})`, params: exact });
  for (const glob of globs) parts.push({ sql: `${column} GLOB ?`, params: [glob] });
  return join(parts, ' OR ');
}

function join(parts: SqlFragment[], operator: string): SqlFragment {
  if (parts.length === 1) return parts[0]!;
  return { sql: parts.map((part) => `(${part.sql})`).join(operator), params: parts.flatMap((part) => part.params) };
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
