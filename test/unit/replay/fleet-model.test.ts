/** The rollout model on small hand-written event sets, including the awkward ones. */
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/model/event';
import { FleetBuilder } from '../../../src/replay/fleet-builder';
import { FleetModel } from '../../../src/replay/fleet-model';
import { packTimeline, unpackTimeline } from '../../../src/replay/host-timeline';
import type { ReplayEvent } from '../../../src/replay/rollout-signals';

const OLD = 'img-1';
const NEW = 'img-2';
let nextId = 1;

function ev(tsMs: number, host: string | null, kind: string | null, attrs: Record<string, unknown> | null = null, level: Level = 'info', message = ''): ReplayEvent {
  return { id: nextId++, tsMs, host, level, kind, message, attrs };
}

function controller(tsMs: number, host: string, kind: string, extra: Record<string, unknown> = {}, level: Level = 'info'): ReplayEvent {
  const isRollback = kind.startsWith('host.rollback');
  const attrs = { role: host.replace(/-\d+$/, ''), rollout_id: 'r1', from_version: isRollback ? NEW : OLD, to_version: isRollback ? OLD : NEW, ...extra };
  return ev(tsMs, host, kind, attrs, level);
}

function modelOf(events: ReplayEvent[]): FleetModel {
  const builder = new FleetBuilder();
  for (const e of events) builder.add(e);
  return new FleetModel(builder.finish());
}

function hostAt(model: FleetModel, host: string, tsMs: number) {
  const state = model.stateAt(tsMs).hosts.find((h) => h.host === host);
  if (!state) throw new Error(`no host ${host}`);
  return state;
}

/** A normal upgrade of web-1 (wave 1), a failed one rolled back on db-1, and db-2 that is told to upgrade but never reports again. */
function rolloutEvents(): ReplayEvent[] {
  return [
    controller(1000, 'web-1', 'host.upgrade.started', { wave: 1, phase: 'drain' }),
    controller(2000, 'web-1', 'host.reimage.started', { wave: 1, phase: 'reimage', os_image: NEW }),
    controller(3000, 'web-1', 'host.reimage.completed', { wave: 1, phase: 'reimage', os_image: NEW }),
    controller(4000, 'web-1', 'host.bootstrap.started', { wave: 1, phase: 'bootstrap' }),
    controller(5000, 'web-1', 'host.upgrade.completed', { wave: 1, phase: 'healthy', os_image: NEW }),
    controller(1000, 'db-1', 'host.upgrade.started', { wave: 1, phase: 'reimage' }),
    controller(3000, 'db-1', 'host.reimage.completed', { wave: 1, phase: 'reimage', os_image: NEW }),
    controller(6000, 'db-1', 'host.bootstrap.failed', { wave: 1, phase: 'failed' }, 'error'),
    controller(6050, 'db-1', 'host.upgrade.failed', { wave: 1, phase: 'failed' }, 'error'),
    controller(9000, 'db-1', 'host.rollback.started', { wave: null, phase: 'reimage' }, 'warn'),
    controller(12000, 'db-1', 'host.rollback.completed', { wave: null, phase: 'rolled_back', os_image: OLD }),
    controller(7000, 'db-2', 'host.upgrade.started', { wave: 2, phase: 'drain' }),
    ev(500, 'cache-1', null, null, 'info', 'started'),
    ev(900, null, 'rollout.started', { rollout_id: 'r1' }, 'info', 'rollout r1 started'),
  ];
}

