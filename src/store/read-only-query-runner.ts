/**
 * Runs a user's read-only query with a time limit: the query runs in a child Node process (see
 * ./read-only-query-child.ts) that is killed when the limit passes, and the caller gets one sentence
 * saying so. Used by `hindsight query`; an Electron SQL console would start the same child with
 * `utilityProcess.fork` (the RunAsNode fuse is off, so `child_process.fork` of the app binary is not).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiErrorData } from '../api/contract';
import { ApiError } from '../api/errors';
import { DEFAULT_MAX_ROWS, type QueryResult } from './read-only-query';

/** Default time limit of one query, in milliseconds. */
export const DEFAULT_QUERY_TIME_LIMIT_MS = 30_000;

/** Longest the child may take to start (load Node, tsx and better-sqlite3) before it counts as failed, in milliseconds. */
const START_LIMIT_MS = 60_000;

/** What the parent sends the child. */
export interface QueryRequest {
  incidentPath: string;
  sql: string;
  maxRows: number;
}

/** What the child sends back: `started` once the query begins, then a result or an error. */
export type FromQueryChild = { type: 'started' } | { type: 'result'; result: QueryResult } | { type: 'error'; error: ApiErrorData };

/** How to run one query. */
export interface TimedQueryOptions {
  maxRows?: number;
  /** Stop the query after this many milliseconds of running. */
  timeLimitMs?: number;
}

/** Runs one read-only statement with a time limit; rejects with an ApiError (`timeout` when it ran too long). */
export function runTimedReadOnlyQuery(incidentPath: string, sql: string, options: TimedQueryOptions = {}): Promise<QueryResult> {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_QUERY_TIME_LIMIT_MS;
  const request: QueryRequest = { incidentPath, sql, maxRows: options.maxRows ?? DEFAULT_MAX_ROWS };
  const child = startChild();
  return new Promise<QueryResult>((resolve, reject) => {
    let isSettled = false;
    let timer = setTimeout(() => fail(new ApiError('internal', 'The query process did not start; check that Node and better-sqlite3 work (`hindsight formats`) and try again.')), START_LIMIT_MS);
    const settle = (): boolean => {
      if (isSettled) return false;
      isSettled = true;
      clearTimeout(timer);
      return true;
    };
    const fail = (err: ApiError): void => {
      if (!settle()) return;
      child.kill('SIGKILL');
      reject(err);
    };
    child.on('message', (message: FromQueryChild) => {
      if (message.type === 'started') {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const seconds = Math.round(timeLimitMs / 100) / 10;
          fail(new ApiError('timeout', `The query ran longer than the ${seconds} s time limit and was stopped; add a LIMIT or a narrower WHERE clause, or raise --time-limit.`));
        }, timeLimitMs);
      } else if (message.type === 'result') {
        if (settle()) resolve(restoreBlobs(message.result));
      } else if (settle()) {
        reject(new ApiError(message.error.code, message.error.message));
      }
    });
    child.on('error', (err) => fail(new ApiError('internal', `The query process could not run (${err.message}); try again.`)));
    child.on('exit', (code, signal) => fail(new ApiError('internal', `The query process stopped before answering (${signal ?? `exit code ${code}`}); try again.`)));
    child.send(request);
  });
}

function startChild() {
  const bundled = join(__dirname, 'read-only-query-child.js');
  const stdio: ['ignore', 'ignore', 'inherit', 'ipc'] = ['ignore', 'ignore', 'inherit', 'ipc'];
  if (existsSync(bundled)) return fork(bundled, [], { stdio, serialization: 'advanced' });
  // NOTE: from source (CLI, tests) the child loads TypeScript through the same tsx launcher as bin/.
  const launcher = join(__dirname, '..', '..', 'bin', 'run-ts.mjs');
  return fork(launcher, [join(__dirname, 'read-only-query-child.ts')], { stdio, serialization: 'advanced' });
}

/** Blobs cross the IPC channel as Uint8Array; the CLI prints Buffers as hex, so they become Buffers again. */
function restoreBlobs(result: QueryResult): QueryResult {
  const rows = result.rows.map((row) => row.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value)));
  return { ...result, rows };
}
