#!/usr/bin/env node
/**
 * `npm start`: runs Hindsight as an Electron app where Electron can run, otherwise says why in one
 * sentence and serves the same UI to a browser. Stays in the foreground while the app or server runs,
 * and exits non-zero if the server dies.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rendererIndex = join(projectDir, '.vite', 'renderer', 'main_window', 'index.html');
const cliPath = join(projectDir, 'bin', 'hindsight.mjs');
const URL_PATTERN = /http:\/\/[^\s]+\?token=[A-Za-z0-9_-]+/;

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * Asks the electron package for its binary in a child process (it downloads on first use and throws
 * when that fails), so a failed download shows up as a reason instead of a stack trace.
 */
function findElectron() {
  const pathFile = join(projectDir, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) console.log('Looking for the Electron binary (the electron package downloads it on first use)…');
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: projectDir,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  const binaryPath = result.status === 0 ? result.stdout.trim() : '';
  if (binaryPath && existsSync(binaryPath)) return { binaryPath };
  const detail = `${result.stderr ?? ''}`.split('\n').find((line) => /Error|failed/i.test(line))?.trim();
  return { reason: `the Electron binary is not installed and could not be downloaded${detail ? ` (${detail.replace(/\.$/, '')})` : ''}` };
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: projectDir, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\`${[command, ...args].join(' ')}\` failed; see its output above.`);
    process.exit(result.status ?? 1);
  }
}

function openBrowser(url) {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Could not open a browser automatically; open ${url} yourself.`));
  child.unref();
}

/**
 * Keeps this process in the foreground for `child` and forwards Ctrl-C. A stop we did not ask for is an
 * error (exit non-zero), except a clean exit of the desktop app when `isCleanExitNormal` (its window closed).
 */
function supervise(child, what, isCleanExitNormal = false) {
  let isStopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      isStopping = true;
      child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not start ${what}: ${err.message}.`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (isStopping || (isCleanExitNormal && code === 0)) process.exit(0);
    console.error(`${what} stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}).`);
    process.exit(code || 1);
  });
}

function startElectron() {
  // Forge rebuilds better-sqlite3 for Electron's ABI before launching (rebuildConfig in forge.config.ts);
  // scripts/ensure-native.mjs rebuilds it for Node again before the tests.
  const forge = join(projectDir, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-forge.cmd' : 'electron-forge');
  supervise(spawn(forge, ['start'], { cwd: projectDir, stdio: 'inherit' }), 'Electron', true);
}

function startBrowserShell(reason) {
  console.log(`Electron cannot be launched here because ${reason}, so Hindsight is starting its browser shell instead.`);
  if (!existsSync(rendererIndex)) run(process.execPath, [join(projectDir, 'scripts', 'build-bundles.mjs')]);
  // `hindsight serve` repairs a better-sqlite3 left built for Electron, and opens the start screen.
  const child = spawn(process.execPath, [cliPath, 'serve'], { cwd: projectDir, stdio: ['ignore', 'pipe', 'inherit'] });
  let hasUrl = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    process.stdout.write(text);
    const url = hasUrl ? null : URL_PATTERN.exec(text)?.[0];
    if (!url) return;
    hasUrl = true;
    if (hasDisplay()) openBrowser(url);
    else console.log('No display here: open the URL above in a browser on this machine.');
  });
  supervise(child, 'The Hindsight server');
}

if (!hasDisplay()) {
  startBrowserShell('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
} else {
  const electron = findElectron();
  if (electron.binaryPath) startElectron();
  else startBrowserShell(electron.reason);
}
