/**
 * `hindsight://open?t=…&from=…&to=…` links (docs/deep-links.md): the view parameters of a link the
 * operating system hands the app — through `open-url` on macOS, or on the command line of a launch
 * (Windows, Linux) that the single-instance lock forwards as `second-instance`. Any web page can make
 * the browser open such a link, so nothing in a link names a file or runs anything: only the `open`
 * kind is taken, its query is re-encoded and size-capped, and the renderer's decodeViewLink reads only
 * the view parameters it knows, checking each value.
 */

/** The URL scheme registered with the operating system. */
export const DEEP_LINK_SCHEME = 'hindsight';

/** The only link kind: open a view of the current incident. */
const OPEN_HOST = 'open';

/** Longest link accepted, in characters (a filter is short; this keeps a hostile link small). */
export const DEEP_LINK_MAX_CHARS = 4096;

/**
 * The view parameters of a `hindsight://open?…` link as a re-encoded query string without `?`, or null
 * when `url` is not such a link or is too long.
 */
export function viewParamsFromDeepLink(url: string): string | null {
  if (url.length > DEEP_LINK_MAX_CHARS) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:` || parsed.host !== OPEN_HOST) return null;
  if (parsed.pathname !== '' && parsed.pathname !== '/') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  return parsed.searchParams.toString();
}

/** True when a command-line argument is a link of the app's scheme (so it is never taken for a file). */
export function isDeepLinkArgument(arg: string): boolean {
  return arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`);
}

/** The last `hindsight://` link on a command line (the first entry, the executable, is skipped), or null. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.slice(1).filter(isDeepLinkArgument).at(-1) ?? null;
}
