/**
 * Compares two rollouts aligned at their starts: over the shorter of the two durations, the message
 * patterns (by template) that occur in one and not (or far less) in the other, the burst episodes of
 * one that the other lacks (by group and minute offset), and differences in waves, hosts and outcomes.
 */
import type { ComparedPattern, ComparedRollout, RolloutComparison } from '../model/insight';
import type { RolloutInfo } from '../model/replay';
import { burstEpisodes } from './detect-bursts';
import type { DetectorInput } from './host-tracks';
import { minuteOf, type PatternIndex } from './pattern-index';
import { count, duration } from './wording';

/** One side: its rollout, patterns and host tracks. */
export interface RolloutSide {
  label: string;
  rollout: RolloutInfo;
  index: PatternIndex;
  input: DetectorInput;
}

const MINUTE_MS = 60_000;

function windowCounts(side: RolloutSide, alignedMs: number): Map<string, { count: number; level: string; firstOffsetMs: number }> {
  const from = minuteOf(side.rollout.startMs);
  const to = minuteOf(side.rollout.startMs + alignedMs);
  const out = new Map<string, { count: number; level: string; firstOffsetMs: number }>();
  for (const p of side.index.patterns) {
    let n = 0;
    let first = Infinity;
    for (const [minute, c] of p.minuteCounts) {
      if (minute < from || minute > to) continue;
      n += c;
      first = Math.min(first, minute);
    }
    if (n === 0) continue;
    const prev = out.get(p.template);
    out.set(p.template, { count: n + (prev?.count ?? 0), level: p.level, firstOffsetMs: Math.min(prev?.firstOffsetMs ?? Infinity, (first - from) * MINUTE_MS) });
  }
  return out;
}

function burstsOf(side: RolloutSide, alignedMs: number): Set<string> {
  const fromMinute = minuteOf(side.rollout.startMs);
  const minutes = Math.ceil(alignedMs / MINUTE_MS) + 1;
  const byGroup = new Map<string, Float64Array>();
  for (const h of side.input.hosts) {
    const series = byGroup.get(h.group) ?? new Float64Array(minutes);
    for (const ts of h.problemTsMs) {
      const i = minuteOf(ts) - fromMinute;
      if (i >= 0 && i < minutes) series[i]! += 1;
    }
    byGroup.set(h.group, series);
  }
  const out = new Set<string>();
  for (const [group, series] of byGroup) for (const e of burstEpisodes(series)) out.add(`${group} +${Math.round(e.fromMinute / 10) * 10} min`);
  return out;
}

function summary(side: RolloutSide): ComparedRollout {
  const r = side.rollout;
  return { label: side.label, rolloutId: r.id, startMs: r.startMs, durationMs: r.endMs - r.startMs, hostCount: r.hostCount, phaseCounts: { ...r.phaseCounts }, waveCount: r.waves.length };
}

function differing(mine: Map<string, { count: number; level: string; firstOffsetMs: number }>, theirs: Map<string, { count: number }>, mineIsA: boolean): ComparedPattern[] {
  const out: ComparedPattern[] = [];
  for (const [template, m] of mine) {
    const other = theirs.get(template)?.count ?? 0;
    if (m.count < 3 || m.count < 10 * Math.max(other, 0.5)) continue;
    out.push({ template, level: m.level, countA: mineIsA ? m.count : other, countB: mineIsA ? other : m.count, firstOffsetMs: m.firstOffsetMs });
  }
  return out.sort((x, y) => Math.max(y.countA, y.countB) - Math.max(x.countA, x.countB)).slice(0, 50);
}

/** The comparison of `a` and `b`. */
export function compareRollouts(a: RolloutSide, b: RolloutSide): RolloutComparison {
  const alignedMs = Math.max(MINUTE_MS, Math.min(a.rollout.endMs - a.rollout.startMs, b.rollout.endMs - b.rollout.startMs));
  const countsA = windowCounts(a, alignedMs);
  const countsB = windowCounts(b, alignedMs);
  const burstsA = burstsOf(a, alignedMs);
  const burstsB = burstsOf(b, alignedMs);
  const phaseDifferences: string[] = [];
  const sa = summary(a);
  const sb = summary(b);
  if (sa.hostCount !== sb.hostCount) phaseDifferences.push(`${a.label} moved ${count(sa.hostCount)} hosts, ${b.label} ${count(sb.hostCount)}.`);
  if (sa.waveCount !== sb.waveCount) phaseDifferences.push(`${a.label} ran in ${count(sa.waveCount)} waves, ${b.label} in ${count(sb.waveCount)}.`);
  if (Math.abs(sa.durationMs - sb.durationMs) > 0.2 * Math.max(sa.durationMs, sb.durationMs)) {
    phaseDifferences.push(`${a.label} took ${duration(sa.durationMs)}, ${b.label} ${duration(sb.durationMs)}.`);
  }
  for (const phase of Object.keys(sa.phaseCounts)) {
    const x = sa.phaseCounts[phase] ?? 0;
    const y = sb.phaseCounts[phase] ?? 0;
    if (x !== y && (phase === 'failed' || phase === 'rolled_back' || phase === 'done')) phaseDifferences.push(`${phase.replace('_', ' ')} at the end: ${count(x)} hosts in ${a.label}, ${count(y)} in ${b.label}.`);
  }
  return {
    a: sa,
    b: sb,
    alignedMs,
    onlyInA: differing(countsA, countsB, true),
    onlyInB: differing(countsB, countsA, false),
    burstsOnlyInA: [...burstsA].filter((x) => !burstsB.has(x)),
    burstsOnlyInB: [...burstsB].filter((x) => !burstsA.has(x)),
    phaseDifferences,
  };
}
