/**
 * The browser shell against a real server on a free port, a real incident file in a temp folder and a
 * small built "renderer" folder: token, Host and Origin checks, static files, envelopes, and events.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEnvelope } from '../../src/api/contract';
import { startHttpShell, type HttpShell } from '../../src/server/http-shell';
import { exposureWarning, isLoopbackHost } from '../../src/server/request-guard';
import { ApiCallError, createClient } from '../../renderer/api-client';
import { createHttpBridge, TOKEN_STORAGE_KEY } from '../../renderer/http-bridge';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const shells: HttpShell[] = [];
afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.close();
});

const LINES = [
  '{"ts":"2026-11-10T14:00:00.000Z","level":"info","host":"api-001","service":"nginx","msg":"GET /healthz 200"}',
  '{"ts":"2026-11-10T14:00:01.250Z","level":"error","host":"storage-07","service":"rsync","msg":"rsync: failed to open segment 118 metadata"}',
];

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request, so tests can send any Host or Origin header (fetch would not let them). */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${port}`, ...options.headers };
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, localAddress: options.localAddress }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function setup(): Promise<{ shell: HttpShell; dir: string; logPath: string; call: (method: string, args: unknown, token?: string) => Promise<RawResponse> }> {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hindsight</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("hindsight");');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder');
  const logPath = join(dir, 'fleet.jsonl');
  writeFileSync(logPath, `${LINES.join('\n')}\n`);

  const shell = await startHttpShell({ dataDir: join(dir, 'data'), rendererDir, port: 0 });
  shells.push(shell);
  const call = (method: string, args: unknown, token = shell.token) =>
    send(shell.port, `/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-hindsight-token': token },
      body: JSON.stringify(args),
    });
  return { shell, dir, logPath, call };
}

function envelope(response: RawResponse): ApiEnvelope<unknown> {
  return JSON.parse(response.body) as ApiEnvelope<unknown>;
}

