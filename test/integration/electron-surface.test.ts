/**
 * The Electron shell's surface, checked without the Electron binary (which cannot be installed here).
 * NOTE: the `electron` module is replaced only at its boundary — contextBridge, ipcRenderer, ipcMain and
 * dialog capture what the preload and the IPC layer register; the service behind IPC is the real one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, type ApiEnvelope, type HindsightBridge } from '../../src/api/contract';
import { createService } from '../../src/api/service';
import config from '../../forge.config';
import { incidentPathFromArgv } from '../../main/command-line';
import { createExternalOpener, externalUrlToOpen } from '../../main/external-links';
import { guardWebContents, type GuardedContents } from '../../main/web-contents-guard';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, withProductionCsp } from '../../src/server/security-headers';
import { menuTemplate } from '../../main/menu';
import { isTrustedRendererUrl } from '../../main/sender-trust';
import { mainWindowOptions } from '../../main/window-options';
import { useTempDirs } from '../support/temp-dir';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (event: unknown, message: unknown) => void;

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const mainHandlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const invoked: unknown[][] = [];
  return {
    exposed,
    mainHandlers,
    rendererListeners,
    invoked,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve(null);
        },
        on: (channel: string, listener: Listener) => {
          const set = rendererListeners.get(channel) ?? new Set<Listener>();
          set.add(listener);
          rendererListeners.set(channel, set);
        },
        removeListener: (channel: string, listener: Listener) => rendererListeners.get(channel)?.delete(listener),
      },
      ipcMain: {
        handle: (channel: string, handler: Handler) => mainHandlers.set(channel, handler),
        removeHandler: (channel: string) => mainHandlers.delete(channel),
      },
      dialog: {},
      webUtils: { getPathForFile: (file: { name: string }) => `/home/oncall/logs/${file.name}` },
    },
  };
});
vi.mock('electron', () => electron.module);

const tempDir = useTempDirs();
const RENDERER_DIR = '/opt/Hindsight/resources/app.asar/.vite/renderer/main_window';
const INDEX_PATH = join(RENDERER_DIR, 'index.html');

/** Every member of the contract's bridge; the compiler rejects this object if the interface changes. */
const BRIDGE_MEMBERS: Record<keyof HindsightBridge, true> = { transport: true, call: true, on: true, pick: true, pathForFile: true };

describe('the preload', () => {
  it('exposes exactly the contract’s bridge as window.hindsight, over the named channels', async () => {
    await import('../../main/preload');
    expect([...electron.exposed.keys()]).toEqual(['hindsight']);
    const bridge = electron.exposed.get('hindsight') as HindsightBridge;
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(BRIDGE_MEMBERS).sort());
    expect(bridge.transport).toBe('electron');
    expect(bridge.pathForFile?.(new File(['x'], 'syslog'))).toBe('/home/oncall/logs/syslog');

    await bridge.call('events.get', { id: 7 });
    await bridge.pick('import-paths');
    expect(electron.invoked).toEqual([
      ['api:call', 'events.get', { id: 7 }],
      ['api:pick', 'import-paths'],
    ]);

    const progress: unknown[] = [];
    const unsubscribe = bridge.on('import.progress', (payload) => progress.push(payload));
    const deliver = (message: unknown) => {
      for (const listener of electron.rendererListeners.get('api:event') ?? []) listener({}, message);
    };
    deliver({ name: 'import.progress', payload: { lines: 10 } });
    deliver({ name: 'incident.changed', payload: { incident: null } });
    unsubscribe();
    deliver({ name: 'import.progress', payload: { lines: 20 } });
    expect(progress).toEqual([{ lines: 10 }]);
    expect(electron.rendererListeners.get('api:event')?.size).toBe(0);
  });
});

