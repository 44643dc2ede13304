/**
 * The Content-Security-Policy and companion headers both shells send with the UI, so the browser
 * shell and the Electron window enforce the same rules on the renderer.
 */

/** The renderer's policy: only its own scripts, styles and API; no plugins, framing or base rewrites. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for the built index.html's meta tag, which is what a file:// page in Electron gets
 * (response headers cannot be added to file:// loads). `frame-ancestors` is left out: browsers ignore
 * it in a meta tag and warn.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/**
 * Replaces the development policy in index.html's CSP meta tag (which allows Vite's inline styles)
 * with {@link META_CONTENT_SECURITY_POLICY}; the renderer build runs this. Throws when the tag is missing,
 * so a build can never ship without a policy.
 */
export function withProductionCsp(html: string): string {
  const pattern = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;
  if (!pattern.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag; add one before building.');
  return html.replace(pattern, `$1${META_CONTENT_SECURITY_POLICY}$2`);
}

/**
 * The policy for Electron's development mode: Vite's dev server injects an inline React-refresh
 * preamble and talks to its own websocket, so that (and only that) is allowed on the dev origin.
 */
export function devContentSecurityPolicy(devServerOrigin: string): string {
  const websocketOrigin = devServerOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${websocketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every HTTP-shell response, whatever its content. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
