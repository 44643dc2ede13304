/** hindsight:// links (main/deep-link.ts): what the app takes from a link any web page could open. */
import { describe, expect, it } from 'vitest';
import { DEEP_LINK_MAX_CHARS, deepLinkFromArgv, viewParamsFromDeepLink } from '../../../main/deep-link';
import { decodeViewLink, encodeViewLink } from '../../../renderer/state/view-link';

describe('hindsight:// links', () => {
  it('round-trips the link "Copy link" makes into the same view', () => {
    const view = decodeViewLink('t=1794319200000&from=1794318600000&to=1794319800000&q=host%3Astorage-*%20level%3E%3Dwarn&lanes=host&axis=relative&sel=1794318900000-1794319000000');
    expect(view).not.toBeNull();
    const params = viewParamsFromDeepLink(`hindsight://open?${encodeViewLink(view!)}`);
    expect(params).not.toBeNull();
    expect(decodeViewLink(params!)).toEqual(view);
    expect(viewParamsFromDeepLink('hindsight://open/?t=1&from=0&to=2')).toBe('t=1&from=0&to=2');
  });

  it('passes the query re-encoded; the view reads only its own parameters from it', () => {
    const params = viewParamsFromDeepLink('hindsight://open?t=5&path=/etc/passwd&from=1&to=9&q=<script>#frag');
    expect(params).toBe('t=5&path=%2Fetc%2Fpasswd&from=1&to=9&q=%3Cscript%3E');
    expect(decodeViewLink(params!)).toMatchObject({ playheadMs: 5, viewport: { fromMs: 1, toMs: 9 }, filterText: '<script>' });
  });

  it('refuses anything that is not an open link of the hindsight scheme, or is too long', () => {
    for (const url of [
      'https://example.com/open?t=1',
      'hindsight://import?path=/tmp/x.jsonl',
      'hindsight://open/../../etc?t=1',
      'hindsight://user:pw@open?t=1',
      'hindsight://open:8080?t=1',
      'app://hindsight/index.html',
      'hindsight:',
      '',
      `hindsight://open?q=${'a'.repeat(DEEP_LINK_MAX_CHARS)}`,
    ]) {
      expect(viewParamsFromDeepLink(url), url).toBeNull();
    }
  });

  it('finds the link a second launch was given on its command line (Windows, Linux)', () => {
    expect(deepLinkFromArgv(['/usr/bin/hindsight', '--no-sandbox', 'hindsight://open?t=1&from=0&to=2'])).toBe('hindsight://open?t=1&from=0&to=2');
    expect(deepLinkFromArgv(['C:\\Hindsight\\hindsight.exe', '--allow-file-access-from-files', 'HINDSIGHT://open?t=3'])).toBe('HINDSIGHT://open?t=3');
    expect(deepLinkFromArgv(['/usr/bin/hindsight', '/data/a.hindsight'])).toBeNull();
    expect(deepLinkFromArgv(['hindsight://open?t=1'])).toBeNull();
  });
});
