/** Decides whether an IPC message comes from Hindsight's own renderer page. */
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** Where the app's renderer is served from: the Vite dev server in development, else the app:// scheme. */
export interface RendererLocation {
  /** Vite dev server URL (development only). */
  devServerUrl?: string;
  /** The built renderer folder that app:// serves (packaged and `npm run build` builds). */
  rendererDir: string;
}

/**
 * True when `url` is the app's own renderer page (query and hash ignored): `app://hindsight/index.html`,
 * or any page of the dev server's origin in development. A `file://` page is never trusted.
 */
export function isTrustedRendererUrl(url: string | undefined, location: RendererLocation): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.devServerUrl) {
    return parsed.origin === new URL(location.devServerUrl).origin;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html';
}
