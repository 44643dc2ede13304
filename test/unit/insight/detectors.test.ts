/** Each detector on small hand-written inputs: a burst, a silence among peers, an hourly job over a bootstrap, a clock jump. */
import { describe, expect, it } from 'vitest';
import { burstEpisodes, detectBursts } from '../../../src/insight/detect-bursts';
import { detectNewPatterns } from '../../../src/insight/detect-new-patterns';
import { detectPeriodicCollisions, scheduleOf } from '../../../src/insight/detect-periodic';
import { detectSilences, type SourceLane } from '../../../src/insight/detect-silences';
import type { DetectorInput, HostTrack, PhaseSpan } from '../../../src/insight/host-tracks';
import type { MinedPattern, PatternIndex } from '../../../src/insight/pattern-index';
import { median, scaledMad } from '../../../src/insight/robust-stats';

const T0 = Date.UTC(2026, 10, 10, 11, 0, 0);
const MIN = 60_000;

/** A host as the detectors read it, with the event times that set the incident's span. */
type TestTrack = HostTrack & { eventTsMs: number[] };

function track(host: string, group: string, times: number[], spans: PhaseSpan[] = [{ fromMs: -Infinity, toMs: Infinity, phase: 'not_in_rollout', step: null }], problems: number[] = []): TestTrack {
  const upgrade = spans.find((s) => s.phase === 'updating');
  return {
    host, group, spans,
    eventTsMs: times,
    problemTsMs: Float64Array.from(problems).sort(), upgradeStartMs: upgrade ? upgrade.fromMs : null,
  };
}

function input(hosts: TestTrack[]): DetectorInput {
  const all = hosts.flatMap((h) => [...h.eventTsMs, ...h.problemTsMs]);
  return { hosts, rollouts: [], firstMs: Math.min(...all), lastMs: Math.max(...all) };
}

function pattern(id: number, template: string, hosts: { host: string; minutes: number[] }[], level: MinedPattern['level'] = 'info'): MinedPattern {
  const all = hosts.flatMap((h) => h.minutes);
  return {
    id, template, level, eventCount: all.length, firstEventId: 1,
    firstTsMs: Math.min(...all) * MIN, lastTsMs: Math.max(...all) * MIN,
    minuteCounts: new Map(all.map((m) => [m, 1])),
    hosts: hosts.map((h, i) => ({ host: h.host, firstTsMs: Math.min(...h.minutes) * MIN, firstEventId: i + 1, eventCount: h.minutes.length, minutes: Float64Array.from(h.minutes).sort() })),
  };
}

describe('robust statistics', () => {
  it('is not moved by one outlier', () => {
    expect(median([1, 2, 3, 1000])).toBe(2.5);
    expect(scaledMad([5, 5, 5, 5, 500])).toBe(0);
  });
});

describe('bursts', () => {
  it('finds a spike above a steady baseline and nothing in a steady series', () => {
    const steady = Array.from({ length: 60 }, (_, i) => 2 + (i % 3));
    expect(burstEpisodes(steady)).toEqual([]);
    const spiked = [...steady];
    spiked[40] = 60;
    spiked[41] = 45;
    const [episode, ...rest] = burstEpisodes(spiked);
    expect(rest).toEqual([]);
    expect(episode).toMatchObject({ fromMinute: 40, toMinute: 41, peakCount: 60 });
  });

  it('says which group and hosts burst', () => {
    const calm = Array.from({ length: 60 }, (_, i) => T0 + i * MIN);
    const noisy = [...calm, ...Array.from({ length: 40 }, (_, i) => T0 + 45 * MIN + i * 100)];
    const findings = detectBursts(input([track('api-1', 'api', calm, undefined, noisy), track('api-2', 'api', calm, undefined, calm)]));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain('api hosts rose');
    expect(findings[0]!.hosts[0]).toBe('api-1');
  });

  it('survives a single event and a clock jump backwards', () => {
    expect(detectBursts(input([track('h', 'g', [T0], undefined, [T0])]))).toEqual([]);
    const jumped = [T0, T0 + MIN, T0 - 3 * 3_600_000, T0 + 2 * MIN];
    expect(detectBursts(input([track('h', 'g', jumped, undefined, jumped)]))).toEqual([]);
  });
});

