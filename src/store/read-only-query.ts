/**
 * Runs a user's SQL against an incident on its own read-only connection. Only a single statement
 * that SQLite itself reports as read-only is run; anything else is refused with `read_only`.
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
    if (!statement.readonly || /^\s*(ATTACH|DETACH)\b/i.test(sql)) {
      throw new ApiError('read_only', 'The query would change the incident file, and hindsight query only reads; use a SELECT statement.');
    }
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
