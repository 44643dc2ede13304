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

/** Turns anything thrown into error data; unknown errors become `internal` without a stack trace. */
export function toErrorData(err: unknown): ApiErrorData {
  if (err instanceof ApiError) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Hindsight hit an unexpected error (${message}); please report it with the steps that led here.` };
}
