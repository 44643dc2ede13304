/**
 * Compares two rollouts aligned at their starts (T+0 is each rollout's first event). Over the shorter of
 * the two durations it lists the message patterns that occur on one side and not (or ten times less)
 * on the other, matching templates across incidents loosely (a `<*>` matches any token, as Drain may
 * generalise a token in one incident and not in the other); the bursts of warnings and errors on one
 * side's lanes with no burst on the same lane within ten minutes on the other, and at least three times
 * the other side's count; and the differences in duration, waves, step durations and outcomes, as
 * sentences.
 */
import type { ComparedBurst, ComparedPattern, ComparedRollout, RolloutComparison } from '../model/insight';
import type { RolloutInfo } from '../model/replay';
import { burstEpisodes } from './detect-bursts';
import type { DetectorInput } from './host-tracks';
import { minuteOf, type MinedPattern, type PatternIndex } from './pattern-index';
import { laneLabel, minuteSeries, type ProblemLane } from './problem-lanes';
import { rolloutProfile, type SideOrigin } from './rollout-profile';
import { count, duration, likePattern } from './wording';

/** One side: where it comes from, its rollout, and what the detectors read of its incident. */
export interface RolloutSide extends SideOrigin {
  rollout: RolloutInfo;
  rolloutIds: string[];
  index: PatternIndex;
  input: DetectorInput;
  /** Problem lanes: host groups, sources and services. */
  lanes: ProblemLane[];
}

const MINUTE_MS = 60_000;
/** Minutes before a rollout's start that give a burst its baseline. */
const LEAD_MINUTES = 30;
/** A burst on the other side's same lane this close (in offset) counts as the same burst … */
const SAME_BURST_MS = 10 * MINUTE_MS;
/** … and so does one the other side nearly had: a burst is listed only when it is this many times the other side's count over the same offsets. */
const BURST_RATIO = 3;
/** A pattern is "only in" one side when it occurs at least this often there … */
const MIN_PATTERN_COUNT = 3;
/** … and this many times more often than on the other side. */
const PATTERN_RATIO = 10;
const MAX_LISTED = 50;

interface WindowPattern {
  pattern: MinedPattern;
  count: number;
  firstTsMs: number;
}

function inWindow(side: RolloutSide, alignedMs: number): WindowPattern[] {
  const fromMs = side.rollout.startMs;
  const toMs = fromMs + alignedMs;
  const [from, to] = [minuteOf(fromMs), minuteOf(toMs)];
  const out: WindowPattern[] = [];
  for (const pattern of side.index.patterns) {
    if (pattern.lastTsMs < fromMs || pattern.firstTsMs > toMs) continue;
    let n = 0;
    let firstMinute = Infinity;
    for (const [minute, c] of pattern.minuteCounts) {
      if (minute < from || minute > to) continue;
      n += c;
      firstMinute = Math.min(firstMinute, minute);
    }
    if (n > 0) out.push({ pattern, count: n, firstTsMs: Math.max(fromMs, pattern.firstTsMs, firstMinute * MINUTE_MS) });
  }
  return out;
}

function tokensOf(template: string): string[] {
  return template.split(' ');
}

/** True when two templates can describe the same messages: same length, every token equal or a wildcard on either side. */
export function templatesMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const x = tokensOf(a);
  const y = tokensOf(b);
  return x.length === y.length && x.every((t, i) => t === y[i] || t === '<*>' || y[i] === '<*>');
}

function countsOnOther(mine: WindowPattern[], theirs: WindowPattern[]): number[] {
  const byLength = new Map<number, WindowPattern[]>();
  for (const t of theirs) {
    const n = tokensOf(t.pattern.template).length;
    byLength.set(n, [...(byLength.get(n) ?? []), t]);
  }
  return mine.map((m) => {
    const candidates = byLength.get(tokensOf(m.pattern.template).length) ?? [];
    return candidates.reduce((sum, t) => sum + (templatesMatch(m.pattern.template, t.pattern.template) ? t.count : 0), 0);
  });
}

function hostsInSpan(p: MinedPattern, fromMs: number, toMs: number): { count: number; firstEventId: number | null } {
  const [from, to] = [minuteOf(fromMs), minuteOf(toMs)];
  let n = 0;
  let first: { tsMs: number; id: number } | null = null;
  for (const h of p.hosts) {
    if (h.firstTsMs > toMs) continue;
    const isInSpan = h.minutes === null ? true : h.minutes.some((m) => m >= from && m <= to);
    if (!isInSpan) continue;
    n++;
    if (h.firstTsMs >= fromMs && (first === null || h.firstTsMs < first.tsMs)) first = { tsMs: h.firstTsMs, id: h.firstEventId };
  }
  return { count: n, firstEventId: first?.id ?? (p.firstTsMs >= fromMs && p.firstTsMs <= toMs ? p.firstEventId : null) };
}

