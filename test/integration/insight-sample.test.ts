/** "What changed" on the sample incident (injected faults must rank high) and on a quiet incident (few findings), through the real service. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResults } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService, type HindsightService } from '../../src/api/service';
import type { InsightFinding } from '../../src/model/insight';
import { writeSampleIncident } from '../../src/sample/sample-incident';
import { Prng } from '../../src/sample/prng';
import { IncidentDb } from '../../src/store/incident-db';
import { beginBulkLoad, SourceWriter } from '../../src/store/source-writer';

const TOP = 20;

function serviceCaller(service: () => HindsightService) {
  return async <M extends ApiMethod>(method: M, args: unknown = {}): Promise<ApiResults[M]> => {
    const envelope = await dispatch(service().handlers, method, args);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value as ApiResults[M];
  };
}

describe('insight on the sample incident', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-insight-sample-'));
  const path = join(dir, 'sample.hindsight');
  let service: HindsightService;
  const call = serviceCaller(() => service);
  let top: InsightFinding[] = [];

  beforeAll(async () => {
    await writeSampleIncident(path);
    service = createService({ dataDir: join(dir, 'data'), emit: () => {} });
    service.openIncident(path);
    top = (await call('insight.findings')).findings.slice(0, TOP);
  }, 180_000);

  afterAll(() => {
    service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks the new rsync panic pattern among the top findings, with where it began', () => {
    const rsync = top.find((f) => f.kind === 'new-pattern' && f.title.includes('rsync: failed to open segment <*> metadata'));
    expect(rsync?.title).toMatch(/first seen \d\d:\d\d:\d\d on storage-\d\d, .* after it started bootstrap/);
    expect(rsync?.evidence.eventIds.length).toBeGreaterThan(0);
  });

  it('ranks storage hosts going silent during the rollout among the top findings', () => {
    expect(top.some((f) => f.kind === 'silence' && f.title.includes('in storage stopped writing'))).toBe(true);
  });

  it('finds the hourly job colliding with bootstrapping hosts at 14:00 from the events themselves', () => {
    const collision = top.find((f) => f.kind === 'periodic-collision' && f.title.includes('at 14:00:00'));
    expect(collision?.title).toMatch(/hourly at :00/);
    expect(collision?.title).toMatch(/bootstrap \d+/);
  });

  it('remembers a dismissal, and turns a finding into an annotation in one call', async () => {
    const key = top[0]!.key;
    await call('insight.dismiss', { key, author: 'test' });
    expect((await call('insight.findings')).findings.find((f) => f.key === key)?.isDismissed).toBe(true);
    await call('insight.restore', { key });
    expect((await call('insight.findings')).findings.find((f) => f.key === key)?.isDismissed).toBe(false);
    const annotation = await call('insight.toAnnotation', { key, author: 'test' });
    expect(annotation.title).toBe(top[0]!.title.slice(0, 500));
    expect(annotation.body).toContain('not a conclusion');
    expect((await call('annotations.list')).some((a) => a.uid === annotation.uid)).toBe(true);
  });

  it('compares the incident with itself and finds nothing that differs', async () => {
    const comparison = await call('insight.compare', { otherPath: path });
    expect(comparison.onlyInA).toEqual([]);
    expect(comparison.onlyInB).toEqual([]);
    expect(comparison.phaseDifferences).toEqual([]);
  });
});

describe('insight on a quiet incident', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-insight-quiet-'));
  const path = join(dir, 'quiet.hindsight');
  let service: HindsightService;
  const call = serviceCaller(() => service);

  beforeAll(() => {
    const incident = IncidentDb.open(path, { create: true });
    const prng = new Prng(7);
    const bulk = beginBulkLoad(incident);
    const writer = SourceWriter.begin(incident, { name: 'steady.jsonl', path: '/quiet/steady.jsonl', format: 'json-lines', sizeBytes: 0 });
    const startMs = Date.UTC(2026, 0, 5, 9, 0, 0);
    let line = 0;
    writer.batch(() => {
      for (let host = 1; host <= 30; host++) {
        for (let tsMs = startMs + prng.int(0, 20_000); tsMs < startMs + 4 * 3_600_000; tsMs += prng.int(15_000, 45_000)) {
          const message = prng.pick([`served ${prng.int(100, 900)} requests`, `cache hit ratio 0.${prng.int(80, 99)}`, `gc pause ${prng.int(1, 40)}ms`]);
          writer.addEvent({ tsMs, tsSubNs: 0, endMs: null, host: `web-${host}`, service: 'web', level: 'info', kind: null, message, attrsJson: '{}' }, ++line, message);
        }
      }
    });
    writer.finish('quiet', line);
    bulk.end();
    incident.close();
    service = createService({ dataDir: join(dir, 'data'), emit: () => {} });
    service.openIncident(path);
  });

  afterAll(() => {
    service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays quiet', async () => {
    const report = await call('insight.findings');
    expect(report.patternCount).toBeLessThanOrEqual(5);
    expect(report.findings.length).toBeLessThanOrEqual(2);
  });
});
