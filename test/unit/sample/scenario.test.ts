import { describe, expect, it } from 'vitest';
import { NEW_IMAGE, OLD_IMAGE } from '../../../src/sample/fleet';
import { buildScenario, SAMPLE_END_MS, SAMPLE_START_MS, spanAt } from '../../../src/sample/scenario';

const AT_14_MS = Date.UTC(2026, 10, 10, 14, 0, 0);

describe('sample scenario', () => {
  const scenario = buildScenario(20261110, 1);

  it('models a few hundred hosts in api, storage and worker groups', () => {
    const roles = new Map<string, number>();
    for (const plan of scenario.hosts) roles.set(plan.host.role, (roles.get(plan.host.role) ?? 0) + 1);
    expect(scenario.hosts.length).toBeGreaterThanOrEqual(200);
    expect(roles).toEqual(new Map([['api', 120], ['storage', 48], ['worker', 140]]));
    expect(scenario.hosts.map((plan) => plan.host.name)).toContain('storage-17');
  });

  it('gives every host contiguous phase spans that end with it serving the new image', () => {
    for (const plan of scenario.hosts) {
      for (let i = 1; i < plan.spans.length; i++) expect(plan.spans[i]!.fromMs).toBe(plan.spans[i - 1]!.toMs);
      const last = plan.spans[plan.spans.length - 1]!;
      expect(last.phase).toBe('serving');
      expect(last.image).toBe(NEW_IMAGE);
      expect(spanAt(plan, SAMPLE_START_MS).image).toBe(OLD_IMAGE);
      expect(plan.attempts.every((attempt) => attempt.startMs > SAMPLE_START_MS && (attempt.healthyMs ?? attempt.failedMs!) < SAMPLE_END_MS)).toBe(true);
    }
  });

  it('pauses, rolls failed storage hosts back to the old image, then resumes and finishes', () => {
    expect(scenario.pauseMs).toBeLessThan(scenario.rollbackMs);
    expect(scenario.rollbackMs).toBeLessThan(scenario.resumeMs);
    expect(scenario.resumeMs).toBeLessThan(scenario.completedMs);
    expect(scenario.rolledBack.length).toBeGreaterThan(0);
    for (const name of scenario.rolledBack) {
      const plan = scenario.byName.get(name)!;
      expect(plan.host.role).toBe('storage');
      expect(plan.attempts.map((attempt) => attempt.kind)).toEqual(['upgrade', 'rollback', 'upgrade']);
      expect(plan.attempts[1]!.toImage).toBe(OLD_IMAGE);
    }
  });

  it('has hosts mid-bootstrap at 14:00 at every scale', () => {
    for (const scale of [0.05, 0.25, 1]) {
      const small = buildScenario(3, scale);
      expect(small.hosts.some((plan) => spanAt(plan, AT_14_MS).phase === 'bootstrapping')).toBe(true);
    }
  });
});
