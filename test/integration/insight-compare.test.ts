/**
 * Comparing rollouts on small generated incidents where a storage bootstrap fault is injected into one
 * rollout only: through the real service (two rollouts in one incident, and an incident against another
 * file) and through `hindsight insight compare`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResults } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService, type HindsightService } from '../../src/api/service';
import { FIXTURE_FAULT_TEMPLATE } from '../support/rollout-fixture';
import { writeRolloutFixture } from '../support/rollout-fixture-db';

const REPO = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'hindsight-insight-compare-'));
const twoRollouts = join(dir, 'two-rollouts.hindsight');
const staging = join(dir, 'staging.hindsight');
const production = join(dir, 'production.hindsight');
let service: HindsightService;

async function call<M extends ApiMethod>(method: M, args: unknown = {}): Promise<ApiResults[M]> {
  const envelope = await dispatch(service.handlers, method, args);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as ApiResults[M];
}

function hindsight(...args: string[]) {
  return spawnSync(process.execPath, [join(REPO, 'bin', 'hindsight.mjs'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, HINDSIGHT_DATA_DIR: join(dir, 'data') } });
}

beforeAll(() => {
  writeRolloutFixture(twoRollouts, { seed: 3, rollouts: 2, faultyRollouts: [1] });
  writeRolloutFixture(staging, { seed: 1 });
  writeRolloutFixture(production, { seed: 2, faultyRollouts: [0] });
  service = createService({ dataDir: join(dir, 'data'), emit: () => {} });
}, 60_000);

afterAll(() => {
  service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('comparing two rollouts of one incident', () => {
  it('aligns them at their starts and lists the injected fault, its burst and the slower bootstrap as only in the second', async () => {
    service.openIncident(twoRollouts);
    const c = await call('insight.compare');
    expect([c.a.rolloutId, c.b.rolloutId]).toEqual(['os-rollout-1', 'os-rollout-2']);
    expect(c.a.isOpenIncident && c.b.isOpenIncident).toBe(true);
    expect(c.a.waves.map((w) => Math.round(w.offsetMs / 60_000))).toEqual([0, 20, 40, 60]);
    expect(c.onlyInA).toEqual([]);
    expect(c.onlyInB.map((p) => p.template)).toEqual([FIXTURE_FAULT_TEMPLATE]);
    expect(c.onlyInB[0]).toMatchObject({ side: 'b', level: 'error', countA: 0, countB: 96, hostCount: 8 });
    expect(c.onlyInB[0]!.firstTsMs).toBeGreaterThanOrEqual(c.b.startMs);
    expect(c.burstsOnlyInA).toEqual([]);
    expect(c.burstsOnlyInB.length).toBeGreaterThan(0);
    expect(c.burstsOnlyInB[0]!.lane).toBe('service storage-bootstrap.service');
    expect(c.burstsOnlyInB[0]!.alsoLanes).toContain('storage hosts');
    expect(c.phaseDifferences.join(' ')).toMatch(/bootstrap took a median 3 min in os-rollout-1, 6 min in os-rollout-2/);
    expect(c.a.steps.map((s) => s.step)).toEqual(['drain', 'reimage', 'bootstrap', 'healthcheck']);
  });

  it('refuses, in one sentence, to pick a second rollout an incident does not have', async () => {
    service.openIncident(staging);
    await expect(call('insight.compare')).rejects.toThrow(/has only one rollout .*give another incident file/);
  });
});

describe('comparing with another incident file', () => {
  it('lists what only production did, reads the other file without changing it, and finds nothing when a rollout meets itself', async () => {
    service.openIncident(production);
    const c = await call('insight.compare', { otherPath: staging });
    expect([c.a.label, c.b.label]).toEqual(['production', 'staging']);
    expect([c.a.isOpenIncident, c.b.isOpenIncident]).toEqual([true, false]);
    expect(c.onlyInA.map((p) => p.template)).toEqual([FIXTURE_FAULT_TEMPLATE]);
    expect(c.onlyInB).toEqual([]);
    expect(c.burstsOnlyInB).toEqual([]);
    const self = await call('insight.compare', { otherPath: production });
    expect([self.onlyInA, self.onlyInB, self.burstsOnlyInA, self.burstsOnlyInB, self.phaseDifferences]).toEqual([[], [], [], [], []]);
    await expect(call('insight.compare', { otherPath: join(dir, 'missing.hindsight') })).rejects.toThrow(/no incident file at .*check the path/);
  });
});

describe('hindsight insight compare', () => {
  it('prints the two rollouts side by side and what only one did, or the documented JSON', () => {
    const text = hindsight('insight', 'compare', production, staging);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^bootstrap \(median \/ p90\)\s+6 min \/ 9 min\s+3 min \/ 3 min$/m);
    expect(text.stdout).toContain('Patterns only in A:\n  [error] `rsync: failed to open segment <*> metadata');
    expect(text.stdout).toMatch(/Bursts only in A:\n {2}service storage-bootstrap.service at T\+\d+ min/);
    const json = hindsight('insight', 'compare', twoRollouts, '--rollout-a', 'os-rollout-2', '--rollout-b', 'os-rollout-1', '--json');
    expect(json.status, json.stderr).toBe(0);
    const c = JSON.parse(json.stdout) as ApiResults['insight.compare'];
    expect(c.onlyInA[0]?.template).toBe(FIXTURE_FAULT_TEMPLATE);
    expect(Object.keys(c).sort()).toEqual(['a', 'alignedMs', 'b', 'burstsOnlyInA', 'burstsOnlyInB', 'onlyInA', 'onlyInB', 'phaseDifferences']);
    const missing = hindsight('insight', 'compare', staging);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^staging.hindsight has only one rollout \(os-rollout-1\); give another incident file to compare it with\.$/);
  });
});