function onlyIn(side: 'a' | 'b', mineSide: RolloutSide, mine: WindowPattern[], theirs: WindowPattern[], alignedMs: number): ComparedPattern[] {
  const other = countsOnOther(mine, theirs);
  const fromMs = mineSide.rollout.startMs;
  const toMs = fromMs + alignedMs;
  const out: ComparedPattern[] = [];
  mine.forEach((m, i) => {
    const otherCount = other[i]!;
    if (m.count < MIN_PATTERN_COUNT || m.count < PATTERN_RATIO * Math.max(otherCount, 0.5)) return;
    const hosts = hostsInSpan(m.pattern, fromMs, toMs);
    out.push({
      template: m.pattern.template,
      level: m.pattern.level,
      countA: side === 'a' ? m.count : otherCount,
      countB: side === 'a' ? otherCount : m.count,
      side,
      firstTsMs: m.firstTsMs,
      firstOffsetMs: m.firstTsMs - fromMs,
      firstEventId: hosts.firstEventId,
      hostCount: hosts.count,
      sql: "SELECT id, ts_ms, host, level, message FROM events WHERE message LIKE ? ESCAPE '\\' AND ts_ms >= ? AND ts_ms < ? ORDER BY ts_ms, id LIMIT 200",
      parameters: [likePattern(m.pattern.template), fromMs, toMs],
    });
  });
  const rank = (p: ComparedPattern) => (p.level === 'error' || p.level === 'fatal' ? 2 : p.level === 'warn' ? 1 : 0) * 1e9 + Math.max(p.countA, p.countB);
  return out.sort((x, y) => rank(y) - rank(x) || x.firstOffsetMs - y.firstOffsetMs).slice(0, MAX_LISTED);
}

/** Which lane names a burst best when several burst in the same minute: a service, then a host group, then a source. */
const SPECIFICITY: Record<ProblemLane['kind'], number> = { service: 2, group: 1, source: 0 };

interface SideBurst extends Omit<ComparedBurst, 'otherTotal' | 'alsoLanes'> {
  kind: ProblemLane['kind'];
  fromIndex: number;
  toIndex: number;
}

function burstsOf(side: RolloutSide, which: 'a' | 'b', alignedMs: number): { bursts: SideBurst[]; series: Map<string, Float64Array> } {
  const fromMinute = minuteOf(side.rollout.startMs) - LEAD_MINUTES;
  const minutes = LEAD_MINUTES + Math.ceil(alignedMs / MINUTE_MS) + 1;
  const bursts: SideBurst[] = [];
  const series = new Map<string, Float64Array>();
  for (const lane of side.lanes) {
    const counts = minuteSeries(lane, fromMinute, minutes);
    const label = laneLabel(lane);
    series.set(label, counts);
    for (const e of burstEpisodes(counts)) {
      const tsMs = (fromMinute + e.fromMinute) * MINUTE_MS;
      const offsetMs = tsMs - side.rollout.startMs;
      if (offsetMs < -MINUTE_MS || offsetMs > alignedMs) continue;
      const endMs = (fromMinute + e.toMinute + 1) * MINUTE_MS;
      bursts.push({ lane: label, kind: lane.kind, side: which, tsMs, endMs, offsetMs, peakCount: e.peakCount, total: e.total, baseline: e.baseline, fromIndex: e.fromMinute, toIndex: e.toMinute });
    }
  }
  return { bursts, series };
}

function burstsOnlyIn(mine: SideBurst[], theirs: { bursts: SideBurst[]; series: Map<string, Float64Array> }): ComparedBurst[] {
  return mine
    .filter((m) => !theirs.bursts.some((t) => t.lane === m.lane && Math.abs(t.offsetMs - m.offsetMs) <= SAME_BURST_MS))
    .map(({ fromIndex, toIndex, ...burst }) => {
      const other = theirs.series.get(burst.lane);
      let otherTotal = 0;
      for (let i = fromIndex; i <= toIndex && other !== undefined && i < other.length; i++) otherTotal += other[i]!;
      return { ...burst, otherTotal, alsoLanes: [] as string[] };
    })
    .filter((burst) => burst.total >= BURST_RATIO * Math.max(burst.otherTotal, 1))
    .sort((x, y) => x.tsMs - y.tsMs || SPECIFICITY[y.kind] - SPECIFICITY[x.kind] || y.total - x.total)
    .reduce<ComparedBurst[]>((kept, { kind: _kind, ...burst }) => {
      const same = kept.find((k) => k.tsMs === burst.tsMs);
      if (same) same.alsoLanes.push(burst.lane);
      else kept.push(burst);
      return kept;
    }, [])
    .sort((x, y) => y.total - x.total || x.offsetMs - y.offsetMs)
    .slice(0, MAX_LISTED);
}