describe('stateAt', () => {
  it('walks a host through pending, updating (with its step and versions) and done', () => {
    const model = modelOf(rolloutEvents());
    expect(hostAt(model, 'web-1', 500)).toMatchObject({ phase: 'pending', version: OLD, targetVersion: null, step: null });
    expect(hostAt(model, 'web-1', 2500)).toMatchObject({ phase: 'updating', step: 'reimage', version: OLD, targetVersion: NEW, wave: 1 });
    expect(hostAt(model, 'web-1', 3500)).toMatchObject({ phase: 'updating', version: NEW });
    expect(hostAt(model, 'web-1', 5000)).toMatchObject({ phase: 'done', version: NEW, targetVersion: null, step: null });
  });

  it('shows a failed host as failed with an error, then rolled back on the old version', () => {
    const model = modelOf(rolloutEvents());
    expect(hostAt(model, 'db-1', 6100)).toMatchObject({ phase: 'failed', step: 'bootstrap', version: NEW, health: 'error', errorCount: 2 });
    expect(hostAt(model, 'db-1', 10_000)).toMatchObject({ phase: 'updating', targetVersion: OLD, health: 'error', errorCount: 2, warnCount: 1 });
    expect(hostAt(model, 'db-1', 13_000)).toMatchObject({ phase: 'rolled_back', version: OLD, targetVersion: null });
  });

  it('keeps a host that never reports after it was started in its last known phase, silent once the health window passes', () => {
    const model = modelOf(rolloutEvents());
    expect(hostAt(model, 'db-2', 7500)).toMatchObject({ phase: 'updating', step: 'drain', version: OLD, health: 'ok' });
    const later = model.stateAt(7000 + 10 * 60_000).hosts.find((h) => h.host === 'db-2');
    expect(later).toMatchObject({ phase: 'updating', health: 'silent', lastEventTsMs: 7000 });
  });

  it('marks hosts no rollout event names as not in the rollout', () => {
    const model = modelOf(rolloutEvents());
    expect(hostAt(model, 'cache-1', 13_000)).toMatchObject({ phase: 'not_in_rollout', version: null, group: 'cache' });
  });

  it('gives the same answers whatever order the events arrive in', () => {
    const ordered = rolloutEvents();
    const shuffled = [...ordered].reverse();
    const a = modelOf(ordered);
    const b = modelOf(shuffled);
    for (const t of [0, 1500, 3000, 6049, 6100, 9500, 12_000, 20_000]) {
      const strip = (s: ReturnType<FleetModel['stateAt']>) => s.hosts.map(({ lastEventId: _id, ...rest }) => rest);
      expect(strip(b.stateAt(t))).toEqual(strip(a.stateAt(t)));
    }
  });

  it('counts hosts per phase and per health', () => {
    const state = modelOf(rolloutEvents()).stateAt(6100);
    expect(state.phaseCounts).toMatchObject({ done: 1, failed: 1, pending: 1, updating: 0, not_in_rollout: 1 });
    expect(state.hosts.map((h) => h.host)).toEqual(['cache-1', 'db-1', 'db-2', 'web-1']);
  });
});

