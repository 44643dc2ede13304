/**
 * The renderer's one way to reach the core: `getClient()` wraps whichever transport the page has
 * (Electron's preload bridge or the HTTP shell) behind the typed API, so no component knows which.
 */
import type { ApiErrorCode, ApiEventName, ApiEvents, ApiMethod, HindsightApi, HindsightBridge, PickKind } from '../src/api/contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a plain browser. */
    hindsight?: HindsightBridge;
  }
}

/** An API call that came back as an error envelope; `code` is one of the contract's stable codes. */
export class ApiCallError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** The typed client every component uses. */
export interface HindsightClient {
  /** Every API method; each resolves to its result or rejects with an {@link ApiCallError}. */
  api: HindsightApi;
  /** Subscribes to a service event; returns the unsubscribe function. */
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** Which transport is underneath; the UI uses it only to decide how to ask for paths. */
  transport: HindsightBridge['transport'];
  /** Native path picker; null when cancelled or when the transport has none (then ask in-page). */
  pick(kind: PickKind): Promise<string[] | null>;
  /** The path of a dropped file or folder (Electron); null when the transport gives none (then upload it). */
  pathForFile(file: File): string | null;
}

/** Wraps a bridge in the typed client (exported so tests can hand in a bridge of their own). */
export function createClient(bridge: HindsightBridge): HindsightClient {
  const call = async (method: ApiMethod, args: unknown): Promise<unknown> => {
    const envelope = await bridge.call(method, args ?? {});
    if (envelope.ok) return envelope.value;
    throw new ApiCallError(envelope.error.code, envelope.error.message);
  };
  // NOTE: a Proxy rather than an object built from API_METHODS, so the renderer bundle does not pull in
  // the contract's zod schemas (the core validates every call anyway). `then` stays undefined so the
  // client is never mistaken for a promise.
  const methods = new Map<string, (args: unknown) => Promise<unknown>>();
  const api = new Proxy({} as HindsightApi, {
    get(_target, key) {
      if (typeof key !== 'string' || key === 'then') return undefined;
      let method = methods.get(key);
      if (!method) {
        method = (args: unknown) => call(key as ApiMethod, args);
        methods.set(key, method);
      }
      return method;
    },
  });
  return {
    api,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
    transport: bridge.transport,
    pick: (kind) => bridge.pick(kind),
    pathForFile: (file) => {
      const path = bridge.pathForFile?.(file) ?? '';
      return path === '' ? null : path;
    },
  };
}

let client: HindsightClient | null = null;

/** The page's client, created on first use from `window.hindsight` or else the HTTP shell. */
export function getClient(): HindsightClient {
  client ??= createClient(window.hindsight ?? createHttpBridge(window));
  return client;
}
