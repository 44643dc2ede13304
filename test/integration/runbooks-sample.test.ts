import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunbookLink } from '../../src/model/runbook';
import { RunbookLibrary } from '../../src/runbooks/runbook-library';
import { RunbookLinker } from '../../src/runbooks/runbook-linker';
import { writeSampleIncident } from '../../src/sample/sample-incident';
import { getEvent } from '../../src/store/event-queries';
import { IncidentDb } from '../../src/store/incident-db';

const SHIPPED_DIR = join(__dirname, '..', '..', 'runbooks');

describe('the shipped runbooks linked to the sample incident', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-runbooks-sample-'));
  let incident: IncidentDb;
  let links: RunbookLink[];
  const utc = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  const linksOf = (id: string) => links.filter((link) => link.runbookId === id);

  beforeAll(async () => {
    await writeSampleIncident(join(dir, 'sample.hindsight'));
    incident = IncidentDb.open(join(dir, 'sample.hindsight'));
    const library = new RunbookLibrary({ shippedDir: SHIPPED_DIR, dataDir: join(dir, 'data'), isWatching: false });
    expect(library.state().invalid).toEqual([]);
    links = new RunbookLinker(library).links(incident);
  }, 180_000);

  afterAll(() => {
    incident?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links every shipped runbook somewhere in the rollout', () => {
    expect(new Set(links.map((link) => link.runbookId))).toEqual(
      new Set([
        'rsync-segment-metadata-missing',
        'storage-bootstrap-failed',
        'cron-collides-with-rollout',
        'data-expired-during-copy',
        'pause-and-roll-back-os-upgrade',
        'graceful-restart-failed',
        'missing-instrumentation-during-deploy',
      ]),
    );
  });

  it('puts the rsync runbook on the first rsync panic (storage-09, wave 3) and on the wave-4 storm', () => {
    const rsync = linksOf('rsync-segment-metadata-missing');
    const first = getEvent(incident, rsync[0]!.eventId!);
    expect(first.host).toBe('storage-09');
    expect(first.message).toMatch(/^rsync: failed to open segment [0-9a-f]+ metadata/);
    const storm = rsync.find((link) => utc(link.tsMs) < '14:00:00' && utc(link.endMs!) > '14:00:00');
    expect(storm?.matchCount).toBeGreaterThan(20);
  });

  it('puts the cron runbook on the hour, every hour the rollout was bootstrapping hosts, and never outside the rollout', () => {
    const cron = linksOf('cron-collides-with-rollout');
    expect(cron.map((link) => utc(link.tsMs))).toEqual(expect.arrayContaining(['14:00:00', '15:00:00', '16:00:00']));
    for (const link of cron) {
      expect(utc(link.tsMs)).toMatch(/^\d\d:00:0\d$/);
      expect(link.endMs! - link.tsMs).toBeLessThan(5 * 60_000);
    }
    const biggest = [...cron].sort((a, b) => b.matchCount - a.matchCount)[0]!;
    expect(utc(biggest.tsMs)).toBe('14:00:00');
  });

  it('puts the pause-and-roll-back runbook on the failed storage bootstrap, the pause and the rollback', () => {
    const rollback = linksOf('pause-and-roll-back-os-upgrade');
    expect(rollback).toHaveLength(1);
    expect(getEvent(incident, rollback[0]!.eventId!).kind).toMatch(/host\.(bootstrap|upgrade)\.failed/);
    expect(utc(rollback[0]!.tsMs) < '14:18:14' && utc(rollback[0]!.endMs!) >= '14:30:00').toBe(true);
  });

  it('puts the bootstrap runbook on the retries and failures and the graceful-restart runbook on the first drain timeout', () => {
    const bootstrap = linksOf('storage-bootstrap-failed');
    expect(getEvent(incident, bootstrap[0]!.eventId!).kind).toBe('host.bootstrap.retry');
    const graceful = linksOf('graceful-restart-failed');
    expect(getEvent(incident, graceful[0]!.eventId!).message).toMatch(/graceful restart failed|stop-sigterm/);
    expect(linksOf('data-expired-during-copy').reduce((sum, link) => sum + link.matchCount, 0)).toBeGreaterThan(10);
  });

  it('stores the links with a snapshot of each runbook, once per combination of runbooks and events', () => {
    const count = incident.db.prepare("SELECT COUNT(*) FROM runbook_links WHERE origin = 'auto' AND snapshot_id IS NOT NULL AND snapshot LIKE '---%'").pluck().get();
    expect(count).toBe(links.length);
    expect(incident.db.prepare('SELECT COUNT(*) FROM runbook_snapshots').pluck().get()).toBe(7);
  });
});
