/** Turns anything thrown by an API call into the one sentence shown in the alert region. */

/** The user-facing sentence for `error`: the API's message when it sent one, otherwise a generic one. */
export function errorSentence(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = String((error as { message: unknown }).message).trim();
    if (message.length > 0) return message;
  }
  return 'Something went wrong; try again, and if it keeps failing, restart Hindsight.';
}
