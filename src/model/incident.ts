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
}

/** Result of one import call: per source and in total. */
export interface ImportSummary {
  incidentPath: string;
  sources: SourceImportSummary[];
  totals: { sources: number; lines: number; events: number; unparsed: number; firstTsMs: number | null; lastTsMs: number | null };
  elapsedMs: number;
}

/** Progress of a running import, emitted a few times a second. */
export interface ImportProgress {
  path: string;
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  events: number;
  unparsed: number;
}
