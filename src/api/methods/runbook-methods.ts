/**
 * API methods of runbooks: the library (folders, reload, search is client-side over the list), links
 * to the incident (automatic and manual, unlink), and the execution record (runs, ticks, notes).
 */
import { z } from 'zod';
import type { ExecutionRecord, RunbookDetail, RunbookLibraryState, RunbookLink, RunbookMarker, RunbookRun } from '../../model/runbook';
import { filePathSchema, noArgs, tsMsSchema } from './schemas';

const runbookIdSchema = z.string().min(1).max(100);
const actorSchema = z.string().trim().min(1, 'set your display name first').max(100);

/** Argument schemas of the runbook methods. */
export const runbookArgs = {
  /** Every loaded runbook, every file that could not be loaded (file, line, reason), and the folders read. */
  'runbooks.library': noArgs,
  /** Re-reads every runbook folder now. */
  'runbooks.reload': noArgs,
  /** Adds a folder of the user's own runbooks (remembered in the app's data folder, watched for changes). */
  'runbooks.addFolder': z.object({ path: filePathSchema }).strict(),
  /** Removes a user runbook folder. */
  'runbooks.removeFolder': z.object({ path: filePathSchema }).strict(),
  /** One runbook with its Markdown and steps; from the incident's snapshot when the library no longer has it. */
  'runbooks.get': z.object({ id: runbookIdSchema }).strict(),
  /** The incident's runbook links (automatic links are computed on first use and when runbooks or events change). */
  'runbooks.links': z.object({ includeDismissed: z.boolean().default(false), relink: z.boolean().default(false) }).strict(),
  /** Links a runbook by hand to an event, an instant, or a range. */
  'runbooks.link': z
    .object({ runbookId: runbookIdSchema, eventId: z.number().int().positive().optional(), tsMs: tsMsSchema, endMs: tsMsSchema.optional() })
    .strict()
    .refine((a) => a.endMs === undefined || a.endMs >= a.tsMs, { message: 'endMs must not be before tsMs' }),
  /** Unlinks a link (remembered: an automatic link is not re-created). */
  'runbooks.unlink': z.object({ linkId: z.number().int().positive(), actor: actorSchema }).strict(),
  /** Link ranges and step records between two instants, for the timeline's runbook lane. */
  'runbooks.markers': z.object({ fromMs: tsMsSchema, toMs: tsMsSchema }).strict(),
  /** Every run of a runbook (or of all runbooks), oldest first. */
  'runbooks.runs': z.object({ runbookId: runbookIdSchema.optional() }).strict(),
  /** The run of a runbook the viewer continues: the newest one on the runbook's current text, or null. */
  'runbooks.currentRun': z.object({ runbookId: runbookIdSchema }).strict(),
  /** Starts a fresh run of a runbook (its current text is snapshotted). */
  'runbooks.startRun': z.object({ runbookId: runbookIdSchema, actor: actorSchema, tsMs: tsMsSchema }).strict(),
  /**
   * Records a tick, an untick or a note on a step. Without `runId` it goes to the current run, which is
   * started (and the runbook snapshotted) when there is none. `tsMs` is the incident time it is placed at.
   */
  'runbooks.recordStep': z
    .object({
      runbookId: runbookIdSchema,
      runId: z.number().int().positive().optional(),
      stepIndex: z.number().int().min(0).max(10_000),
      action: z.enum(['tick', 'untick', 'note']),
      note: z.string().max(10_000).default(''),
      actor: actorSchema,
      tsMs: tsMsSchema,
    })
    .strict()
    .refine((a) => a.action !== 'note' || a.note.trim().length > 0, { message: 'a note needs text' }),
  /** A run read back as one ordered log with every step's outcome (done, skipped, not reached). */
  'runbooks.executionRecord': z.object({ runId: z.number().int().positive() }).strict(),
} as const;

/** The runbook the viewer shows, and where its text came from. */
export interface RunbookView extends RunbookDetail {
  /** True when the library no longer has it and the text comes from the incident's snapshot. */
  isFromSnapshot: boolean;
}

/** Result types of the runbook methods. */
export interface RunbookResults {
  'runbooks.library': RunbookLibraryState;
  'runbooks.reload': RunbookLibraryState;
  'runbooks.addFolder': RunbookLibraryState;
  'runbooks.removeFolder': RunbookLibraryState;
  'runbooks.get': RunbookView;
  'runbooks.links': RunbookLink[];
  'runbooks.link': RunbookLink;
  'runbooks.unlink': { isUnlinked: boolean };
  'runbooks.markers': RunbookMarker[];
  'runbooks.runs': RunbookRun[];
  'runbooks.currentRun': ExecutionRecord | null;
  'runbooks.startRun': ExecutionRecord;
  'runbooks.recordStep': ExecutionRecord;
  'runbooks.executionRecord': ExecutionRecord;
}

/** Payload of the `runbooks.changed` event: what changed, so clients refetch only that. */
export interface RunbooksChanged {
  what: 'library' | 'links' | 'records';
  /** The library's generation (see RunbookLibraryState). */
  generation: number;
}
