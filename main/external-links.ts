/**
 * Which URLs the app hands to the system browser (`shell.openExternal`), and how often. Only links the
 * user clicks in the page (runbook links open with target=_blank) reach here; the page never navigates.
 */

/** Longest URL handed to the system browser, in characters. */
export const MAX_EXTERNAL_URL_CHARS = 2048;

/** Shortest gap between two URLs opened in the system browser, in milliseconds. */
export const EXTERNAL_OPEN_GAP_MS = 1000;

/**
 * The normalised URL to open in the system browser, or null when it must not be opened: anything but
 * plain http(s), URLs carrying a user name or password (phishing-style `https://bank@evil`), and
 * absurdly long URLs.
 */
export function externalUrlToOpen(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL_CHARS) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}

/**
 * Opens allowed URLs through `open`, at most one per {@link EXTERNAL_OPEN_GAP_MS}: a click opens one
 * tab, while a page that scripted `window.open` in a loop could not flood the user's browser.
 * Returns whether the URL was opened.
 */
export function createExternalOpener(open: (url: string) => void, nowMs: () => number = Date.now): (url: string) => boolean {
  let lastOpenedMs = Number.NEGATIVE_INFINITY;
  return (url) => {
    const allowed = externalUrlToOpen(url);
    const now = nowMs();
    if (allowed === null || now - lastOpenedMs < EXTERNAL_OPEN_GAP_MS) return false;
    lastOpenedMs = now;
    open(allowed);
    return true;
  };
}