describe('the IPC layer', () => {
  const trusted = { senderFrame: { url: 'app://hindsight/index.html' } };
  const foreign = { senderFrame: { url: 'https://evil.example/' } };

  /** Registers IPC over a real service; read-only so routing `incident.openSample` does not generate the sample. */
  async function registered() {
    const { registerIpc } = await import('../../main/ipc');
    const dir = tempDir();
    const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined, readOnly: true });
    const picks: string[] = [];
    const unregister = registerIpc({
      handlers: service.handlers,
      isTrustedUrl: (url) => isTrustedRendererUrl(url, { rendererDir: RENDERER_DIR }),
      pick: (_event, kind) => {
        picks.push(kind);
        return Promise.resolve(['/tmp/x.hindsight']);
      },
    });
    const handler = (channel: string): Handler => {
      const found = electron.mainHandlers.get(channel);
      if (!found) throw new Error(`no handler for ${channel}`);
      return found;
    };
    return { service, picks, unregister, handler };
  }

  it('serves every API method through the one typed call channel', async () => {
    const { service, unregister, handler } = await registered();
    expect([...electron.mainHandlers.keys()].sort()).toEqual(['api:call', 'api:pick']);
    const call = handler('api:call');
    for (const method of API_METHODS) {
      const envelope = (await call(trusted, method, {})) as ApiEnvelope<unknown>;
      expect(envelope.ok || envelope.error.code, method).not.toBe('unknown_method');
    }
    expect(await call(trusted, 'app.status', {})).toMatchObject({ ok: true, value: { incident: null } });
    expect(await call(trusted, 'events.delete', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    unregister();
    expect(electron.mainHandlers.size).toBe(0);
    service.close();
  });

  it('refuses calls and pickers from any frame that is not the app’s own page', async () => {
    const { service, picks, unregister, handler } = await registered();
    expect(await handler('api:call')(foreign, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handler('api:call')({ senderFrame: null }, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(() => handler('api:pick')(foreign, 'open-incident')).toThrow(/own window/);
    expect(() => handler('api:pick')(trusted, 'anything')).toThrow(/Unknown picker kind/);
    expect(await handler('api:pick')(trusted, 'open-incident')).toEqual(['/tmp/x.hindsight']);
    expect(picks).toEqual(['open-incident']);
    unregister();
    service.close();
  });
});

describe('the window and its trust rules', () => {
  it('creates the window isolated, sandboxed and without Node in the page', () => {
    const options = mainWindowOptions('/app/.vite/build/preload.js');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/.vite/build/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('trusts only app://hindsight/index.html, or only the dev server’s origin in development; never a file:// page', () => {
    const packaged = { rendererDir: RENDERER_DIR };
    expect(isTrustedRendererUrl('app://hindsight/index.html#t=1&from=0&to=2', packaged)).toBe(true);
    for (const url of [pathToFileURL(INDEX_PATH).href, 'app://evil/index.html', 'app://hindsight/other.html', 'https://evil.example/', 'hindsight://open?t=1', 'not a url']) {
      expect(isTrustedRendererUrl(url, packaged), url).toBe(false);
    }
    expect(isTrustedRendererUrl(undefined, packaged)).toBe(false);
    const dev = { devServerUrl: 'http://localhost:5173', rendererDir: RENDERER_DIR };
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl(pathToFileURL(INDEX_PATH).href, dev)).toBe(false);
  });

  it('opens the last .hindsight file named on the command line, never taking a hindsight:// link for one', () => {
    expect(incidentPathFromArgv(['/usr/bin/hindsight', '--no-sandbox', '/data/a.hindsight', '/data/b.HINDSIGHT'])).toBe('/data/b.HINDSIGHT');
    expect(incidentPathFromArgv(['/usr/bin/hindsight', '.'])).toBeNull();
    expect(incidentPathFromArgv(['/usr/bin/hindsight', '/data/a.hindsight', 'hindsight://open?q=x.hindsight'])).toBe('/data/a.hindsight');
  });

  it('has a File menu whose items run the shell’s actions', () => {
    const calls: string[] = [];
    const record = (name: string) => () => calls.push(name);
    const template = menuTemplate(
      { newIncident: record('new'), openIncident: record('open'), openSample: record('sample'), importPaths: record('import'), about: record('about') },
      'linux',
    );
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'editMenu', 'View', 'help']);
    const file = template[0]?.submenu as { label?: string; click?: () => void }[];
    expect(file.filter((item) => item.label).map((item) => item.label)).toEqual(['New Incident…', 'Open Incident…', 'Open Sample Incident', 'Import…']);
    for (const item of file) item.click?.();
    expect(calls).toEqual(['new', 'open', 'sample', 'import']);
  });
});

describe('the Forge configuration', () => {
  it('builds main, preload, the three workers and the main_window renderer with Vite, and sets the security fuses', () => {
    const names = (config.plugins ?? []).map((plugin) => (plugin as { name: string }).name);
    expect(names).toEqual(['vite', 'auto-unpack-natives', 'fuses']);
    const vite = config.plugins?.[0] as unknown as { config: { build: { entry: string }[]; renderer: { name: string }[] } };
    expect(vite.config.build.map((entry) => entry.entry)).toEqual(['main/main.ts', 'main/preload.ts', 'src/importers/parse-worker.ts', 'src/store/fleet-worker.ts', 'src/store/lod-worker.ts']);
    expect(vite.config.renderer.map((entry) => entry.name)).toEqual(['main_window']);
    const fuses = config.plugins?.[2] as unknown as { fusesConfig: Record<number, boolean> };
    expect(fuses.fusesConfig).toMatchObject({ 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false });
  });

  it('packages the Vite output and better-sqlite3’s runtime files, not the rest of the tree', () => {
    const ignore = config.packagerConfig?.ignore as (file: string) => boolean;
    for (const kept of ['/package.json', '/.vite/build/main.js', '/node_modules', '/node_modules/better-sqlite3/lib/index.js', '/node_modules/better-sqlite3/build/Release/better_sqlite3.node', '/node_modules/bindings/bindings.js']) {
      expect(ignore(kept), kept).toBe(false);
    }
    for (const dropped of ['/src/api/service.ts', '/node_modules/react/index.js', '/node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', '/node_modules/better-sqlite3/build/Release/obj/x.o', '/test/e2e']) {
      expect(ignore(dropped), dropped).toBe(true);
    }
  });
});

describe('navigation, new windows and the system browser', () => {
  /** A stand-in for WebContents that records what the guard registers, so the test can fire events. */
  function guardedContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
    } as unknown as GuardedContents;
    const opened: string[] = [];
    let nowMs = 0;
    guardWebContents(contents, createExternalOpener((url) => opened.push(url), () => nowMs));
    const fire = (name: string, url?: string): boolean => {
      let isPrevented = false;
      listeners.get(name)?.({ preventDefault: () => (isPrevented = true) }, url);
      return isPrevented;
    };
    return { fire, open: (url: string) => openHandler!({ url }), opened, advance: (ms: number) => (nowMs += ms) };
  }

  it('refuses every navigation and redirect, even to http(s), and every <webview>', () => {
    const { fire, opened } = guardedContents();
    for (const url of ['https://evil.example/', 'http://127.0.0.1:9999/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(fire('will-navigate', url), url).toBe(true);
      expect(fire('will-redirect', url), url).toBe(true);
    }
    expect(fire('will-attach-webview')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every new window, sending only clicked http(s) links to the system browser, one per second', () => {
    const { open, opened, advance } = guardedContents();
    expect(open('https://runbooks.example/rsync#step-2')).toEqual({ action: 'deny' });
    advance(1000);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'https://bank.example@evil.example/', `https://x.example/${'a'.repeat(3000)}`]) {
      expect(open(url), url).toEqual({ action: 'deny' });
      advance(1000);
    }
    open('http://wiki.example/a');
    open('http://wiki.example/b');
    expect(opened).toEqual(['https://runbooks.example/rsync#step-2', 'http://wiki.example/a']);
    expect(externalUrlToOpen('HTTPS://Wiki.Example/Page')).toBe('https://wiki.example/Page');
  });
});

describe('the Content-Security-Policy', () => {
  it('allows no eval, no inline script or style, no plugins, frames or remote content', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY]) {
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
      for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
        expect(policy).toContain(directive);
      }
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('is written into the built index.html in place of the development policy (file:// pages get no headers)', () => {
    const source = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    const built = withProductionCsp(source);
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(built)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(() => withProductionCsp('<!doctype html><title>no policy</title>')).toThrow(/no Content-Security-Policy/);
  });
});
