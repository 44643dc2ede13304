/** The rollout model on the sample incident, through the real service and the CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResults } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService, type HindsightService } from '../../src/api/service';
import { NEW_IMAGE, OLD_IMAGE } from '../../src/sample/fleet';
import { writeSampleIncident } from '../../src/sample/sample-incident';

const AT_14_MS = Date.UTC(2026, 10, 10, 14, 0, 0);
const AFTER_MS = Date.UTC(2026, 10, 10, 16, 59, 0);
const REPO = resolve(__dirname, '../..');

describe('replay on the sample incident', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-replay-sample-'));
  const path = join(dir, 'sample.hindsight');
  let service: HindsightService;
  const call = async <M extends ApiMethod>(method: M, args: unknown = {}): Promise<ApiResults[M]> => {
    const envelope = await dispatch(service.handlers, method, args);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value as ApiResults[M];
  };

  beforeAll(async () => {
    await writeSampleIncident(path);
    service = createService({ dataDir: join(dir, 'data'), emit: () => {} });
    service.openIncident(path);
  }, 120_000);

  afterAll(() => {
    service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('at 14:00:00 has storage hosts bootstrapping and api hosts still on the old image', async () => {
    const state = await call('replay.stateAt', { tsMs: AT_14_MS });
    const storage = state.hosts.filter((h) => h.group === 'storage');
    const api = state.hosts.filter((h) => h.group === 'api');
    expect(storage).toHaveLength(48);
    expect(api).toHaveLength(120);
    expect(storage.some((h) => h.phase === 'updating' && h.step === 'bootstrap' && h.version === NEW_IMAGE)).toBe(true);
    expect(api.some((h) => h.phase === 'pending' && h.version === OLD_IMAGE)).toBe(true);
    expect(api.some((h) => h.phase === 'done' && h.version === NEW_IMAGE)).toBe(true);
    expect(state.hosts.every((h) => h.lastEventTsMs === null || h.lastEventTsMs <= AT_14_MS)).toBe(true);
    expect(state.hosts.find((h) => h.lastEventId !== null)?.lastEventMessage).toEqual(expect.any(String));
  });

  it('shows failed storage hosts during the bad wave and rolled-back ones after the rollback', async () => {
    const rollouts = await call('replay.rollouts');
    expect(rollouts).toHaveLength(1);
    const [rollout] = rollouts;
    expect(rollout).toMatchObject({ id: 'os-2404-20261110', fromVersion: OLD_IMAGE, toVersion: NEW_IMAGE, hostCount: 308 });
    expect(rollout!.waves.map((w) => w.wave)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rollout!.markers.map((m) => m.kind)).toEqual(expect.arrayContaining(['rollout.started', 'rollout.paused', 'rollout.resumed', 'rollout.completed']));
    const paused = rollout!.markers.find((m) => m.kind === 'rollout.paused')!;
    const atPause = await call('replay.stateAt', { tsMs: paused.tsMs });
    expect(atPause.phaseCounts.failed).toBeGreaterThan(0);
    expect(atPause.hosts.filter((h) => h.phase === 'failed').every((h) => h.group === 'storage')).toBe(true);
    const resumed = rollout!.markers.find((m) => m.kind === 'rollout.resumed')!;
    const atResume = await call('replay.stateAt', { tsMs: resumed.tsMs });
    expect(atResume.hosts.filter((h) => h.phase === 'rolled_back').every((h) => h.version === OLD_IMAGE && h.group === 'storage')).toBe(true);
    expect(atResume.phaseCounts.rolled_back).toBeGreaterThan(0);
  });

  it('after completion has every upgraded host on the new image and the gateways outside the rollout', async () => {
    const state = await call('replay.stateAt', { tsMs: AFTER_MS });
    const inRollout = state.hosts.filter((h) => h.phase !== 'not_in_rollout');
    expect(inRollout).toHaveLength(308);
    expect(inRollout.every((h) => h.phase === 'done' && h.version === NEW_IMAGE)).toBe(true);
    expect(state.hosts.filter((h) => h.phase === 'not_in_rollout').map((h) => h.group)).toEqual(['gw', 'gw', 'gw', 'gw']);
  });

  it('lists hosts with groups, and a saved grouping rule regroups them', async () => {
    const hosts = await call('replay.hosts');
    expect(hosts.find((h) => h.host === 'storage-17')).toMatchObject({ group: 'storage', groupOrigin: 'attribute', versions: [OLD_IMAGE, NEW_IMAGE] });
    const rule = await call('replay.addGroupingRule', { pattern: 'gw-*', group: 'gateways' });
    const regrouped = await call('replay.stateAt', { tsMs: AFTER_MS, hosts: ['gw-01', 'api-001'] });
    expect(regrouped.hosts.map((h) => `${h.host}:${h.group}`)).toEqual(['api-001:api', 'gw-01:gateways']);
    expect(await call('replay.groupingRules')).toEqual([rule]);
    expect(await call('replay.deleteGroupingRule', { id: rule.id })).toEqual({ deleted: true });
  });

  it('answers `hindsight state --at --json` with the same state as the API', async () => {
    service.close();
    const result = spawnSync(process.execPath, [join(REPO, 'bin/hindsight.mjs'), 'state', path, '--at', '14:00:00', '--json'], { cwd: REPO, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as ApiResults['replay.stateAt'] & { at: string };
    expect(json.at).toBe('2026-11-10T14:00:00.000Z');
    service.openIncident(path);
    expect(json).toEqual({ at: json.at, ...(await call('replay.stateAt', { tsMs: AT_14_MS })) });
  });
});
