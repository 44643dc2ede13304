/**
 * Launches the built Electron app (`npm run build` output) with Playwright and checks the window is the
 * locked-down Hindsight window. Runs only where the Electron binary exists; skips with the reason elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const projectDir = join(__dirname, '..', '..');

/** The Electron executable, found without triggering the electron package's download-on-require. */
function electronBinary(): { path: string } | { reason: string } {
  const packageDir = join(projectDir, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'node_modules/electron has no downloaded binary (path.txt is missing)' };
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  const path = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relativePath)
    : join(packageDir, 'dist', relativePath);
  return existsSync(path) ? { path } : { reason: `${path} does not exist` };
}

function skipReason(): string | null {
  const binary = electronBinary();
  if ('reason' in binary) return `Electron binary not available here: ${binary.reason}.`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'Electron binary is present but there is no display (set DISPLAY or run under xvfb-run).';
  }
  if (!existsSync(join(projectDir, '.vite', 'build', 'main.js'))) return 'The Electron bundles are not built; run `npm run build` first.';
  return null;
}

test('the Electron app opens one isolated window with only the contract bridge', async () => {
  const reason = skipReason();
  test.skip(reason !== null, reason ?? '');
  const binary = electronBinary() as { path: string };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const app = await electron.launch({
    executablePath: binary.path,
    args: [...(isRoot ? ['--no-sandbox'] : []), projectDir],
    cwd: projectDir,
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Hindsight/);
    // Served from the privileged app:// scheme (main/app-protocol.ts), never from file://.
    expect(window.url()).toMatch(/^app:\/\/hindsight\/index\.html/);
    const surface = await window.evaluate(() => ({
      bridgeKeys: Object.keys((window as unknown as { hindsight: object }).hindsight).sort(),
      transport: (window as unknown as { hindsight: { transport: string } }).hindsight.transport,
      hasRequire: typeof (window as unknown as { require?: unknown }).require,
      hasProcess: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ bridgeKeys: ['call', 'on', 'pick', 'transport'], transport: 'electron', hasRequire: 'undefined', hasProcess: 'undefined' });
    const status = await window.evaluate(() =>
      (window as unknown as { hindsight: { call(method: string, args: unknown): Promise<{ ok: boolean }> } }).hindsight.call('app.status', {}),
    );
    expect(status.ok).toBe(true);
  } finally {
    await app.close();
  }
});
