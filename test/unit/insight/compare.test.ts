/** Pieces of the rollout comparison and of per-lane bursts on small hand-written inputs. */
import { describe, expect, it } from 'vitest';
import { templatesMatch } from '../../../src/insight/compare-rollouts';
import { detectBursts } from '../../../src/insight/detect-bursts';
import type { DetectorInput, HostTrack, PhaseSpan } from '../../../src/insight/host-tracks';
import { sortedLane } from '../../../src/insight/problem-lanes';
import { rolloutProfile } from '../../../src/insight/rollout-profile';
import { emptyPhaseCounts, type RolloutInfo } from '../../../src/model/replay';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const MIN = 60_000;

function host(name: string, spans: PhaseSpan[], problems: number[] = []): HostTrack {
  return { host: name, group: name.replace(/-\d+$/, ''), spans, problemTsMs: Float64Array.from(problems), upgradeStartMs: spans.find((s) => s.phase === 'updating')?.fromMs ?? null };
}

function upgrade(startMs: number, bootstrapMs: number, end: 'done' | 'failed'): PhaseSpan[] {
  return [
    { fromMs: -Infinity, toMs: startMs, phase: 'pending', step: null },
    { fromMs: startMs, toMs: startMs + 2 * MIN, phase: 'updating', step: 'drain' },
    { fromMs: startMs + 2 * MIN, toMs: startMs + 2 * MIN + bootstrapMs, phase: 'updating', step: 'bootstrap' },
    { fromMs: startMs + 2 * MIN + bootstrapMs, toMs: Infinity, phase: end, step: null },
  ];
}

describe('matching templates across incidents', () => {
  it('matches equal tokens and a wildcard on either side, never a different length', () => {
    expect(templatesMatch('rsync failed on <*>', 'rsync failed on seg-1')).toBe(true);
    expect(templatesMatch('rsync <*> on seg-1', 'rsync failed on <*>')).toBe(true);
    expect(templatesMatch('rsync failed on <*>', 'rsync failed on <*> again')).toBe(false);
    expect(templatesMatch('cron job ok', 'cron job failed')).toBe(false);
  });
});

describe('a rollout profile', () => {
  it('gives each step its median over hosts, names failed hosts, and puts waves at T+ offsets', () => {
    const hosts = [host('db-1', upgrade(T0, 3 * MIN, 'done')), host('db-2', upgrade(T0 + MIN, 5 * MIN, 'done')), host('db-3', upgrade(T0 + 2 * MIN, 20 * MIN, 'failed')), host('web-1', [{ fromMs: -Infinity, toMs: Infinity, phase: 'not_in_rollout', step: null }])];
    const input: DetectorInput = { hosts, rollouts: [], firstMs: T0, lastMs: T0 + 30 * MIN };
    const rollout: RolloutInfo = { id: 'r1', fromVersion: '1', toVersion: '2', startMs: T0, endMs: T0 + 24 * MIN, hostCount: 3, phaseCounts: emptyPhaseCounts(), waves: [{ wave: 1, startMs: T0 + MIN, endMs: T0 + 5 * MIN, hostCount: 2 }], markers: [] };
    const profile = rolloutProfile({ label: 'A', incidentPath: '/a.hindsight', isOpenIncident: true }, input, rollout, ['r1'], 30 * MIN);
    expect(profile.steps).toEqual([
      { step: 'drain', hostCount: 3, medianMs: 2 * MIN, p90Ms: 2 * MIN },
      { step: 'bootstrap', hostCount: 3, medianMs: 5 * MIN, p90Ms: 20 * MIN },
    ]);
    expect(profile.failedHosts).toEqual(['db-3']);
    expect(profile.medianHostUpgradeMs).toBe(7 * MIN);
    expect(profile.waves).toEqual([{ wave: 1, tsMs: T0 + MIN, offsetMs: MIN, durationMs: 4 * MIN, hostCount: 2 }]);
  });
});

describe('bursts per lane', () => {
  it('finds a burst on a service lane that the host groups spread too thin to show, with its own key and query', () => {
    const calm = Array.from({ length: 60 }, (_, i) => T0 + i * MIN);
    const hosts = Array.from({ length: 20 }, (_, i) => host(`api-${i + 1}`, [{ fromMs: -Infinity, toMs: Infinity, phase: 'not_in_rollout', step: null }], calm));
    const input: DetectorInput = { hosts, rollouts: [], firstMs: T0, lastMs: T0 + 60 * MIN };
    const cronTimes = [T0 + 10 * MIN, T0 + 20 * MIN, ...Array.from({ length: 12 }, (_, i) => T0 + 45 * MIN + i * 1000)];
    const cron = sortedLane('service', 'cron.service', cronTimes, cronTimes.map((_, i) => `api-${(i % 12) + 1}`));
    const findings = detectBursts(input, [cron]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.key).toBe(`burst:service:cron.service:${T0 + 45 * MIN}`);
    expect(findings[0]!.title).toMatch(/^Warnings and errors from service cron.service rose 12× at 09:45:00: 12 in 60 s .* on 12 hosts/);
    expect(findings[0]!.evidence.sql).toContain('service = ?');
    expect(findings[0]!.evidence.parameters).toEqual([T0 + 45 * MIN, T0 + 46 * MIN, 'cron.service']);
  });
});
