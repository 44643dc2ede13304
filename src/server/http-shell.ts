/**
 * The browser shell: serves the built renderer and the Hindsight API on a loopback port, for machines
 * where Electron cannot run. Uses node:http only. Every API request needs the per-run token; every
 * request needs a loopback Host header (DNS rebinding) and, when present, the shell's own Origin.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { ApiEnvelope, ApiEventName, ApiEvents } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { createService } from '../api/service';
import { ClientRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';
import { allowedHostNames, exposureWarning, isAllowedHost, isAllowedOrigin, isValidToken } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';
import { contentTypeFor, resolveStaticFile } from './static-files';

/** How to start the browser shell. */
export interface HttpShellOptions {
  /** Incident file to open at start; without it the UI shows its start screen. */
  incidentPath?: string;
  /** Address to bind; 127.0.0.1 unless given. */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Folder for app data (recent incidents, the sample incident). */
  dataDir: string;
  /** Folder of the built renderer (`.vite/renderer/main_window`). */
  rendererDir: string;
  /** Access token; 32 random bytes, base64url, unless given. */
  token?: string;
  /** Open incidents read-only and refuse every change. */
  readOnly?: boolean;
  /** Requests per client address (token bucket); {@link DEFAULT_RATE_LIMIT} unless given. */
  rateLimit?: RateLimit;
}

/** A running browser shell. `url` carries the token, so print it only to the user who started it. */
export interface HttpShell {
  url: string;
  port: number;
  token: string;
  /** A warning for the user when the shell listens beyond loopback (see `--host`); null on loopback. */
  warning: string | null;
  close(): Promise<void>;
}

/** Largest accepted API request body, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Interval between keep-alive comments on the event stream, in milliseconds. */
export const SSE_KEEPALIVE_MS = 15_000;

/** Longest a client may take to send its request headers, in milliseconds (slow-loris guard). */
export const HEADERS_TIMEOUT_MS = 10_000;

/** Longest a client may take to send a whole request, in milliseconds. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Header that carries the access token on API calls. */
export const TOKEN_HEADER = 'x-hindsight-token';

const CALL_PREFIX = '/api/call/';

/** Starts the browser shell and resolves once it is listening. */
export async function startHttpShell(options: HttpShellOptions): Promise<HttpShell> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const streams = new Set<ServerResponse>();

  const emit = <E extends ApiEventName>(name: E, payload: ApiEvents[E]): void => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  const service = createService({ dataDir: options.dataDir, emit, readOnly: options.readOnly });
  if (options.incidentPath) {
    try {
      service.openIncident(options.incidentPath);
    } catch (err) {
      service.close();
      throw err;
    }
  }

  const hostNames = allowedHostNames(host);
  const limiter = new ClientRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!isAllowedHost(req.headers.host, hostNames, port)) {
      return sendText(res, 403, 'This Hindsight server answers only to its loopback address.');
    }
    if (!isAllowedOrigin(req.headers.origin, hostNames, port)) {
      return sendText(res, 403, 'Requests from other sites are refused.');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const retryAfterS = limiter.take(req.socket.remoteAddress ?? 'unknown');
    if (retryAfterS > 0) return sendRateLimited(res, retryAfterS, url.pathname.startsWith('/api/'));
    if (url.pathname.startsWith(CALL_PREFIX)) return handleCall(req, res, url.pathname.slice(CALL_PREFIX.length));
    if (url.pathname === '/api/events') return handleEvents(req, res, url.searchParams.get('token'));
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return sendEnvelope(res, 404, { ok: false, error: { code: 'unknown_method', message: `There is no API endpoint at ${url.pathname}.` } });
    }
    return handleStatic(req, res, url.pathname);
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendEnvelope(res, 405, { ok: false, error: { code: 'invalid_argument', message: 'API calls must use POST.' } });
    }
    if (!isValidToken(headerValue(req.headers[TOKEN_HEADER]), token)) return sendUnauthorized(res);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendEnvelope(res, 415, { ok: false, error: { code: 'invalid_argument', message: 'API calls must send a JSON body (Content-Type: application/json).' } });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return sendEnvelope(res, 413, { ok: false, error: { code: 'invalid_argument', message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` } });
    }
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendEnvelope(res, 400, { ok: false, error: { code: 'invalid_argument', message: 'The request body is not valid JSON.' } });
    }
    const startedMs = performance.now();
    return sendEnvelope(res, 200, await dispatch(service.handlers, decodeMethod(method), args), startedMs);
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse, presented: string | null): void => {
    if (req.method !== 'GET') return sendText(res, 405, 'The event stream is read with GET.');
    if (!isValidToken(presented, token)) return sendUnauthorized(res);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    const cleanUp = (): void => {
      clearInterval(keepAlive);
      streams.delete(res);
    };
    res.on('close', cleanUp);
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Only GET and HEAD are served here.');
    }
    const filePath = await resolveStaticFile(options.rendererDir, pathname);
    if (!filePath) return sendText(res, 404, 'Not found.');
    const isHtml = filePath.endsWith('.html');
    res.writeHead(200, { 'Content-Type': contentTypeFor(filePath), 'Cache-Control': isHtml ? 'no-store' : 'no-cache' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(filePath)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendText(res, 500, `Hindsight's server failed on this request (${err instanceof Error ? err.message : String(err)}).`);
    });
  });

  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (err) {
    service.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : isIP(host) === 6 ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolveClose) => {
      for (const stream of streams) stream.end();
      streams.clear();
      server.close(() => {
        service.close();
        resolveClose();
      });
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `http://${urlHost}:${port}/?token=${token}`, port, token, warning: exposureWarning(host), close };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function decodeMethod(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Reads the body as UTF-8; resolves null (and stops reading) once it exceeds `limitBytes`. */
function readBody(req: IncomingMessage, limitBytes: number): Promise<string | null> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    let isTooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (isTooLarge) return;
      sizeBytes += chunk.length;
      if (sizeBytes > limitBytes) {
        isTooLarge = true;
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!isTooLarge) resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', rejectBody);
    // An aborted upload never ends; settling here (a no-op after 'end') keeps the handler from hanging.
    req.on('close', () => resolveBody(null));
  });
}

/** Sends an API answer; with `startedMs`, a `Server-Timing: app;dur=` header says how long the call and its encoding took (ms), so a slow answer can be told from a queued one. */
function sendEnvelope(res: ServerResponse, status: number, envelope: ApiEnvelope<unknown>, startedMs?: number): void {
  const body = JSON.stringify(envelope);
  if (startedMs !== undefined) res.setHeader('Server-Timing', `app;dur=${(performance.now() - startedMs).toFixed(2)}`);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendUnauthorized(res: ServerResponse): void {
  sendEnvelope(res, 401, {
    ok: false,
    error: { code: 'unauthorized', message: 'This request lacks the access token; open the full link printed by `hindsight serve`.' },
  });
}

function sendRateLimited(res: ServerResponse, retryAfterS: number, isApi: boolean): void {
  res.setHeader('Retry-After', String(retryAfterS));
  const message = `Too many requests from this address; wait ${retryAfterS} s and try again, or slow down the script that is calling Hindsight.`;
  if (isApi) return sendEnvelope(res, 429, { ok: false, error: { code: 'rate_limited', message } });
  sendText(res, 429, message);
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}
