/**
 * Runs every detector and ranks the findings. Scores are normalised per kind (the kind's strongest
 * finding scores 100) so one detector's scale cannot crowd out the others, then sorted; each kind keeps
 * at most `perKind` findings.
 */
import type { InsightFinding } from '../model/insight';
import { detectBursts } from './detect-bursts';
import { detectNewPatterns, type RawFinding } from './detect-new-patterns';
import { detectPeriodicCollisions } from './detect-periodic';
import { detectSilences, type SourceLane } from './detect-silences';
import type { DetectorInput } from './host-tracks';
import type { PatternIndex } from './pattern-index';
import { groupLanes, type ProblemLane } from './problem-lanes';
import { clock } from './wording';

/** The moment "new since" is measured from, and how to say it. */
export interface SinceMoment {
  sinceMs: number;
  label: string;
}

/** The default moment: the first rollout's start, else the end of the first tenth of the incident (a baseline). */
export function defaultSince(input: DetectorInput): SinceMoment {
  const rollout = [...input.rollouts].sort((a, b) => a.startMs - b.startMs)[0];
  if (rollout) return { sinceMs: rollout.startMs, label: `the start of rollout ${rollout.id} (${clock(rollout.startMs)})` };
  const sinceMs = input.firstMs + Math.round((input.lastMs - input.firstMs) / 10);
  return { sinceMs, label: `the end of the first tenth of the incident (${clock(sinceMs)}), as no rollout was found` };
}

/** Every finding, ranked, with dismissals marked. */
export function rankFindings(
  index: PatternIndex,
  input: DetectorInput,
  lanes: readonly SourceLane[],
  /** Source and service lanes of warnings and errors; host-group lanes come from `input`. */
  problemLanes: readonly ProblemLane[],
  since: SinceMoment,
  dismissed: ReadonlySet<string>,
  perKind = 25,
): InsightFinding[] {
  const groups: RawFinding[][] = [
    detectNewPatterns(index, input, { sinceMs: since.sinceMs }),
    detectBursts(input, [...groupLanes(input), ...problemLanes]),
    detectSilences(input, lanes),
    detectPeriodicCollisions(index, input),
  ];
  const ranked: InsightFinding[] = [];
  for (const group of groups) {
    const top = Math.max(...group.map((f) => f.score), Number.EPSILON);
    const sorted = [...group].sort((a, b) => b.score - a.score || a.tsMs - b.tsMs).slice(0, perKind);
    for (const f of sorted) ranked.push({ ...f, score: Math.round((1000 * f.score) / top) / 10, isDismissed: dismissed.has(f.key) });
  }
  return ranked.sort((a, b) => b.score - a.score || a.tsMs - b.tsMs || a.key.localeCompare(b.key));
}
