/** The Drain template miner on small hand-written inputs. */
import { describe, expect, it } from 'vitest';
import { DrainMiner, maskTokens, WILDCARD } from '../../../src/insight/drain';

describe('maskTokens', () => {
  it('masks numbers, ids, IPs and long paths but keeps words and short paths', () => {
    expect(maskTokens('accepted from 10.0.3.7 port 51234 for /data on storage-17 id deadbeefcafe01')).toEqual([
      'accepted', 'from', WILDCARD, 'port', WILDCARD, 'for', '/data', 'on', WILDCARD, 'id', WILDCARD,
    ]);
    expect(maskTokens('file has vanished: "/data.staging/segments/x.seg"')).toEqual(['file', 'has', 'vanished:', WILDCARD]);
  });
});

describe('DrainMiner', () => {
  it('gives a single event its own template', () => {
    const miner = new DrainMiner();
    expect(miner.add('rsync: failed to open segment a3f9c0de metadata: No such file or directory')).toBe(0);
    expect(miner.templates()).toEqual(['rsync: failed to open segment <*> metadata: No such file or directory']);
  });

  it('keeps identical messages in one template, unchanged', () => {
    const miner = new DrainMiner();
    for (let i = 0; i < 50; i++) miner.add('healthz ok');
    expect(miner.size).toBe(1);
    expect(miner.template(0)).toBe('healthz ok');
  });

  it('merges messages that differ in a variable word, and separates different messages', () => {
    const miner = new DrainMiner();
    const a = miner.add('cron: job backup-config failed: /data not mounted (host bootstrapping)');
    const b = miner.add('cron: job backup-segments failed: /data not mounted (host bootstrapping)');
    const c = miner.add('Stopped api-server.service.');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(miner.template(a)).toBe('cron: job <*> failed: /data not mounted (host bootstrapping)');
  });

  it('handles an empty message', () => {
    const miner = new DrainMiner();
    expect(miner.add('')).toBe(miner.add('   '));
    expect(miner.template(0)).toBe('');
  });
});
