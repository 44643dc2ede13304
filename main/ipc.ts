/**
 * Registers the IPC side of the contract: one `api:call` channel that runs `dispatch` on the service
 * (so the method name and arguments are validated against the contract), and `api:pick` for native
 * pickers. Messages from any frame other than the app's own renderer page are refused.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ApiEnvelope, ApiHandlers, PickKind } from '../src/api/contract';
import { dispatch } from '../src/api/dispatch';
import { CALL_CHANNEL, EVENT_CHANNEL, PICK_CHANNEL } from './channels';
import { isPickKind } from './dialogs';

/** What the IPC layer needs from the shell. */
export interface IpcOptions {
  handlers: ApiHandlers;
  /** True when a frame URL is the app's own renderer page. */
  isTrustedUrl(url: string | undefined): boolean;
  /** Shows a native picker for the window that asked. */
  pick(event: IpcMainInvokeEvent, kind: PickKind): Promise<string[] | null>;
}

const REFUSED: ApiEnvelope<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'Only Hindsight’s own window may call its API.' },
};

/** Registers the handlers; returns a function that removes them again. */
export function registerIpc(options: IpcOptions): () => void {
  const isTrusted = (event: IpcMainInvokeEvent): boolean => options.isTrustedUrl(event.senderFrame?.url);
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!isTrusted(event)) return REFUSED;
    return dispatch(options.handlers, method, args);
  });
  ipcMain.handle(PICK_CHANNEL, (event, kind: unknown) => {
    if (!isTrusted(event)) throw new Error('Only Hindsight’s own window may open file pickers.');
    if (!isPickKind(kind)) throw new Error(`Unknown picker kind ${JSON.stringify(kind)}.`);
    return options.pick(event, kind);
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(PICK_CHANNEL);
  };
}

/** Sends one service event to a window, if it is still open. */
export function sendEvent(window: BrowserWindow | null, name: string, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { name, payload });
}
