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

/** How far mining the message patterns has got (the `insight.progress` event). */
export interface InsightProgress {
  eventsDone: number;
  eventsTotal: number;
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

/** A moment of a compared rollout, at its own time and at its offset from the rollout's start (T+). */
export interface ComparedMoment {
  tsMs: number;
  offsetMs: number;
}

/** A wave of a compared rollout. */
export interface ComparedWave extends ComparedMoment {
  wave: number;
  durationMs: number;
  hostCount: number;
}

/** How long hosts spent in one rollout step (drain, reimage, bootstrap…), over the hosts that went through it. */
export interface ComparedStep {
  step: string;
  hostCount: number;
  medianMs: number;
  /** The 90th percentile. */
  p90Ms: number;
}

/** A controller marker (paused, resumed, completed…) of a compared rollout. */
export interface ComparedMarker extends ComparedMoment {
  kind: string;
  message: string;
  eventId: number;
}

/** One side of a rollout comparison. */
export interface ComparedRollout {
  label: string;
  /** Absolute path of the incident file it comes from. */
  incidentPath: string;
  /** True when it is in the incident the caller has open, so its times can be jumped to. */
  isOpenIncident: boolean;
  /** Every rollout of that incident, by id, so another can be picked. */
  rolloutIds: string[];
  rolloutId: string;
  fromVersion: string | null;
  toVersion: string | null;
  startMs: number;
  durationMs: number;
  hostCount: number;
  /** Hosts per phase at the end of the incident. */
  phaseCounts: Record<string, number>;
  waveCount: number;
  waves: ComparedWave[];
  steps: ComparedStep[];
  /** Median time from a host's first step to its upgrade's end (done, failed or rolled back), in ms; null when none ended. */
  medianHostUpgradeMs: number | null;
  /** Hosts that failed, and hosts rolled back, during the rollout (sorted names). */
  failedHosts: string[];
  rolledBackHosts: string[];
  markers: ComparedMarker[];
  /** Warnings and errors within the compared span. */
  problemCount: number;
}

/** A message pattern seen in one aligned rollout window and not (or far less) in the other. */
export interface ComparedPattern {
  template: string;
  level: string;
  countA: number;
  countB: number;
  /** The side it is more frequent on, where `firstTsMs` and the evidence are. */
  side: 'a' | 'b';
  /** First occurrence in the compared span on that side, and its offset from that rollout's start. */
  firstTsMs: number;
  firstOffsetMs: number;
  /** The first event on that side when known (its first occurrence on some host), else null. */
  firstEventId: number | null;
  /** Hosts on that side that logged it in the compared span (approximate for chatty patterns). */
  hostCount: number;
  /** A read-only query (with parameters) over that side's incident listing its events in the span. */
  sql: string;
  parameters: (string | number)[];
}

/** A burst of warnings and errors on one lane of one side with no burst on the same lane near the same offset on the other. */
export interface ComparedBurst {
  /** "api hosts", "service cron.service", "source healthchecks.jsonl". */
  lane: string;
  side: 'a' | 'b';
  tsMs: number;
  endMs: number;
  offsetMs: number;
  peakCount: number;
  total: number;
  /** Usual count a minute before it (median of the previous 30 minutes). */
  baseline: number;
  /** The same lane's count on the other side over the same offsets. */
  otherTotal: number;
  /** Other lanes of the same side that burst in the same minute (the same problems seen by source, group or service). */
  alsoLanes: string[];
}

/** Two rollouts aligned at their starts, and what differs. */
export interface RolloutComparison {
  a: ComparedRollout;
  b: ComparedRollout;
  /** Compared span after each start: the shorter of the two durations. */
  alignedMs: number;
  onlyInA: ComparedPattern[];
  onlyInB: ComparedPattern[];
  burstsOnlyInA: ComparedBurst[];
  burstsOnlyInB: ComparedBurst[];
  /** Plain sentences on phases, steps, waves and durations that differ. */
  phaseDifferences: string[];
}
