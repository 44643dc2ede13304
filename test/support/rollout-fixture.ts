/**
 * Small synthetic rollout incidents for comparison tests: hosts in two groups (api, storage) go through
 * drain → reimage → bootstrap → health check in waves, written as rollout-controller events with steady
 * journal chatter around them, as JSON lines (for e2e specs, which import them) or written straight into an
 * incident (rollout-fixture-db.ts). `fault` injects, only where asked, an rsync-style error on storage hosts
 * while they bootstrap plus a burst of those errors; `rollouts` writes several rollouts one after another.
 */
import type { Level } from '../../src/model/event';
import { Prng } from '../../src/sample/prng';

/** How to write a fixture incident. */
export interface RolloutFixtureOptions {
  seed: number;
  /** Inject the storage bootstrap fault into these rollouts (0-based). */
  faultyRollouts?: number[];
  /** How many rollouts, one after the other (default 1). */
  rollouts?: number;
  /** Hosts per group (default 8). */
  hostsPerGroup?: number;
}

/** Start of the first rollout, epoch ms (2026-03-02 09:00 UTC). */
export const FIXTURE_START_MS = Date.UTC(2026, 2, 2, 9, 0, 0);
/** Time from one rollout's start to the next one's, in ms. */
export const FIXTURE_ROLLOUT_GAP_MS = 3 * 3_600_000;
/** The template of the injected fault as Drain mines it. */
export const FIXTURE_FAULT_TEMPLATE = 'rsync: failed to open segment <*> metadata: No such file or directory';

const MINUTE_MS = 60_000;

/** One event of the fixture. */
export interface FixtureLine {
  tsMs: number;
  host: string;
  service: string;
  level: Level;
  kind: string | null;
  message: string;
  attrs: Record<string, unknown>;
}

function rolloutLines(prng: Prng, index: number, hosts: string[], isFaulty: boolean): FixtureLine[] {
  const startMs = FIXTURE_START_MS + index * FIXTURE_ROLLOUT_GAP_MS;
  const rolloutId = `os-rollout-${index + 1}`;
  const [fromVersion, toVersion] = [`image-${index + 1}`, `image-${index + 2}`];
  const lines: FixtureLine[] = [];
  const controller = (tsMs: number, host: string, kind: string, message: string, wave: number) =>
    lines.push({ tsMs, host, service: 'rollout-controller', level: 'info', kind, message, attrs: { rollout_id: rolloutId, from_version: fromVersion, to_version: toVersion, wave } });
  hosts.forEach((host, i) => {
    const wave = Math.floor(i / 4);
    let t = startMs + wave * 20 * MINUTE_MS + (i % 4) * 30_000 + prng.int(0, 20) * 1000;
    controller(t, host, 'host.upgrade.started', `upgrade of ${host} started`, wave);
    controller(t, host, 'host.drain.started', `draining ${host}`, wave);
    t += 2 * MINUTE_MS;
    controller(t, host, 'host.reimage.started', `reimaging ${host}`, wave);
    t += 4 * MINUTE_MS;
    controller(t, host, 'host.bootstrap.started', `bootstrapping ${host}`, wave);
    const isStorage = host.startsWith('storage');
    if (isFaulty && isStorage) {
      for (let k = 0; k < 12; k++) {
        const message = `rsync: failed to open segment ${prng.hex(8)} metadata: No such file or directory`;
        lines.push({ tsMs: t + 60_000 + k * 2000, host, service: 'storage-bootstrap.service', level: 'error', kind: null, message, attrs: {} });
      }
    }
    t += (isFaulty && isStorage ? 9 : 3) * MINUTE_MS;
    controller(t, host, 'host.healthcheck.started', `checking ${host}`, wave);
    t += 30_000;
    controller(t, host, 'host.upgrade.completed', `upgrade of ${host} completed`, wave);
  });
  for (let tsMs = startMs - 40 * MINUTE_MS; tsMs < startMs + 2 * 3_600_000; tsMs += 20_000) {
    for (const host of hosts) {
      if (prng.chance(0.5)) continue;
      const level: Level = prng.chance(0.03) ? 'warn' : 'info';
      const message = level === 'warn' ? `slow request ${prng.int(100, 999)}ms` : prng.pick([`served ${prng.int(10, 99)} requests`, `gc pause ${prng.int(1, 30)}ms`]);
      lines.push({ tsMs: tsMs + prng.int(0, 19_000), host, service: host.replace(/-\d+$/, '') + '.service', level, kind: null, message, attrs: {} });
    }
  }
  return lines;
}

/** Every event of a fixture, in time order. */
export function fixtureLines(options: RolloutFixtureOptions): FixtureLine[] {
  const prng = new Prng(options.seed);
  const perGroup = options.hostsPerGroup ?? 8;
  const hosts = ['api', 'storage'].flatMap((group) => Array.from({ length: perGroup }, (_, i) => `${group}-${String(i + 1).padStart(2, '0')}`));
  return Array.from({ length: options.rollouts ?? 1 }, (_, i) => rolloutLines(prng, i, hosts, options.faultyRollouts?.includes(i) ?? false))
    .flat()
    .sort((x, y) => x.tsMs - y.tsMs);
}

/** The fixture as JSON lines (`ts`, `level`, `host`, `service`, `kind`, `msg`, then the attributes). */
export function fixtureJsonLines(options: RolloutFixtureOptions): string {
  return fixtureLines(options)
    .map((l) => JSON.stringify({ ts: new Date(l.tsMs).toISOString(), level: l.level, host: l.host, service: l.service, ...(l.kind === null ? {} : { kind: l.kind }), msg: l.message, ...l.attrs }))
    .join('\n') + '\n';
}