function isFar(x: number, y: number, share: number, minMs: number): boolean {
  return Math.abs(x - y) > Math.max(minMs, share * Math.max(x, y));
}

function differences(a: ComparedRollout, b: ComparedRollout): string[] {
  const out: string[] = [];
  if (a.hostCount !== b.hostCount) out.push(`${a.label} moved ${count(a.hostCount)} hosts, ${b.label} ${count(b.hostCount)}.`);
  if (a.waveCount !== b.waveCount) out.push(`${a.label} ran in ${count(a.waveCount)} waves, ${b.label} in ${count(b.waveCount)}.`);
  if (isFar(a.durationMs, b.durationMs, 0.2, MINUTE_MS)) out.push(`${a.label} took ${duration(a.durationMs)}, ${b.label} ${duration(b.durationMs)}.`);
  if (a.medianHostUpgradeMs !== null && b.medianHostUpgradeMs !== null && isFar(a.medianHostUpgradeMs, b.medianHostUpgradeMs, 0.33, MINUTE_MS)) {
    out.push(`A host's upgrade took a median ${duration(a.medianHostUpgradeMs)} in ${a.label}, ${duration(b.medianHostUpgradeMs)} in ${b.label}.`);
  }
  for (const step of a.steps) {
    const other = b.steps.find((s) => s.step === step.step);
    if (other === undefined) out.push(`Only ${a.label} had a ${step.step} step (${count(step.hostCount)} hosts).`);
    else if (isFar(step.medianMs, other.medianMs, 0.33, MINUTE_MS)) out.push(`${step.step} took a median ${duration(step.medianMs)} in ${a.label}, ${duration(other.medianMs)} in ${b.label}.`);
  }
  for (const step of b.steps) if (!a.steps.some((s) => s.step === step.step)) out.push(`Only ${b.label} had a ${step.step} step (${count(step.hostCount)} hosts).`);
  for (const [phase, hostsA, hostsB] of [['failed', a.failedHosts, b.failedHosts], ['were rolled back', a.rolledBackHosts, b.rolledBackHosts]] as const) {
    if (hostsA.length !== hostsB.length) out.push(`${count(hostsA.length)} hosts ${phase} in ${a.label}, ${count(hostsB.length)} in ${b.label}.`);
  }
  const kinds = new Set([...a.markers, ...b.markers].map((m) => m.kind));
  for (const kind of kinds) {
    const x = a.markers.filter((m) => m.kind === kind).length;
    const y = b.markers.filter((m) => m.kind === kind).length;
    if (x !== y) out.push(`${kind}: ${count(x)} in ${a.label}, ${count(y)} in ${b.label}.`);
  }
  return out;
}

/** The comparison of `a` and `b`. */
export function compareRollouts(a: RolloutSide, b: RolloutSide): RolloutComparison {
  const alignedMs = Math.max(MINUTE_MS, Math.min(a.rollout.endMs - a.rollout.startMs, b.rollout.endMs - b.rollout.startMs));
  const origin = (side: RolloutSide): SideOrigin => ({ label: side.label, incidentPath: side.incidentPath, isOpenIncident: side.isOpenIncident });
  const profileA = rolloutProfile(origin(a), a.input, a.rollout, a.rolloutIds, alignedMs);
  const profileB = rolloutProfile(origin(b), b.input, b.rollout, b.rolloutIds, alignedMs);
  const patternsA = inWindow(a, alignedMs);
  const patternsB = inWindow(b, alignedMs);
  const burstsA = burstsOf(a, 'a', alignedMs);
  const burstsB = burstsOf(b, 'b', alignedMs);
  return {
    a: profileA,
    b: profileB,
    alignedMs,
    onlyInA: onlyIn('a', a, patternsA, patternsB, alignedMs),
    onlyInB: onlyIn('b', b, patternsB, patternsA, alignedMs),
    burstsOnlyInA: burstsOnlyIn(burstsA.bursts, burstsB),
    burstsOnlyInB: burstsOnlyIn(burstsB.bursts, burstsA),
    phaseDifferences: differences(profileA, profileB),
  };
}
