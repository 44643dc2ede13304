/**
 * Electron's main process: one locked-down window over the same service the HTTP shell and the tests
 * use. Everything here is wiring; behaviour lives in src/.
 */
import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron';
import { join, resolve } from 'node:path';
import type { ApiMethod, ApiArgs } from '../src/api/contract';
import { dispatch } from '../src/api/dispatch';
import { createService, type HindsightService } from '../src/api/service';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../src/server/security-headers';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolResponse } from './app-protocol';
import { incidentPathFromArgv } from './command-line';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, viewParamsFromDeepLink } from './deep-link';
import { pickPaths } from './dialogs';
import { createExternalOpener } from './external-links';
import { registerIpc, sendEvent } from './ipc';
import { menuTemplate } from './menu';
import { printHtmlToPdf } from './print-pdf';
import { isTrustedRendererUrl, type RendererLocation } from './sender-trust';
import { guardWebContents } from './web-contents-guard';
import { mainWindowOptions } from './window-options';

const rendererLocation: RendererLocation = {
  devServerUrl: MAIN_WINDOW_VITE_DEV_SERVER_URL || undefined,
  rendererDir: join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}`),
};

// Must run before `ready`: app:// gets an origin, counts as secure and may be fetched from.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let mainWindow: BrowserWindow | null = null;
let isRendererLoaded = false;
let service: HindsightService | null = null;
let pendingIncidentPath: string | null = incidentPathFromArgv(process.argv);
/** View parameters of a hindsight:// link that arrived before the renderer could take it. */
let pendingViewParams: string | null = viewParamsFromDeepLink(deepLinkFromArgv(process.argv) ?? '');

/** Runs one API call from the shell itself (menu, command line) and shows a refusal as a dialog. */
async function runCall<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<void> {
  if (!service) return;
  const envelope = await dispatch(service.handlers, method, args);
  if (!envelope.ok) dialog.showErrorBox('Hindsight', envelope.error.message);
}

async function pickThen(kind: Parameters<typeof pickPaths>[1], then: (paths: string[]) => Promise<void>): Promise<void> {
  const paths = await pickPaths(mainWindow, kind, app.getPath('documents'));
  if (paths) await then(paths);
}

function openIncidentFile(path: string): void {
  if (!service) {
    pendingIncidentPath = path;
    return;
  }
  void runCall('incident.open', { path });
}

/**
 * Shows the view of a hindsight:// link: sent to a loaded renderer as a `view.link` event; before that,
 * kept to go into the page's hash when the window loads (or sent once it has loaded).
 */
function openDeepLink(url: string): void {
  const params = viewParamsFromDeepLink(url);
  if (params === null) return;
  if (mainWindow && isRendererLoaded) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    sendEvent(mainWindow, 'view.link', { params });
  } else {
    pendingViewParams = params;
  }
}

/** Makes the OS open hindsight:// links with this app (in development: this Electron with the app folder). */
function registerDeepLinks(): void {
  const appPath = process.argv[1];
  if (process.defaultApp && appPath !== undefined) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(appPath)]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}

const openExternal = createExternalOpener((url) => void shell.openExternal(url));

function hardenSession(): void {
  const policy = rendererLocation.devServerUrl
    ? devContentSecurityPolicy(new URL(rendererLocation.devServerUrl).origin)
    : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, 'preload.js')));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  isRendererLoaded = false;
  window.webContents.on('did-finish-load', () => {
    isRendererLoaded = true;
    if (pendingViewParams !== null) sendEvent(window, 'view.link', { params: pendingViewParams });
    pendingViewParams = null;
  });
  // A link that launched the app rides in the hash; the renderer applies it when an incident opens.
  const hash = pendingViewParams !== null ? `#${pendingViewParams}` : '';
  pendingViewParams = null;
  void window.loadURL(`${rendererLocation.devServerUrl ?? APP_INDEX_URL}${hash}`);
}

function start(): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererLocation.rendererDir, request));
  hardenSession();
  registerDeepLinks();
  const running = createService({
    dataDir: app.getPath('userData'),
    emit: (name, payload) => sendEvent(mainWindow, name, payload),
    printPdf: printHtmlToPdf,
  });
  service = running;
  registerIpc({
    handlers: running.handlers,
    isTrustedUrl: (url) => isTrustedRendererUrl(url, rendererLocation),
    pick: (event, kind) => pickPaths(BrowserWindow.fromWebContents(event.sender), kind, app.getPath('documents')),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        newIncident: () => void pickThen('create-incident', ([path]) => (path ? runCall('incident.create', { path }) : Promise.resolve())),
        openIncident: () => void pickThen('open-incident', ([path]) => (path ? runCall('incident.open', { path }) : Promise.resolve())),
        openSample: () => void runCall('incident.openSample', {}),
        importPaths: () => void pickThen('import-paths', (paths) => runCall('import.paths', { paths })),
        about: () =>
          void dialog.showMessageBox({ type: 'info', title: 'About Hindsight', message: `Hindsight ${app.getVersion()}`, detail: 'Replay a rollout, follow the runbook, write down what broke.' }),
      }),
    ),
  );
  createWindow();
  if (pendingIncidentPath) {
    openIncidentFile(pendingIncidentPath);
    pendingIncidentPath = null;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const path = incidentPathFromArgv(argv);
    if (path) openIncidentFile(path);
    const link = deepLinkFromArgv(argv);
    if (link) openDeepLink(link);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openDeepLink(url);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openIncidentFile(path);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => {
    service?.close();
    service = null;
  });
  app.whenReady().then(start, (err: unknown) => {
    dialog.showErrorBox('Hindsight could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