describe('silences', () => {
  const every30s = (from: number, to: number) => Array.from({ length: Math.floor((to - from) / 30_000) }, (_, i) => from + i * 30_000);
  const lane = (host: string, times: number[]): SourceLane => ({ source: 'journal', host, tsMs: Float64Array.from(times), eventId: Float64Array.from(times, (_, i) => i + 1) });

  it('reports a host that stops while its peers continue, with the step it was in', () => {
    const full = every30s(T0, T0 + 60 * MIN);
    const gappy = [...every30s(T0, T0 + 20 * MIN), ...every30s(T0 + 28 * MIN, T0 + 60 * MIN)];
    const spans: PhaseSpan[] = [
      { fromMs: -Infinity, toMs: T0 + 19 * MIN, phase: 'pending', step: null },
      { fromMs: T0 + 19 * MIN, toMs: T0 + 30 * MIN, phase: 'updating', step: 'reimage' },
      { fromMs: T0 + 30 * MIN, toMs: Infinity, phase: 'done', step: null },
    ];
    const hosts = [track('s-1', 'storage', gappy, spans), track('s-2', 'storage', full), track('s-3', 'storage', full)];
    const findings = detectSilences(input(hosts), [lane('s-1', gappy), lane('s-2', full), lane('s-3', full)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toMatch(/1 host of 3 in storage stopped writing to journal for 9 min .*during reimage/);
  });

  it('stays quiet when the whole group stops together', () => {
    const gappy = [...every30s(T0, T0 + 20 * MIN), ...every30s(T0 + 28 * MIN, T0 + 60 * MIN)];
    const hosts = [track('a', 'g', gappy), track('b', 'g', gappy)];
    expect(detectSilences(input(hosts), [lane('a', gappy), lane('b', gappy)])).toEqual([]);
  });
});

describe('new patterns', () => {
  it('lists only patterns first seen after the moment, with where they began', () => {
    const base = Math.floor(T0 / MIN);
    const index: PatternIndex = {
      eventCount: 4,
      patterns: [pattern(0, 'healthz ok', [{ host: 'a', minutes: [base, base + 50] }]), pattern(1, 'rsync: failed <*>', [{ host: 'a', minutes: [base + 30] }], 'error')],
    };
    const spans: PhaseSpan[] = [{ fromMs: -Infinity, toMs: T0 + 26 * MIN, phase: 'pending', step: null }, { fromMs: T0 + 26 * MIN, toMs: Infinity, phase: 'updating', step: 'bootstrap' }];
    const findings = detectNewPatterns(index, input([track('a', 'storage', [T0], spans)]), { sinceMs: T0 + 10 * MIN });
    expect(findings.map((f) => f.key)).toEqual(['new-pattern:rsync: failed <*>']);
    expect(findings[0]!.title).toContain('first seen 11:30:00 on a, 4 min after it started bootstrap');
  });
});

describe('periodic jobs', () => {
  const base = Math.floor(T0 / MIN);
  const hourly = (extra = 0) => [0, 60, 120, 180].map((h) => base + h + extra);

  it('finds an hourly schedule and an every-N schedule, and no schedule in irregular chatter', () => {
    expect(scheduleOf(pattern(0, 'CMD backup', ['a', 'b', 'c'].map((host) => ({ host, minutes: hourly() }))))?.label).toBe('hourly at :00');
    const every5 = Array.from({ length: 12 }, (_, i) => base + 3 + i * 5);
    expect(scheduleOf(pattern(0, 'sync', ['a', 'b', 'c'].map((host) => ({ host, minutes: every5 }))))?.label).toBe('every 5 min');
    const irregular = [1, 4, 11, 13, 29, 30, 47, 66].map((m) => base + m);
    expect(scheduleOf(pattern(0, 'chatter', ['a', 'b', 'c'].map((host) => ({ host, minutes: irregular }))))).toBeNull();
  });

  it('flags the run that fell on a bootstrapping host', () => {
    const bootstrap: PhaseSpan[] = [
      { fromMs: -Infinity, toMs: T0 + 115 * MIN, phase: 'pending', step: null },
      { fromMs: T0 + 115 * MIN, toMs: T0 + 130 * MIN, phase: 'updating', step: 'bootstrap' },
      { fromMs: T0 + 130 * MIN, toMs: Infinity, phase: 'done', step: null },
    ];
    const index: PatternIndex = { eventCount: 12, patterns: [pattern(0, 'CMD backup', ['a', 'b', 'c'].map((host) => ({ host, minutes: hourly() })))] };
    const findings = detectPeriodicCollisions(index, input([track('a', 'g', [T0], bootstrap), track('b', 'g', [T0]), track('c', 'g', [T0])]));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain('ran on 3 hosts at 13:00:00 while 1 of them were mid-rollout (bootstrap 1)');
  });
});
