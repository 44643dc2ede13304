/** The one error type that crosses the API boundary as `{ code, message }`. */
import type { ApiErrorCode, ApiErrorData } from './contract';

/** An error meant for the user: `message` is one sentence that says what happened and what to do. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The serialisable form sent over IPC and HTTP. */
  toData(): ApiErrorData {
    return { code: this.code, message: this.message };
  }
}

/**
 * What the disk said, for SQLite's result codes a user can act on (better-sqlite3 puts them on `code`):
 * a full disk, a file or disk that cannot be written, and a file that is damaged.
 */
const STORAGE_ERRORS: readonly { prefix: string; error: ApiErrorData }[] = [
  { prefix: 'SQLITE_FULL', error: { code: 'io_error', message: 'The disk is full, so this change was not saved (everything saved before is intact); free some space and try again.' } },
  { prefix: 'SQLITE_READONLY', error: { code: 'read_only', message: 'The incident file cannot be written (the file or its disk is read-only), so this change was not saved; copy the incident somewhere writable and open the copy.' } },
  { prefix: 'SQLITE_IOERR', error: { code: 'io_error', message: 'The disk reported an error while Hindsight was writing, so this change was not saved; check the disk and try again.' } },
  {
    prefix: 'SQLITE_CANTOPEN',
    error: { code: 'io_error', message: 'SQLite could not open the incident file or the -wal and -shm files it keeps beside it (for example on a read-only disk); copy the incident to a folder you can write to and open the copy.' },
  },
  { prefix: 'SQLITE_CORRUPT', error: { code: 'not_an_incident', message: 'The incident file is damaged; restore it from a backup or re-import the logs into a new incident.' } },
];

/** Turns anything thrown into error data; unknown errors become `internal` without a stack trace. */
export function toErrorData(err: unknown): ApiErrorData {
  if (err instanceof ApiError) return err.toData();
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string') {
    const known = STORAGE_ERRORS.find((entry) => sqliteCode.startsWith(entry.prefix));
    if (known) return { ...known.error };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Hindsight hit an unexpected error (${message}); please report it with the steps that led here.` };
}
