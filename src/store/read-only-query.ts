/**
 * Runs a user's SQL against an incident on its own read-only connection. better-sqlite3 has no
 * authorizer (sqlite3_set_authorizer) and no progress handler, so the same guarantees are layered:
 * 1. the statement's kind is checked before it is prepared — only SELECT, WITH, VALUES, EXPLAIN and a
 *    list of reading PRAGMAs (never with `=` or a value) pass, so ATTACH, DETACH and state-changing
 *    pragmas are refused by name;
 * 2. SQLite's own `sqlite3_stmt_readonly` (`statement.readonly`) must say the statement does not write;
 * 3. the connection is opened SQLITE_OPEN_READONLY and has `PRAGMA query_only = ON`, so even a
 *    statement that slipped past 1 and 2 cannot change the file.
 * The time limit lives in ./read-only-query-runner.ts: a runaway query is stopped by killing the child
 * process it runs in (a worker thread cannot be stopped while SQLite is inside one step).
 */
import { ApiError } from '../api/errors';
import { IncidentDb } from './incident-db';

/** The answer to a query: column names and rows (values as SQLite returns them), capped at `maxRows`. */
export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  /** True when the query had more rows than `maxRows`; only the first `maxRows` are returned. */
  isTruncated: boolean;
  maxRows: number;
}

/** Default cap on returned rows. */
export const DEFAULT_MAX_ROWS = 1000;

/** Runs one read-only SQL statement on the incident at `incidentPath`. */
export function runReadOnlyQuery(incidentPath: string, sql: string, maxRows = DEFAULT_MAX_ROWS): QueryResult {
  const incident = IncidentDb.open(incidentPath, { readOnly: true });
  try {
    const db = incident.db;
    db.pragma('query_only = ON');
    let statement;
    try {
      statement = db.prepare(sql);
    } catch (err) {
      const message = (err as Error).message;
      if (/more than one statement/i.test(message)) {
        throw new ApiError('invalid_argument', 'The query holds more than one SQL statement; run one statement at a time.');
      }
      throw new ApiError('invalid_argument', `The query is not valid SQL (${message}); check it against docs/schema.md.`);
    }
    refuseUnlessReading(sql);
    if (!statement.readonly) throw refusal();
    if (!statement.reader) return { columns: [], rows: [], isTruncated: false, maxRows };
    const columns = statement.columns().map((c) => c.name);
    const rows: unknown[][] = [];
    let isTruncated = false;
    try {
      for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
        if (rows.length === maxRows) {
          isTruncated = true;
          break;
        }
        rows.push(row);
      }
    } catch (err) {
      throw new ApiError('invalid_argument', `The query failed while running (${(err as Error).message}); check it against docs/schema.md.`);
    }
    return { columns, rows, isTruncated, maxRows };
  } finally {
    incident.close();
  }
}

/**
 * PRAGMAs a query may run, in their reading form only (`PRAGMA name` or `PRAGMA name(object)`).
 * NOTE: for pragmas outside {@link OBJECT_PRAGMAS}, `PRAGMA name(value)` is a write, so those take no argument.
 */
const READING_PRAGMAS = new Set([
  'application_id',
  'collation_list',
  'compile_options',
  'database_list',
  'encoding',
  'freelist_count',
  'function_list',
  'module_list',
  'page_count',
  'page_size',
  'pragma_list',
  'schema_version',
  'table_list',
  'user_version',
]);

/** PRAGMAs whose argument names a table or index (or a row limit), so they read with one. */
const OBJECT_PRAGMAS = new Set([
  'foreign_key_check',
  'foreign_key_list',
  'index_info',
  'index_list',
  'index_xinfo',
  'integrity_check',
  'quick_check',
  'table_info',
  'table_xinfo',
]);

/** Statement keywords that read. */
const READING_KEYWORDS = new Set(['SELECT', 'WITH', 'VALUES']);

function refusal(what = 'The query would change the incident file or the connection'): ApiError {
  return new ApiError('read_only', `${what}, and hindsight query only reads; use a SELECT statement.`);
}

/** Drops leading whitespace and SQL comments (`-- line` and `/* block *\/`). */
function withoutLeadingComments(sql: string): string {
  let rest = sql;
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      rest = end < 0 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      rest = end < 0 ? '' : trimmed.slice(end + 2);
    } else {
      return trimmed;
    }
  }
}

/**
 * Throws `read_only` unless `sql` is a reading statement: SELECT, WITH, VALUES, EXPLAIN of one of
 * those, or a PRAGMA in its reading form from the lists above. Anything else — writes, ATTACH, DETACH,
 * BEGIN, VACUUM, a pragma with a value — is refused before it is prepared.
 */
export function refuseUnlessReading(sql: string): void {
  const statement = withoutLeadingComments(sql);
  const keyword = /^[A-Za-z]+/.exec(statement)?.[0].toUpperCase() ?? '';
  if (READING_KEYWORDS.has(keyword)) return;
  if (keyword === 'EXPLAIN') {
    const explained = statement.replace(/^EXPLAIN\s+(QUERY\s+PLAN\s+)?/i, '');
    if (explained === statement) throw refusal();
    refuseUnlessReading(explained);
    return;
  }
  if (keyword === 'PRAGMA') {
    const match = /^PRAGMA\s+(?:main\s*\.\s*)?([A-Za-z_]+)\s*(\(\s*[A-Za-z0-9_"'\s]*\))?\s*;?\s*$/i.exec(statement);
    const name = match?.[1]?.toLowerCase() ?? '';
    const hasArgument = match?.[2] !== undefined;
    if (match && (hasArgument ? OBJECT_PRAGMAS.has(name) : READING_PRAGMAS.has(name) || OBJECT_PRAGMAS.has(name))) return;
    throw refusal('That PRAGMA could change the incident file or the connection, or is not one hindsight query allows');
  }
  if (keyword === 'ATTACH' || keyword === 'DETACH') throw refusal(`${keyword} would open another database file`);
  throw refusal();
}
