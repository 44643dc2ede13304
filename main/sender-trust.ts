/** Decides whether an IPC message or navigation comes from Hindsight's own renderer page. */
import { pathToFileURL } from 'node:url';

/** Where the app's renderer is served from: the Vite dev server in development, a file when packaged. */
export interface RendererLocation {
  /** Vite dev server URL (development only). */
  devServerUrl?: string;
  /** Absolute path of the built `index.html` (packaged and `npm run build` builds). */
  indexFilePath: string;
}

/** True when `url` is the app's own renderer page (query and hash ignored). */
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
  if (parsed.protocol !== 'file:') return false;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}` === pathToFileURL(location.indexFilePath).href;
}
