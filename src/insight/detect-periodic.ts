/**
 * Periodic jobs: schedules found in the events themselves (a pattern that recurs at the same minute of
 * the hour on many hosts, or every N minutes on each host), and the runs that fell on a host while it
 * was in the middle of a rollout phase (updating or failed). One finding per schedule and run time.
 */
import type { MinedPattern, PatternIndex } from './pattern-index';
import { PATTERN_BUCKET_MS } from './pattern-index';
import { countIn, spanAt, spanLabel, type DetectorInput } from './host-tracks';
import type { RawFinding } from './detect-new-patterns';
import { clock, count, nameList, plural } from './wording';

/** Settings of the detector. */
export interface PeriodicOptions {
  /** Hosts a pattern needs to count as a fleet-wide job. */
  minHosts: number;
  /** Distinct runs (hours, or intervals) needed. */
  minRuns: number;
  /** Share of occurrences that must fit the schedule. */
  minShare: number;
  /** Window after a run in which errors on the colliding hosts are counted, ms. */
  afterMs: number;
}

/** Defaults: 3 hosts, 3 runs, 80 % on schedule, errors counted for 15 min. */
export const DEFAULT_PERIODIC_OPTIONS: PeriodicOptions = { minHosts: 3, minRuns: 3, minShare: 0.8, afterMs: 15 * 60_000 };

/** A detected schedule of one pattern. */
export interface Schedule {
  /** "hourly at :00" or "every 5 min". */
  label: string;
  /** Runs per host: epoch minutes. */
  runs: Map<string, number[]>;
}

/** The schedule a pattern follows, or null. */
export function scheduleOf(p: MinedPattern, options: PeriodicOptions = DEFAULT_PERIODIC_OPTIONS): Schedule | null {
  const sparse = p.hosts.filter((h) => h.minutes !== null && h.minutes.length > 0);
  if (sparse.length < options.minHosts || sparse.length < 0.5 * p.hosts.length) return null;
  const byMinuteOfHour = new Float64Array(60);
  let total = 0;
  const hours = new Set<number>();
  for (const h of sparse) for (const m of h.minutes!) {
    byMinuteOfHour[m % 60]! += 1;
    total++;
  }
  const best = byMinuteOfHour.indexOf(Math.max(...byMinuteOfHour));
  if (byMinuteOfHour[best]! >= options.minShare * total) {
    const runs = new Map<string, number[]>();
    for (const h of sparse) {
      const on = [...h.minutes!].filter((m) => m % 60 === best);
      on.forEach((m) => hours.add(Math.floor(m / 60)));
      if (on.length > 0) runs.set(h.host, on);
    }
    if (hours.size >= options.minRuns) return { label: `hourly at :${String(best).padStart(2, '0')}`, runs };
  }
  const diffs = new Map<number, number>();
  let diffTotal = 0;
  for (const h of sparse) for (let i = 1; i < h.minutes!.length; i++) {
    const d = h.minutes![i]! - h.minutes![i - 1]!;
    diffs.set(d, (diffs.get(d) ?? 0) + 1);
    diffTotal++;
  }
  let everyMin = 0;
  let hits = 0;
  for (const [d, n] of diffs) if (n > hits) [everyMin, hits] = [d, n];
  if (everyMin < 2 || everyMin >= 60 || hits < options.minShare * diffTotal || hits < options.minRuns * options.minHosts) return null;
  return { label: `every ${everyMin} min`, runs: new Map(sparse.map((h) => [h.host, [...h.minutes!]])) };
}

