/**
 * Prepared statements kept per connection and SQL text, for queries the HTTP shell and the UI run on
 * every playhead move (preparing one costs tens of microseconds each time). Only for statements used
 * one way: a statement switched to raw mode stays in raw mode for every caller of the same SQL.
 */
import type { Statement } from 'better-sqlite3';
import type { Database } from './sqlite';

/** Statements kept per connection at most; the cache starts over beyond it (SQL built from filters varies). */
const MAX_STATEMENTS = 256;

const caches = new WeakMap<Database, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared once and reused. */
export function cachedStatement(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}
