/**
 * The renderer's transport when it runs in a plain browser against `hindsight serve`: calls are
 * fetch POSTs, events arrive over one shared EventSource, and there is no native path picker.
 */
import type { ApiEnvelope, ApiEventName, ApiMethod, HindsightBridge } from '../src/api/contract';

/** sessionStorage key under which the access token survives reloads of this tab. */
export const TOKEN_STORAGE_KEY = 'hindsight.token';

/** Header that carries the access token on API calls (matches the HTTP shell). */
const TOKEN_HEADER = 'x-hindsight-token';

/** What the HTTP bridge uses from the page (the real `window` satisfies it). */
export interface HttpBridgeHost {
  location: Pick<Location, 'href' | 'search' | 'origin'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  fetch: typeof fetch;
  EventSource: typeof EventSource;
}

/**
 * Takes the token from `?token=` (remembering it for this tab and removing it from the visible URL
 * so it does not end up in screenshots or bookmarks), else from sessionStorage.
 */
export function takeToken(host: Pick<HttpBridgeHost, 'location' | 'history' | 'sessionStorage'>): string | null {
  const url = new URL(host.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    host.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    host.history.replaceState(host.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return host.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/** Builds the HTTP bridge for the page it runs in. */
export function createHttpBridge(host: HttpBridgeHost): HindsightBridge {
  const token = takeToken(host) ?? '';
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const openStream = (): void => {
    if (source) return;
    source = new host.EventSource(`${host.location.origin}/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: { name?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(message.data) as { name?: unknown; payload?: unknown };
      } catch {
        return;
      }
      const group = listeners.get(parsed.name as ApiEventName);
      if (!group) return;
      for (const listener of [...group]) listener(parsed.payload);
    };
  };

  return {
    transport: 'http',
    async call(method: ApiMethod, args: unknown): Promise<ApiEnvelope<unknown>> {
      let response: Response;
      try {
        response = await host.fetch(`${host.location.origin}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: { code: 'io_error', message: 'Lost the connection to the Hindsight server; check that `hindsight serve` is still running.' } };
      }
      try {
        return (await response.json()) as ApiEnvelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The Hindsight server answered ${response.status} without an API envelope.` } };
      }
    },
    on(event: ApiEventName, listener: (payload: unknown) => void): () => void {
      let group = listeners.get(event);
      if (!group) {
        group = new Set();
        listeners.set(event, group);
      }
      group.add(listener);
      openStream();
      return () => {
        group.delete(listener);
      };
    },
    pick: () => Promise.resolve(null),
  };
}
