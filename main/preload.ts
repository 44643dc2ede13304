/**
 * The preload: exposes exactly the contract's `HindsightBridge` as `window.hindsight`, over the three
 * named channels in ./channels, plus the path of a dropped file. Nothing else from Electron or Node
 * reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ApiEnvelope, ApiEventName, ApiMethod, HindsightBridge, PickKind } from '../src/api/contract';
import { CALL_CHANNEL, EVENT_CHANNEL, PICK_CHANNEL } from './channels';

const bridge: HindsightBridge = {
  transport: 'electron',
  call: (method: ApiMethod, args: unknown) => ipcRenderer.invoke(CALL_CHANNEL, method, args) as Promise<ApiEnvelope<unknown>>,
  on: (event: ApiEventName, listener: (payload: unknown) => void) => {
    const forward = (_ipcEvent: IpcRendererEvent, message: { name: string; payload: unknown }): void => {
      if (message.name === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  pick: (kind: PickKind) => ipcRenderer.invoke(PICK_CHANNEL, kind) as Promise<string[] | null>,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('hindsight', bridge);
