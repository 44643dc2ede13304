/**
 * The child process a user's query runs in (started by ./read-only-query-runner.ts), so that a
 * runaway query can be stopped by killing the process: SQLite gives better-sqlite3 no way to
 * interrupt a step, and a worker thread cannot be terminated while it is inside one.
 * Protocol over the IPC channel: receives one {@link QueryRequest}, answers `started`, then one result.
 */
import { toErrorData } from '../api/errors';
import { runReadOnlyQuery } from './read-only-query';
import type { FromQueryChild, QueryRequest } from './read-only-query-runner';

process.once('message', (request: QueryRequest) => {
  process.send?.({ type: 'started' } satisfies FromQueryChild);
  let answer: FromQueryChild;
  try {
    answer = { type: 'result', result: runReadOnlyQuery(request.incidentPath, request.sql, request.maxRows) };
  } catch (err) {
    answer = { type: 'error', error: toErrorData(err) };
  }
  process.send?.(answer, undefined, undefined, () => process.disconnect?.());
});
