/**
 * The only IPC channel names between Electron's main process and the preload. Kept in a file with no
 * imports so the sandboxed preload can bundle it without pulling in anything else.
 */

/** Renderer → main: one API call `(method, args)`, answered with an `ApiEnvelope`. */
export const CALL_CHANNEL = 'api:call';

/** Renderer → main: open a native path picker of a `PickKind`; answers `string[] | null`. */
export const PICK_CHANNEL = 'api:pick';

/** Main → renderer: one service event `{ name, payload }`. */
export const EVENT_CHANNEL = 'api:event';
