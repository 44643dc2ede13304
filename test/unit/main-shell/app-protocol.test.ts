/**
 * The app:// scheme the packaged renderer is served from (main/app-protocol.ts), against a real folder:
 * the right file with its type and the strict CSP, and nothing outside the renderer folder.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, appProtocolResponse, appRequestPath } from '../../../main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/server/security-headers';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** A built-renderer folder beside a secret file that must never be served. */
function rendererFolder(): string {
  const dir = tempDir();
  const renderer = join(dir, 'main_window');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Hindsight</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1);');
  writeFileSync(join(dir, 'secret.txt'), 'token');
  writeFileSync(join(dir, 'main_window-evil.html'), 'sibling with a shared prefix');
  return renderer;
}

const get = (url: string) => ({ url, method: 'GET' });

describe('the app:// protocol', () => {
  it('serves the start page and assets with their types, the strict CSP and no sniffing', async () => {
    const renderer = rendererFolder();
    const page = await appProtocolResponse(renderer, get(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Hindsight</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await appProtocolResponse(renderer, get('app://hindsight/assets/index-abc.js?v=1#x'));
    expect([script.status, script.headers.get('content-type'), await script.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1);']);
    expect((await appProtocolResponse(renderer, get('app://hindsight/'))).status).toBe(200);
  });

  it('never serves a file outside the renderer folder, another host, or a method other than GET and HEAD', async () => {
    const renderer = rendererFolder();
    symlinkSync(join(renderer, '..', 'secret.txt'), join(renderer, 'assets', 'linked.txt'));
    for (const url of [
      'app://hindsight/../secret.txt',
      'app://hindsight/%2e%2e/secret.txt',
      'app://hindsight/%2E%2E%2Fsecret.txt',
      'app://hindsight/assets/..%2f..%2fsecret.txt',
      'app://hindsight/..%5csecret.txt',
      'app://hindsight/index.html%00.js',
      'app://hindsight/../main_window-evil.html',
      'app://hindsight/%E0%A4%A',
      'app://hindsight/missing.js',
      'app://hindsight/assets/linked.txt',
      'app://hindsight/assets',
      'app://evil/index.html',
      'file:///etc/passwd',
      'https://hindsight/index.html',
    ]) {
      const answer = await appProtocolResponse(renderer, get(url));
      expect(answer.status, url).toBe(404);
      expect(await answer.text(), url).not.toContain('token');
    }
    expect((await appProtocolResponse(renderer, { url: APP_INDEX_URL, method: 'POST' })).status).toBe(405);
    const head = await appProtocolResponse(renderer, { url: APP_INDEX_URL, method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('reads the path of its own host only, and asks for no privilege beyond standard, secure and fetch', () => {
    expect(appRequestPath('app://hindsight/assets/a.js?x=1#y')).toBe('/assets/a.js');
    expect(appRequestPath('app://hindsight')).toBe('/');
    expect(appRequestPath('app://other/a.js')).toBeNull();
    expect(appRequestPath('nonsense')).toBeNull();
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});
