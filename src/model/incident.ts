/** Incident-level model types shared by the core, the API and the renderer. Times are UTC epoch ms. */

/** Import status of a source: `importing` until every line is accounted for. */
export type SourceStatus = 'importing' | 'complete' | 'failed';

/** A file (or stream) imported into the incident. */
export interface SourceInfo {
  id: number;
  name: string;
  path: string;
  format: string;
  contentHash: string | null;
  sizeBytes: number;
  lineCount: number;
  eventCount: number;
  unparsedCount: number;
  firstTsMs: number | null;
  lastTsMs: number | null;
  status: SourceStatus;
  error: string | null;
  importedAtMs: number;
  /** Clock correction added to every event time of this source when read (ms; 0 = none). */
  clockOffsetMs?: number;
}

/** What the UI needs to know about the open incident file. */
export interface IncidentInfo {
  path: string;
  title: string;
  schemaVersion: number;
  eventCount: number;
  unparsedCount: number;
  sourceCount: number;
  firstTsMs: number | null;
  lastTsMs: number | null;
  isReadOnly: boolean;
}

/** Per-source result of importing one path. */
export interface SourceImportSummary {
  sourceId: number;
  path: string;
  format: string;
  lines: number;
  events: number;
  unparsed: number;
  firstTsMs: number | null;
  lastTsMs: number | null;
  /** Set when the source was skipped because an identical file was already imported. */
  skippedReason: string | null;
  /** The most frequent reasons lines of this source could not be read, most frequent first. */
  unparsedReasons?: UnparsedReasonCount[];
  /** Set when this import continued an earlier one: the lines before this one were already imported. */
  resumedAfterLine?: number;
}

/** How many lines of a source could not be read for one reason. */
export interface UnparsedReasonCount {
  reason: string;
  count: number;
}

/** An input the importer refused to read (unsafe archive entry, unreadable file), with one sentence why. */
export interface RefusedInput {
  path: string;
  reason: string;
}

/** Result of one import call: per source and in total. */
export interface ImportSummary {
  incidentPath: string;
  sources: SourceImportSummary[];
  totals: { sources: number; lines: number; events: number; unparsed: number; firstTsMs: number | null; lastTsMs: number | null };
  elapsedMs: number;
  /** Inputs that were not read at all, and why. */
  refused?: RefusedInput[];
  /** True when the import was cancelled; the source being read stays `importing` and resumes on the next import. */
  cancelled?: boolean;
}

/** Progress of a running import, emitted a few times a second. */
export interface ImportProgress {
  path: string;
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  events: number;
  unparsed: number;
  /** Events written per second over the whole import so far. */
  eventsPerSecond?: number;
  /** Lines read per second over the whole import so far. */
  linesPerSecond?: number;
  /** Estimated time left for this file in ms, from its read rate; null while unknown. */
  remainingMs?: number | null;
  /** 1-based position of this file among the import's files, and how many there are. */
  fileIndex?: number;
  fileCount?: number;
}