/** Runs of periodic jobs that overlapped a rollout phase on the same host. */
export function detectPeriodicCollisions(index: PatternIndex, input: DetectorInput, options: PeriodicOptions = DEFAULT_PERIODIC_OPTIONS): RawFinding[] {
  const tracks = new Map(input.hosts.map((h) => [h.host, h]));
  const isMidRollout = (host: string, minute: number): string | null => {
    const track = tracks.get(host);
    const span = track ? spanAt(track, minute * PATTERN_BUCKET_MS + PATTERN_BUCKET_MS / 2) : null;
    return span !== null && (span.phase === 'updating' || span.phase === 'failed') ? spanLabel(span) : null;
  };
  const slots = new Map<string, { label: string; minute: number; templates: Set<string>; ran: Set<string>; colliding: Map<string, string> }>();
  for (const p of index.patterns) {
    const schedule = scheduleOf(p, options);
    if (schedule === null) continue;
    // NOTE: a job that runs mostly while hosts are mid-rollout is part of the rollout (a probe that
    // only speaks while draining), not a schedule of its own that could collide with it.
    let runCount = 0;
    let midRollout = 0;
    for (const [host, minutes] of schedule.runs) for (const minute of minutes) {
      runCount++;
      if (isMidRollout(host, minute) !== null) midRollout++;
    }
    if (midRollout > 0.5 * runCount) continue;
    for (const [host, minutes] of schedule.runs) {
      for (const minute of minutes) {
        const key = `${schedule.label}\u0000${minute}`;
        const slot = slots.get(key) ?? { label: schedule.label, minute, templates: new Set(), ran: new Set(), colliding: new Map() };
        slot.templates.add(p.template);
        slot.ran.add(host);
        const step = isMidRollout(host, minute);
        if (step !== null) slot.colliding.set(host, step);
        slots.set(key, slot);
      }
    }
  }
  const findings: RawFinding[] = [];
  for (const slot of slots.values()) {
    if (slot.colliding.size === 0) continue;
    const atMs = slot.minute * PATTERN_BUCKET_MS;
    const steps = new Map<string, number>();
    for (const step of slot.colliding.values()) steps.set(step, (steps.get(step) ?? 0) + 1);
    const stepText = [...steps].sort((a, b) => b[1] - a[1]).map(([step, n]) => `${step} ${n}`).join(', ');
    const colliding = [...slot.colliding.keys()];
    let errorsAfter = 0;
    let errorsBefore = 0;
    for (const host of colliding) {
      const t = tracks.get(host);
      if (!t) continue;
      errorsAfter += countIn(t.problemTsMs, atMs, atMs + options.afterMs);
      errorsBefore += countIn(t.problemTsMs, atMs - options.afterMs, atMs);
    }
    const templates = [...slot.templates];
    const jobText = `\`${templates[0]}\`${templates.length > 1 ? ` and ${templates.length - 1} more` : ''}`;
    findings.push({
      key: `periodic-collision:${slot.label}:${atMs}`,
      kind: 'periodic-collision',
      score: (1 + Math.log2(colliding.length)) * (1 + Math.log2(1 + errorsAfter / (1 + errorsBefore))),
      title:
        `A periodic job (${slot.label}: ${jobText}) ran on ${plural(slot.ran.size, 'host')} at ${clock(atMs)} while ${count(colliding.length)} of them were mid-rollout (${stepText}); ` +
        `those hosts logged ${count(errorsAfter)} warnings and errors in the next ${Math.round(options.afterMs / 60_000)} min (${count(errorsBefore)} in the ${Math.round(options.afterMs / 60_000)} min before).`,
      tsMs: atMs,
      endMs: atMs + options.afterMs,
      hostCount: colliding.length,
      hosts: colliding.slice(0, 10),
      evidence: {
        numbers: [
          { label: 'schedule', value: slot.label },
          { label: 'hosts that ran it', value: count(slot.ran.size) },
          { label: 'hosts mid-rollout', value: `${count(colliding.length)} (${stepText})` },
          { label: 'warnings and errors on them, next 15 min', value: count(errorsAfter) },
          { label: 'warnings and errors on them, previous 15 min', value: count(errorsBefore) },
          { label: 'example hosts', value: nameList(colliding, 5) },
        ],
        sql: 'SELECT id, ts_ms, host, level, message FROM events WHERE ts_ms >= ? AND ts_ms < ? AND host IN (SELECT value FROM json_each(?)) ORDER BY ts_ms, id LIMIT 500',
        parameters: [atMs, atMs + options.afterMs, JSON.stringify(colliding)],
        settings: { ...options, templates: templates.join(' | ') },
        eventIds: [],
        fromMs: atMs,
        toMs: atMs + options.afterMs,
      },
    });
  }
  return findings;
}