describe('rollouts', () => {
  it('finds the rollout with its versions, hosts, waves, final phases and markers', () => {
    const [rollout, ...others] = modelOf(rolloutEvents()).rollouts();
    expect(others).toEqual([]);
    expect(rollout).toMatchObject({ id: 'r1', fromVersion: OLD, toVersion: NEW, hostCount: 3, startMs: 900, endMs: 12_000 });
    expect(rollout!.phaseCounts).toMatchObject({ done: 1, rolled_back: 1, updating: 1 });
    expect(rollout!.waves).toEqual([
      { wave: 1, startMs: 1000, endMs: 6050, hostCount: 2 },
      { wave: 2, startMs: 7000, endMs: 7000, hostCount: 1 },
    ]);
    expect(rollout!.markers.map((m) => m.kind)).toEqual(['rollout.started']);
  });

  it('reads upgrades from plain messages and version attributes without a controller', () => {
    const model = modelOf([
      ev(100, 'app-1', null, { version: '1.4.0' }),
      ev(200, 'app-1', null, null, 'info', 'upgrading app-1 from 1.4.0 to 1.5.0'),
      ev(300, 'app-1', null, null, 'info', 'app-1 upgraded to 1.5.0'),
      ev(100, 'app-2', null, { version: '1.4.0' }),
      ev(400, 'app-2', null, { version: '1.5.0' }),
      ev(500, 'app-2', null, { version: '1.4.0' }),
    ]);
    expect(hostAt(model, 'app-1', 250)).toMatchObject({ phase: 'updating', version: '1.4.0', targetVersion: '1.5.0' });
    expect(hostAt(model, 'app-1', 300)).toMatchObject({ phase: 'done', version: '1.5.0' });
    expect(hostAt(model, 'app-2', 300)).toMatchObject({ phase: 'pending', version: '1.4.0' });
    expect(hostAt(model, 'app-2', 450)).toMatchObject({ phase: 'done', version: '1.5.0' });
    expect(hostAt(model, 'app-2', 600)).toMatchObject({ phase: 'rolled_back', version: '1.4.0' });
    expect(model.rollouts().map((r) => r.id)).toEqual(['1.4.0 → 1.5.0']);
  });

  it('reads Kubernetes ReplicaSet scaling and GitHub deployment statuses', () => {
    const model = modelOf([
      ev(100, null, 'ScalingReplicaSet', null, 'info', 'Scaled up replica set web-7d9f8c6b5 to 1'),
      ev(200, null, 'ScalingReplicaSet', null, 'info', 'Scaled down replica set web-5c4b3a291 to 2'),
      ev(300, null, 'ScalingReplicaSet', null, 'info', 'Scaled down replica set web-5c4b3a291 to 0'),
      ev(100, null, 'deployment_status', { environment: 'production', state: 'in_progress', sha: 'abc123' }),
      ev(400, null, 'deployment_status', { environment: 'production', state: 'failure', sha: 'abc123' }),
    ]);
    expect(hostAt(model, 'deployment/web', 150)).toMatchObject({ phase: 'updating', targetVersion: '7d9f8c6b5', group: 'deployments' });
    expect(hostAt(model, 'deployment/web', 300)).toMatchObject({ phase: 'done', version: '7d9f8c6b5' });
    expect(hostAt(model, 'env/production', 200)).toMatchObject({ phase: 'updating', targetVersion: 'abc123', group: 'environments' });
    expect(hostAt(model, 'env/production', 400)).toMatchObject({ phase: 'failed' });
  });

  it('reads OpenShift ClusterVersion upgrade history as the cluster upgrading and upgraded', () => {
    const cluster = { object: 'ClusterVersion', name: 'version', cluster: 'c1' };
    const model = modelOf([
      ev(100, null, 'openshift.upgrade', { ...cluster, state: 'Completed', version: '4.14.8' }, 'info', 'upgrade to 4.14.8 Completed'),
      ev(500, null, 'openshift.upgrade', { ...cluster, state: 'Partial', version: '4.14.12' }, 'warn', 'upgrade to 4.14.12 Partial'),
    ]);
    expect(hostAt(model, 'cluster/c1', 200)).toMatchObject({ phase: 'done', version: '4.14.8', group: 'clusters' });
    expect(hostAt(model, 'cluster/c1', 600)).toMatchObject({ phase: 'updating', targetVersion: '4.14.12' });
  });
});

describe('groups', () => {
  it('takes groups from attributes, then host names, and lets user rules override both', () => {
    const builder = new FleetBuilder();
    for (const e of [ev(1, 'storage-17', null), ev(1, 'ip-10-0-1-5', null, { asg: 'edge-asg' }), ev(1, 'web03.prod.example.com', null), ev(1, '10', null)]) builder.add(e);
    const model = new FleetModel(builder.finish());
    const groups = () => Object.fromEntries(model.hosts().map((h) => [h.host, `${h.group}/${h.groupOrigin}`]));
    expect(groups()).toEqual({ 'storage-17': 'storage/name', 'ip-10-0-1-5': 'edge-asg/attribute', 'web03.prod.example.com': 'web/name', '10': 'ungrouped/none' });
    model.applyRules([{ id: 1, pattern: 'storage-1?', group: 'storage-teens' }]);
    expect(groups()['storage-17']).toBe('storage-teens/rule');
  });
});

describe('host timeline packing', () => {
  it('round-trips every array through the stored blob', () => {
    const builder = new FleetBuilder();
    for (const e of rolloutEvents()) builder.add(e);
    const { hosts } = builder.finish();
    for (const h of hosts) {
      const back = unpackTimeline(packTimeline(h), h);
      expect(back).toEqual(h);
    }
  });
});
