/**
 * Per host, what the detectors need from the rollout model: its group, event and problem (warning and
 * error) times, and its phase spans (pending, updating with a step, done…) over time.
 */
import type { HostPhase, RolloutInfo } from '../model/replay';
import type { FleetModel } from '../replay/fleet-model';
import { phaseOfCode } from '../replay/host-timeline';
import { lowerBound } from '../replay/sorted-merge';

/** A stretch of time in one phase; `step` names the rollout step while updating (bootstrap, reimage…). */
export interface PhaseSpan {
  fromMs: number;
  toMs: number;
  phase: HostPhase;
  step: string | null;
}

/** One host as the detectors read it. */
export interface HostTrack {
  host: string;
  group: string;
  /** Sorted times of warnings and errors together. */
  problemTsMs: Float64Array;
  spans: PhaseSpan[];
  /** When its own upgrade (first `updating`) began, or null. */
  upgradeStartMs: number | null;
}

/** What every detector gets. */
export interface DetectorInput {
  hosts: HostTrack[];
  rollouts: RolloutInfo[];
  firstMs: number;
  lastMs: number;
}

/** Builds the tracks of every host of a rollout model. */
export function hostTracksOf(model: FleetModel): DetectorInput {
  const groups = new Map(model.hosts().map((h) => [h.host, h.group]));
  const { steps } = model.data;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const hosts = model.data.hosts.map((t): HostTrack => {
    const spans: PhaseSpan[] = [];
    let fromMs = -Infinity;
    let phase = phaseOfCode(t.initialPhase);
    let step: string | null = null;
    for (let i = 0; i < t.changeTsMs.length; i++) {
      spans.push({ fromMs, toMs: t.changeTsMs[i]!, phase, step });
      fromMs = t.changeTsMs[i]!;
      phase = phaseOfCode(t.changePhase[i]!);
      const stepIndex = t.changeStep[i]!;
      step = stepIndex < 0 ? null : (steps[stepIndex] ?? null);
    }
    spans.push({ fromMs, toMs: Infinity, phase, step });
    const problems = new Float64Array(t.warnTsMs.length + t.errorTsMs.length);
    problems.set(t.warnTsMs);
    problems.set(t.errorTsMs, t.warnTsMs.length);
    problems.sort();
    if (t.firstTsMs !== null) firstMs = Math.min(firstMs, t.firstTsMs);
    if (t.lastTsMs !== null) lastMs = Math.max(lastMs, t.lastTsMs);
    const upgrade = spans.find((s) => s.phase === 'updating');
    return { host: t.host, group: groups.get(t.host) ?? t.inferredGroup, problemTsMs: problems, spans, upgradeStartMs: upgrade ? upgrade.fromMs : null };
  });
  return { hosts, rollouts: model.rollouts(), firstMs: Number.isFinite(firstMs) ? firstMs : 0, lastMs: Number.isFinite(lastMs) ? lastMs : 0 };
}

/** The span a host is in at `tsMs`. */
export function spanAt(track: HostTrack, tsMs: number): PhaseSpan {
  for (const span of track.spans) if (tsMs < span.toMs) return span;
  return track.spans[track.spans.length - 1]!;
}

/** What a span is called in a sentence: the step while updating ("bootstrap"), else the phase. */
export function spanLabel(span: PhaseSpan): string {
  return span.phase === 'updating' ? (span.step ?? 'updating') : span.phase.replace('_', ' ');
}

const SINCE_PHRASE: Record<string, string> = { done: 'finished its upgrade', failed: 'failed its upgrade', rolled_back: 'was rolled back', pending: 'was told to wait', not_in_rollout: 'was first seen' };

/** "started bootstrap", "finished its upgrade": what the host did when the span began. */
export function spanStartPhrase(span: PhaseSpan): string {
  return span.phase === 'updating' ? `started ${span.step ?? 'updating'}` : (SINCE_PHRASE[span.phase] ?? span.phase);
}

/** Number of values in [fromMs, toMs). */
export function countIn(sorted: Float64Array, fromMs: number, toMs: number): number {
  return lowerBound(sorted, toMs) - lowerBound(sorted, fromMs);
}
