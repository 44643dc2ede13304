/**
 * The postmortem draft that lives in the incident file, and the figures computed for it.
 * Times are integer UTC epoch milliseconds; durations are milliseconds.
 */

/** The written sections of a postmortem, in document order. */
export const POSTMORTEM_SECTIONS = [
  'summary',
  'impact',
  'rootCauses',
  'trigger',
  'detection',
  'resolution',
  'actionItems',
  'wentWell',
  'wentWrong',
  'lucky',
  'supportingInfo',
] as const;

/** One of {@link POSTMORTEM_SECTIONS}. */
export type PostmortemSection = (typeof POSTMORTEM_SECTIONS)[number];

/** Section headings as the document prints them. */
export const POSTMORTEM_SECTION_TITLES: Record<PostmortemSection, string> = {
  summary: 'Summary',
  impact: 'Impact',
  rootCauses: 'Root causes',
  trigger: 'Trigger',
  detection: 'Detection',
  resolution: 'Resolution',
  actionItems: 'Action items',
  wentWell: 'What went well',
  wentWrong: 'What went wrong',
  lucky: 'Where we got lucky',
  supportingInfo: 'Supporting information',
};

/** Review status of the draft. */
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'final'] as const;

/** One of {@link POSTMORTEM_STATUSES}. */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** What the team wrote: every section is Markdown, '' until someone writes it. */
export interface PostmortemDraft {
  title: string;
  status: PostmortemStatus;
  authors: string[];
  sections: Record<PostmortemSection, string>;
  /** Last change to any field; null when nothing was written yet. */
  updatedMs: number | null;
}

/** Figures computed from annotations and events; null where the annotations do not say. */
export interface PostmortemFigures {
  incidentStartMs: number | null;
  incidentEndMs: number | null;
  impactStartMs: number | null;
  impactEndMs: number | null;
  impactDurationMs: number | null;
  triggerMs: number | null;
  detectionMs: number | null;
  mitigationMs: number | null;
  resolutionMs: number | null;
  /** Detection minus impact start (or trigger, when no impact start is marked). */
  timeToDetectMs: number | null;
  /** First mitigation minus impact start (or trigger). */
  timeToMitigateMs: number | null;
  /** Hosts that logged an error or fatal event inside the impact window (the whole incident when none is marked). */
  hostsAffected: number;
  errorCount: number;
  warningCount: number;
  /** The window the counts cover. */
  countFromMs: number | null;
  countToMs: number | null;
}

/** One row of the exported timeline table. */
export interface PostmortemTimelineRow {
  tsMs: number;
  endMs: number | null;
  /** What happened, one line. */
  what: string;
  /** Where it came from: a source name, "annotation" or "runbook". */
  source: string;
  /** Annotation kind label or event kind. */
  kind: string;
  /** Event id when the row is (or points at) an event. */
  eventId: number | null;
}

/** The draft, the suggestions generated for each empty section, and the figures: what the postmortem panel shows. */
export interface PostmortemView {
  draft: PostmortemDraft;
  /** Text generated from annotations, stars and figures; used where the draft section is empty. */
  suggestions: Record<PostmortemSection, string>;
  figures: PostmortemFigures;
  timeline: PostmortemTimelineRow[];
  /** One sentence about runbook steps (included, or why not). */
  runbookNote: string;
}

/** Formats the exporter writes. */
export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'csv', 'jsonl', 'trace'] as const;

/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The usual file extension of each export format. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  md: '.md',
  html: '.html',
  pdf: '.pdf',
  csv: '.csv',
  jsonl: '.jsonl',
  trace: '.trace.json',
};

/** What an export wrote. */
export interface ExportResult {
  format: ExportFormat;
  path: string;
  bytes: number;
  /** Rows written for event exports; 0 for documents. */
  eventCount: number;
  /** Extra files written beside it (the Markdown's timeline picture). */
  extraPaths: string[];
}