describe('the HTTP shell', () => {
  it('listens on loopback and prints a URL that carries a long random token', async () => {
    const { shell } = await setup();
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const { shell, call } = await setup();
    const missing = await send(shell.port, '/api/call/app.status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(envelope(missing)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call('app.status', {}, `${shell.token.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    const short = await call('app.status', {}, 'abc');
    expect(short.status).toBe(401);
    const events = await send(shell.port, '/api/events?token=nope');
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const { shell } = await setup();
    const rebinding = await send(shell.port, '/', { headers: { Host: `evil.example:${shell.port}` } });
    expect(rebinding.status).toBe(403);
    const wrongPort = await send(shell.port, '/', { headers: { Host: `127.0.0.1:${shell.port + 1}` } });
    expect(wrongPort.status).toBe(403);
    const crossSite = await send(shell.port, '/api/call/app.status', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json', 'x-hindsight-token': shell.token },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await send(shell.port, '/api/call/app.status', {
      method: 'POST',
      headers: { Origin: `http://127.0.0.1:${shell.port}`, 'Content-Type': 'application/json', 'x-hindsight-token': shell.token },
      body: '{}',
    });
    expect(sameOrigin.status).toBe(200);
    const viaLocalhost = await send(shell.port, '/', { headers: { Host: `localhost:${shell.port}` } });
    expect(viaLocalhost.status).toBe(200);
  });

  it('serves index.html with a strict Content-Security-Policy and the right content types', async () => {
    const { shell } = await setup();
    const index = await send(shell.port, '/?token=whatever');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Hindsight</title>');
    const csp = String(index.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    const script = await send(shell.port, '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send(shell.port, '/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    const { shell } = await setup();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00', '/assets']) {
      const response = await send(shell.port, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('outside the renderer folder');
    }
  });

  it('answers API calls with envelopes, and invalid arguments as invalid_argument', async () => {
    const { shell, dir, call } = await setup();
    const status = await call('app.status', {});
    expect(status.status).toBe(200);
    expect(envelope(status)).toMatchObject({ ok: true, value: { incident: null } });

    const created = envelope(await call('incident.create', { path: join(dir, 'outage.hindsight'), title: 'Outage' }));
    expect(created).toMatchObject({ ok: true, value: { title: 'Outage', eventCount: 0 } });

    const invalid = envelope(await call('timeline.density', { fromMs: 10, toMs: 5, bucketCount: 10 }));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const unknown = envelope(await call('events.delete', {}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const badJson = await send(shell.port, '/api/call/app.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-hindsight-token': shell.token },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(envelope(badJson)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });

    const tooLarge = await call('import.paths', { paths: ['x'.repeat(1_100_000)] });
    expect(tooLarge.status).toBe(413);
  });

  it('opens the incident it was started with', async () => {
    const dir = tempDir();
    const first = await setup();
    const path = join(first.dir, 'given.hindsight');
    expect(envelope(await first.call('incident.create', { path, title: 'Given' })).ok).toBe(true);
    await first.shell.close();
    const shell = await startHttpShell({ dataDir: join(dir, 'data'), rendererDir: dir, incidentPath: path });
    shells.push(shell);
    const info = await send(shell.port, '/api/call/incident.info', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-hindsight-token': shell.token },
      body: '{}',
    });
    expect(envelope(info)).toMatchObject({ ok: true, value: { title: 'Given' } });
  });

  it('streams service events to an EventSource-style client', async () => {
    const { shell, dir, logPath, call } = await setup();
    expect(envelope(await call('incident.create', { path: join(dir, 'live.hindsight') })).ok).toBe(true);

    const received: { name: string; payload: unknown }[] = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: shell.port, path: `/api/events?token=${shell.token}`, headers: { Accept: 'text/event-stream' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let buffer = '';
    const changed = new Promise<void>((resolve) => {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) {
            const event = JSON.parse(data.slice(6)) as { name: string; payload: unknown };
            received.push(event);
            if (event.name === 'incident.changed') resolve();
          }
          end = buffer.indexOf('\n\n');
        }
      });
    });

    const imported = envelope(await call('import.paths', { paths: [logPath] }));
    expect(imported).toMatchObject({ ok: true, value: { totals: { events: 2 } } });
    await changed;
    stream.destroy();
    const last = received.filter((event) => event.name === 'incident.changed').at(-1);
    expect(last?.payload).toMatchObject({ incident: { eventCount: 2 } });
  });

  it('is what the renderer’s HTTP client talks to: token taken from the URL, envelopes unwrapped, errors thrown as ApiCallError', async () => {
    const { shell } = await setup();
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const page = {
      location: new URL(`${shell.url}#/timeline`),
      history: { state: null, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) },
      sessionStorage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) },
      fetch,
      EventSource: class {
        constructor() {
          throw new Error('this test does not subscribe to events');
        }
      } as unknown as typeof EventSource,
    };
    const client = createClient(createHttpBridge(page));
    expect(client.transport).toBe('http');
    expect(replaced).toEqual(['/#/timeline']);
    expect(stored.get(TOKEN_STORAGE_KEY)).toBe(shell.token);
    await expect(client.api['app.status']({})).resolves.toMatchObject({ incident: null });
    const failure = await client.api['incident.info']({}).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApiCallError);
    expect(failure).toMatchObject({ code: 'no_incident' });
    await expect(client.pick('open-incident')).resolves.toBeNull();

    const withoutToken = createClient(createHttpBridge({ ...page, location: new URL(`http://127.0.0.1:${shell.port}/`), sessionStorage: { getItem: () => null, setItem: () => undefined } }));
    await expect(withoutToken.api['app.status']({})).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('the HTTP shell’s limits', () => {
  it('answers a client that calls too fast with 429 and a clear message, without slowing other clients', async () => {
    const dir = tempDir();
    const shell = await startHttpShell({ dataDir: join(dir, 'data'), rendererDir: dir, rateLimit: { burst: 5, perSecond: 0.5 } });
    shells.push(shell);
    const headers = { 'Content-Type': 'application/json', 'x-hindsight-token': shell.token };
    const statuses: number[] = [];
    let refused: RawResponse | undefined;
    for (let i = 0; i < 8; i++) {
      const response = await send(shell.port, '/api/call/app.status', { method: 'POST', headers, body: '{}' });
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(envelope(refused!)).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests from this address; wait \d+ s/) } });
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await send(shell.port, '/', {})).status).toBe(429);
    // Another client (Linux routes all of 127.0.0.0/8 to loopback) has its own bucket.
    const other = await send(shell.port, '/api/call/app.status', { method: 'POST', headers, body: '{}', localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);
  });

  it('never sends CORS headers, so no other site may read its answers', async () => {
    const { shell, call } = await setup();
    const preflight = await send(shell.port, '/api/call/app.status', {
      method: 'OPTIONS',
      headers: { Origin: `http://127.0.0.1:${shell.port}`, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-hindsight-token' },
    });
    const foreignPreflight = await send(shell.port, '/api/call/app.status', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(foreignPreflight.status).toBe(403);
    const responses = [preflight, foreignPreflight, await call('app.status', {}), await send(shell.port, '/'), await send(shell.port, `/api/events?token=wrong`)];
    for (const response of responses) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('listens on loopback by default, and warns when told to listen on the network', async () => {
    const { shell } = await setup();
    expect(shell.warning).toBeNull();
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'hindsight.example']) expect(isLoopbackHost(host), host).toBe(false);
    const dir = tempDir();
    const exposed = await startHttpShell({ dataDir: join(dir, 'data'), rendererDir: dir, host: '0.0.0.0' });
    shells.push(exposed);
    expect(exposed.warning).toBe(exposureWarning('0.0.0.0'));
    expect(exposed.warning).toMatch(/^Warning: Hindsight is listening on 0\.0\.0\.0, so other machines on the network can reach it;/);
    expect(exposed.url).toBe(`http://127.0.0.1:${exposed.port}/?token=${exposed.token}`);
  });
});
