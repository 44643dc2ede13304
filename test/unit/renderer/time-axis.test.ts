import { describe, expect, it } from 'vitest';
import { chooseTickStepMs, computeTicks, tickLabel } from '../../../renderer/timeline/time-axis';

const T0 = Date.UTC(2024, 2, 10, 14, 0, 0);

describe('time axis', () => {
  it('labels an hour with round minutes', () => {
    const ticks = computeTicks(T0, T0 + 3_600_000, 1200);
    expect(ticks.length).toBeGreaterThanOrEqual(6);
    expect(ticks.map((t) => t.label)).toContain('14:30');
    for (const tick of ticks) expect(tick.tsMs % 60_000).toBe(0);
  });

  it('keeps ticks at least the minimum spacing apart at any zoom', () => {
    for (const spanMs of [20, 900, 45_000, 3_600_000, 86_400_000 * 3, 86_400_000 * 400]) {
      const ticks = computeTicks(T0, T0 + spanMs, 1000, 96);
      expect(ticks.length).toBeGreaterThan(0);
      for (let i = 1; i < ticks.length; i += 1) expect(ticks[i]!.xPx - ticks[i - 1]!.xPx).toBeGreaterThanOrEqual(96 - 1e-6);
    }
  });

  it('shows milliseconds only when the step needs them', () => {
    expect(tickLabel(T0 + 250, 50)).toBe('14:00:00.250');
    expect(tickLabel(T0 + 5000, 5000)).toBe('14:00:05');
    expect(tickLabel(Date.UTC(2024, 2, 11), 3_600_000)).toBe('2024-03-11');
  });

  it('marks UTC midnight as a day start', () => {
    const ticks = computeTicks(Date.UTC(2024, 2, 10, 20), Date.UTC(2024, 2, 11, 4), 800);
    expect(ticks.filter((t) => t.isDayStart).map((t) => t.label)).toEqual(['2024-03-11']);
  });

  it('picks a step no smaller than the spacing needs', () => {
    expect(chooseTickStepMs(60_000, 600, 100)).toBe(10_000);
  });
});
