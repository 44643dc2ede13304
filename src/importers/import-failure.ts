/**
 * Words an import that stopped part-way so the user fixes the right thing: a full or read-only disk is
 * about where the incident lives, not about the log being read, and importing the same file again
 * after the fix continues the source where it stopped (resume.ts).
 */
import { ApiError } from '../api/errors';

/** Where an import stopped: the file being read, the incident being written, and the last line read. */
export interface ImportStop {
  filePath: string;
  incidentPath: string;
  lineCount: number;
}

/** What the source row records and what the user is told. */
export interface ImportFailure {
  /** One sentence kept on the source row (`sources.error`). */
  sourceError: string;
  /** The error the API call answers with. */
  error: ApiError;
}

/** Error codes of a disk that has no room: SQLite's, and Node's for a file write (or a full quota). */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function detailOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The failure for `err` thrown while importing. A full disk and a read-only incident name the
 * incident's disk and say the import can be continued; a disk error while writing says so; anything
 * else is a reading problem with the input file.
 */
export function describeImportFailure(err: unknown, stop: ImportStop): ImportFailure {
  const code = codeOf(err);
  const where = `${stop.filePath} stopped after line ${stop.lineCount}`;
  if (DISK_FULL_CODES.has(code)) {
    const sourceError = `The disk holding the incident ${stop.incidentPath} is full, so importing ${where}`;
    return {
      sourceError,
      error: new ApiError('io_error', `${sourceError} (every line before it is saved); free some space on that disk, then import the same file again to continue where it stopped.`),
    };
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    const sourceError = `The incident ${stop.incidentPath} cannot be written (the file or its disk is read-only), so importing ${where}`;
    return {
      sourceError,
      error: new ApiError('read_only', `${sourceError}; copy the incident somewhere writable, open the copy and import the file again.`),
    };
  }
  if (code.startsWith('SQLITE_IOERR')) {
    const sourceError = `The disk holding the incident ${stop.incidentPath} reported an error while saving, so importing ${where} (${code})`;
    return { sourceError, error: new ApiError('io_error', `${sourceError}; check that disk, then import the same file again to continue where it stopped.`) };
  }
  const sourceError = `Reading ${stop.filePath} failed after line ${stop.lineCount} (${detailOf(err)})`;
  return { sourceError, error: new ApiError('io_error', `${sourceError}; check the file is readable and not truncated, then import it again.`) };
}
