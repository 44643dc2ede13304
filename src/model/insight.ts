/**
 * "What changed" findings: heuristics over an incident's events (new message patterns, bursts,
 * silences, periodic jobs colliding with rollout phases) and comparisons of two rollouts. Each carries
 * the numbers and the query behind it, so a reader can judge it. Times are integer UTC epoch ms.
 */

/** The detectors, in the order the UI explains them. */
export const INSIGHT_KINDS = ['new-pattern', 'burst', 'silence', 'periodic-collision'] as const;

/** One of {@link INSIGHT_KINDS}. */
export type InsightKind = (typeof INSIGHT_KINDS)[number];

/** One number behind a finding, labelled for a person. */
export interface InsightNumber {
  label: string;
  value: string;
}

/** Why a finding was raised: its numbers, the SQL (with parameters) that shows its events, and some of those events. */
export interface InsightEvidence {
  numbers: InsightNumber[];
  /** A read-only query over `events` that lists the events behind the finding (approximate for message patterns). */
  sql: string;
  parameters: (string | number)[];
  /** The detector's own settings (thresholds, windows). */
  settings: Record<string, string | number>;
  /** Up to 20 events behind it, oldest first. */
  eventIds: number[];
  fromMs: number;
  toMs: number;
}

/** One ranked finding. */
export interface InsightFinding {
  /** Stable across rebuilds of the same events: how dismissals are remembered. */
  key: string;
  kind: InsightKind;
  /** Higher ranks first; comparable across kinds only roughly. */
  score: number;
  /** One plain sentence. */
  title: string;
  /** Where to look: the moment (and range) the finding is about. */
  tsMs: number;
  endMs: number | null;
  hostCount: number;
  /** Up to ten of the hosts involved. */
  hosts: string[];
  evidence: InsightEvidence;
  isDismissed: boolean;
}

/** A mined message template with its spread. */
export interface InsightPattern {
  id: number;
  template: string;
  /** The most severe level seen with it. */
  level: string;
  firstTsMs: number;
  lastTsMs: number;
  eventCount: number;
  hostCount: number;
}

/** What `insight.findings` answers. */
export interface InsightReport {
  /** The moment "new since" patterns are measured from, and what it is. */
  sinceMs: number | null;
  sinceLabel: string;
  eventCount: number;
  patternCount: number;
  findings: InsightFinding[];
}

/** One side of a rollout comparison. */
export interface ComparedRollout {
  label: string;
  rolloutId: string;
  startMs: number;
  durationMs: number;
  hostCount: number;
  phaseCounts: Record<string, number>;
  waveCount: number;
}

/** A message pattern seen in one aligned rollout window and not (or far less) in the other. */
export interface ComparedPattern {
  template: string;
  level: string;
  countA: number;
  countB: number;
  /** Offset from its rollout's start of the first occurrence, on the side where it is more frequent. */
  firstOffsetMs: number;
}

/** Two rollouts aligned at their starts, and what differs. */
export interface RolloutComparison {
  a: ComparedRollout;
  b: ComparedRollout;
  /** Compared span after each start: the shorter of the two durations. */
  alignedMs: number;
  onlyInA: ComparedPattern[];
  onlyInB: ComparedPattern[];
  /** Bursts (lane and offset) found in one window and not the other. */
  burstsOnlyInA: string[];
  burstsOnlyInB: string[];
  /** Plain sentences on phases, waves and durations that differ. */
  phaseDifferences: string[];
}
