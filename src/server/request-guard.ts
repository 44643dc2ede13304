/**
 * Checks every HTTP-shell request must pass: a loopback Host (against DNS rebinding), the shell's own
 * Origin when a browser sends one (against cross-site requests), and the access token.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host names a request may address the shell by: loopback names, plus the bound address when specific. */
export function allowedHostNames(boundHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const isWildcard = boundHost === '0.0.0.0' || boundHost === '::';
  if (!isWildcard) names.add(isIP(boundHost) === 6 ? `[${boundHost}]` : boundHost.toLowerCase());
  return names;
}

/** True when the Host header names an allowed host and exactly the shell's port. */
export function isAllowedHost(hostHeader: string | undefined, hostNames: Set<string>, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(hostHeader.toLowerCase());
  if (!match) return false;
  return hostNames.has(match[1] ?? '') && Number(match[2]) === port;
}

/** True when there is no Origin header, or it is `http://<allowed host>:<port>` exactly. */
export function isAllowedOrigin(originHeader: string | undefined, hostNames: Set<string>, port: number): boolean {
  if (originHeader === undefined) return true;
  const match = /^http:\/\/(.+)$/.exec(originHeader.toLowerCase());
  if (!match) return false;
  return isAllowedHost(match[1], hostNames, port);
}

/** Compares a presented token with the real one in constant time (for equal lengths). */
export function isValidToken(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const presentedBytes = Buffer.from(presented, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  if (presentedBytes.length !== expectedBytes.length) return false;
  return timingSafeEqual(presentedBytes, expectedBytes);
}

/** True when `host` (a bind address or name) only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * The warning printed when the shell listens beyond loopback: who can reach it, and what protects it.
 * Null for loopback addresses.
 */
export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `Warning: Hindsight is listening on ${host}, so other machines on the network can reach it; ` +
    'anyone with the printed link (it carries the access token) can see the incident, traffic is plain HTTP, ' +
    'and Host checks accept this address — use --read-only when showing an incident to a room, and stop the server when you are done.'
  );
}
