/**
 * Runbook model shared by the core, the API and the renderer: runbooks as loaded from Markdown files,
 * their links to moments of an incident, and the record of the steps a responder took.
 * All times are integer UTC epoch milliseconds.
 */

/** How bad the situation a runbook handles is, lowest first. */
export const RUNBOOK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** One of {@link RUNBOOK_SEVERITIES}. */
export type RunbookSeverity = (typeof RUNBOOK_SEVERITIES)[number];

/** A checklist item of a runbook: what the responder ticks. */
export interface RunbookStep {
  /** 0-based position among the runbook's checklist items. */
  index: number;
  /** The item's first paragraph as plain text (Markdown inline syntax kept). */
  text: string;
  /** 0-based line of the item within the Markdown body (after the front matter), for the renderer. */
  bodyLine: number;
  /** The nearest heading above the item ("Check", "Act"), or '' when there is none. */
  section: string;
}

/** What the library lists about a runbook. */
export interface RunbookSummary {
  id: string;
  title: string;
  summary: string;
  owner: string;
  tags: string[];
  severity: RunbookSeverity;
  services: string[];
  /** Absolute path of the Markdown file it was read from. */
  file: string;
  /** The folder it came from; `shipped` for the runbooks bundled with the app. */
  folder: string;
  isShipped: boolean;
  /** True when the front matter has `match` rules (so the runbook can link itself). */
  hasMatch: boolean;
  stepCount: number;
}

/** A runbook with its text, for the viewer. */
export interface RunbookDetail extends RunbookSummary {
  /** The Markdown body after the front matter. */
  body: string;
  steps: RunbookStep[];
  /** SHA-256 (hex) of the whole file; the snapshot key. */
  contentHash: string;
}

/** A Markdown file in a runbook folder that could not be loaded, and why. */
export interface InvalidRunbook {
  file: string;
  /** 1-based line in the file where the problem is (1 when it is the file as a whole). */
  line: number;
  reason: string;
}

/** The runbook library: what loaded, what did not, and from where. */
export interface RunbookLibraryState {
  runbooks: RunbookSummary[];
  invalid: InvalidRunbook[];
  /** The folders read, shipped first; `isShipped` marks the app's own. */
  folders: { path: string; isShipped: boolean; exists: boolean }[];
  /** Increases on every reload, so a client can tell it has the latest list. */
  generation: number;
}

/** A runbook linked to a moment or a range of the incident. */
export interface RunbookLink {
  id: number;
  runbookId: string;
  title: string;
  origin: 'auto' | 'manual';
  /** The first matching event (auto) or the event it was linked to (manual), if any. */
  eventId: number | null;
  tsMs: number;
  /** Last matching time; null for a link to a single instant. */
  endMs: number | null;
  /** Events matched (auto links); 0 for manual links. */
  matchCount: number;
  createdMs: number;
  /** Set when a responder unlinked it; dismissed automatic links are remembered and not re-created. */
  dismissedMs: number | null;
}

/** A responder working through one runbook: the unit the execution record is read by. */
export interface RunbookRun {
  id: number;
  uid: string;
  runbookId: string;
  title: string;
  /** The snapshot of the runbook text the responder read. */
  snapshotId: number;
  /** Incident time of the first record of the run. */
  startedMs: number;
  startedBy: string;
  createdMs: number;
}

/** What a responder did to a step. */
export type StepAction = 'tick' | 'untick' | 'note';

/** One stored action on a step: a tick, an untick, or a free-text note. */
export interface StepRecord {
  id: number;
  uid: string;
  runId: number;
  runbookId: string;
  stepIndex: number;
  stepText: string;
  action: StepAction;
  /** The note's text; '' for ticks and unticks. */
  note: string;
  actor: string;
  /** Incident time the action is placed at on the timeline. */
  tsMs: number;
  /** Wall-clock time the action was written. */
  recordedMs: number;
}

/** Where a step stands at the end of a run's record. */
export type StepOutcome = 'done' | 'skipped' | 'not-reached';

/** One step of a run, with its outcome and its history. */
export interface StepState {
  index: number;
  text: string;
  section: string;
  outcome: StepOutcome;
  /** Time of the tick that left it done; null unless done. */
  doneMs: number | null;
  doneBy: string | null;
  notes: { text: string; actor: string; tsMs: number }[];
}

/** One line of a run's log: a record, or a step skipped at the point where a later step was done. */
export type ExecutionLogEntry =
  | { type: 'record'; record: StepRecord }
  | { type: 'skipped'; stepIndex: number; stepText: string; tsMs: number };

/**
 * A run read back as one log: the runbook text as read, every step with its outcome, and every action
 * in order. A step is `skipped` when a later step was done but it was not; `not-reached` when no later
 * step was done. This is what the postmortem export reads.
 */
export interface ExecutionRecord {
  run: RunbookRun;
  /** The snapshot's Markdown (the whole file, front matter included). */
  snapshotText: string;
  steps: StepState[];
  log: ExecutionLogEntry[];
}

/** A timeline marker of the runbook lane: a link range or a step record. */
export type RunbookMarker =
  | { type: 'link'; linkId: number; runbookId: string; title: string; origin: 'auto' | 'manual'; tsMs: number; endMs: number | null; matchCount: number }
  | { type: 'step'; recordId: number; runId: number; runbookId: string; title: string; stepIndex: number; stepText: string; action: StepAction; actor: string; tsMs: number };
