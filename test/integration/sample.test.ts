import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { DEFAULT_SAMPLE_SEED, SAMPLE_TITLE, writeSampleIncident } from '../../src/sample/sample-incident';
import { IncidentDb } from '../../src/store/incident-db';
import type { ImportSummary } from '../../src/model/incident';

const HOUR_MS = 3_600_000;

describe('writeSampleIncident at the default size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-sample-incident-'));
  const path = join(dir, 'sample.hindsight');
  let summary: ImportSummary;
  let incident: IncidentDb;

  beforeAll(async () => {
    const startedMs = performance.now();
    summary = await writeSampleIncident(path);
    console.log(`sample incident: ${summary.totals.events} events, ${summary.totals.unparsed} unparsed, written in ${Math.round(performance.now() - startedMs)} ms`);
    incident = IncidentDb.open(path, { readOnly: true });
  }, 120_000);

  afterAll(() => {
    incident?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds at least 200,000 events from five complete sources over several hours', () => {
    const db = incident.db;
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBeGreaterThanOrEqual(200_000);
    const sources = db.prepare('SELECT name, status, format, event_count FROM sources ORDER BY name').all() as { name: string; status: string; event_count: number }[];
    expect(sources.length).toBeGreaterThanOrEqual(5);
    expect(sources.every((source) => source.status === 'complete' && source.event_count > 0)).toBe(true);
    const span = db.prepare('SELECT min(ts_ms) AS firstMs, max(ts_ms) AS lastMs FROM events').get() as { firstMs: number; lastMs: number };
    expect(span.lastMs - span.firstMs).toBeGreaterThanOrEqual(5 * HOUR_MS);
    expect(summary.totals.events).toBe(db.prepare('SELECT count(*) FROM events').pluck().get());
  });

  it('keeps a few damaged lines as unparsed rows with reasons', () => {
    const rows = incident.db.prepare('SELECT reason FROM unparsed').pluck().all() as string[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.every((reason) => reason.length > 0)).toBe(true);
  });

  it('maps host, service, level and kind so the replay can follow the rollout', () => {
    const db = incident.db;
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(DISTINCT host) FROM events WHERE host LIKE 'storage-%'")).toBe(48);
    expect(count("SELECT count(*) FROM events WHERE level = 'unknown' AND kind IS NOT 'message'")).toBe(0);
    expect(count("SELECT count(*) FROM events WHERE kind = 'rollout.paused' AND service = 'rollout-controller'")).toBe(1);
    expect(count("SELECT count(*) FROM events WHERE kind = 'host.rollback.completed' AND json_extract(attrs, '$.to_version') = 'ubuntu-22.04-20260301'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM events WHERE message LIKE 'rsync: failed to open segment % metadata: No such file or directory' AND host LIKE 'storage-%' AND level = 'error'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM events WHERE kind = 'message'")).toBeGreaterThanOrEqual(24);
    const errors = count("SELECT count(*) FROM events WHERE level IN ('error', 'fatal')");
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(count('SELECT count(*) FROM events') / 20);
  });

  it('stores the sample title', () => {
    expect(incident.getMeta('title')).toBe(SAMPLE_TITLE);
  });
});

describe('writeSampleIncident refusals', () => {
  it('refuses to overwrite an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-sample-incident-'));
    try {
      const path = join(dir, 'small.hindsight');
      await writeSampleIncident(path, { seed: DEFAULT_SAMPLE_SEED, scale: 0.05 });
      const refusal = await writeSampleIncident(path, { scale: 0.05 }).catch((err: unknown) => err);
      expect(refusal).toBeInstanceOf(ApiError);
      expect(refusal).toMatchObject({ code: 'io_error' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
