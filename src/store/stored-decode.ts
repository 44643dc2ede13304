/**
 * Decoding derived tables stored as blobs and JSON (timeline counts, the rollout model): bytes damaged on
 * disk that SQLite itself does not notice must give the user one clear sentence, not an internal error.
 */
import { ApiError } from '../api/errors';

/** Runs `decode` on stored bytes; any failure (a throw, or a shape check in it) becomes the damaged-file refusal naming `what`. */
export function decodeStored<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('not_an_incident', `The ${what} stored in the incident file are damaged; restore the file from a backup or re-import the logs into a new incident.`);
  }
}

/** Throws (for {@link decodeStored}) unless `isValid`. */
export function expectStored(isValid: boolean): void {
  if (!isValid) throw new Error('stored data has the wrong shape');
}
