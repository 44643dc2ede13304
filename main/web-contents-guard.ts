/**
 * The rules every web contents of the app follows (the main window, the PDF printer, anything
 * Electron creates): no navigation, no <webview>, no new windows; clicked http(s) links go to the
 * system browser through the external opener. Kept apart from main.ts so a test can drive it.
 */

/** The parts of Electron's WebContents the guard uses. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Applies the rules to `contents`. NOTE: navigation (including redirects) is always refused, even to
 * an http(s) URL — only new-window requests, which is what a clicked target=_blank link makes, may open
 * the system browser, so a script setting `location` cannot send the user anywhere.
 */
export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}
