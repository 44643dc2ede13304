import { describe, expect, it } from 'vitest';
import type { RunbookLink } from '../../../src/model/runbook';
import { TRAIL_MS, linksNear } from '../../../renderer/runbooks/links-near';

let nextId = 1;
const link = (runbookId: string, tsMs: number, endMs: number, dismissedMs: number | null = null): RunbookLink => ({
  id: nextId++,
  runbookId,
  title: runbookId,
  origin: 'auto',
  eventId: 1,
  tsMs,
  endMs,
  matchCount: 3,
  createdMs: 0,
  dismissedMs,
});

describe('linksNear (the "Runbooks here" list)', () => {
  const links = [link('metrics', 0, 100_000), link('rsync', 40_000, 60_000), link('cron', 70_000, 71_000), link('cron', 200_000, 201_000), link('gone', 40_000, 60_000, 5)];
  const severity = new Map([
    ['metrics', 'low'],
    ['rsync', 'high'],
    ['cron', 'medium'],
  ] as const);

  it('lists active runbooks first, most severe first, and hides dismissed links', () => {
    const here = linksNear(links, 50_000, severity);
    expect(here.map((h) => [h.link.runbookId, h.isActive])).toEqual([
      ['rsync', true],
      ['metrics', true],
      ['cron', false],
    ]);
    expect(here[2]!.sinceLastMs).toBe(50_000 - 70_000);
  });

  it('keeps a runbook for a while after its last match, with the time since, then drops it', () => {
    expect(linksNear(links, 100_000 + TRAIL_MS - 1, severity).map((h) => [h.link.runbookId, h.isActive])).toEqual([
      ['cron', false],
      ['metrics', false],
    ]);
    expect(linksNear(links, 71_000 + 5_000, severity).find((h) => h.link.runbookId === 'cron')?.sinceLastMs).toBe(5_000);
    expect(linksNear(links, 10_000_000, severity)).toEqual([]);
  });

  it('shows one entry per runbook: the closest of its links', () => {
    const cron = linksNear(links, 199_000, severity).filter((h) => h.link.runbookId === 'cron');
    expect(cron).toHaveLength(1);
    expect(cron[0]!.link.tsMs).toBe(200_000);
  });
});
