/**
 * The packaged renderer is served from `app://hindsight/…` instead of `file://`, so the page has a real
 * origin, gets its Content-Security-Policy as a header, and can reach no file outside the renderer
 * folder; that lets the GrantFileProtocolExtraPrivileges fuse stay off. Kept free of Electron so a test
 * can drive it: main.ts registers the scheme and passes each request to {@link appProtocolResponse}.
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../src/server/security-headers';
import { contentTypeFor, resolveStaticFile } from '../src/server/static-files';

/** The scheme the renderer is served from. */
export const APP_SCHEME = 'app';

/** The one host of that scheme; any other host is refused. */
export const APP_HOST = 'hindsight';

/** The renderer's start page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: `standard` (relative URLs and an origin),
 * `secure` (treated like https), `supportFetchAPI` (the renderer fetches its own assets). Deliberately
 * not `bypassCSP`, `corsEnabled`, `allowServiceWorkers` or `stream`.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** The parts of a protocol request the handler reads. */
export interface AppRequest {
  url: string;
  method: string;
}

/** Headers on every answer: the strict CSP, no MIME sniffing, no caching of a build that may be replaced. */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The URL path of an app:// request for the app's own host (still percent-encoded; the query and
 * hash dropped), or null for another scheme or host or an unparsable URL.
 */
export function appRequestPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return parsed.pathname === '' ? '/' : parsed.pathname;
}

/**
 * True when `file`, with every symlink followed, is still inside `rootDir`. NOTE: the sync form, because
 * Electron's asar layer documents `fs.realpathSync` for paths inside app.asar.
 */
function staysInside(rootDir: string, file: string): boolean {
  try {
    return realpathSync(file).startsWith(realpathSync(rootDir) + sep);
  } catch {
    return false;
  }
}

/**
 * Answers one app:// request from the built renderer folder `rendererDir`: the file with its content
 * type and the CSP header; 404 for anything outside the folder (`..`, encoded dots, backslashes, NUL, a
 * symlink pointing out), another host, or a missing file; 405 for anything but GET and HEAD.
 */
export async function appProtocolResponse(rendererDir: string, request: AppRequest): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
  const urlPath = appRequestPath(request.url);
  if (urlPath === null) return plain(404, 'Not found.');
  const file = await resolveStaticFile(rendererDir, urlPath);
  if (file === null || !staysInside(rendererDir, file)) return plain(404, 'Not found.');
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return new Response(body, { status: 200, headers: { ...COMMON_HEADERS, 'Content-Type': contentTypeFor(file) } });
}
