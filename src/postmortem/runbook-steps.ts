/**
 * Runbook steps in the postmortem: every tick, untick and note a responder recorded (issue 5's
 * execution record) becomes a row of the timeline, so the document shows what was done and when.
 */
import type { PostmortemTimelineRow } from '../model/postmortem';
import type { IncidentDb } from '../store/incident-db';
import { listRuns, listStepRecords } from '../store/runbook-records';

/** Most step records printed (a postmortem is not a log dump). */
export const MAX_RUNBOOK_ROWS = 500;

/** The recorded runbook steps as timeline rows, in incident time. */
export function runbookStepRows(incident: IncidentDb): PostmortemTimelineRow[] {
  const titles = new Map(listRuns(incident).map((run) => [run.id, run.title]));
  return listStepRecords(incident, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, MAX_RUNBOOK_ROWS).map((record) => {
    const step = record.stepText.split('\n')[0] ?? '';
    const what =
      record.action === 'tick' ? `✓ ${step}` : record.action === 'untick' ? `Unticked: ${step}` : `Note on “${step}”: ${record.note}`;
    return {
      tsMs: record.tsMs,
      endMs: null,
      what: `${titles.get(record.runId) ?? record.runbookId}: ${what}${record.actor ? ` (${record.actor})` : ''}`,
      source: 'runbook',
      kind: record.action === 'note' ? 'Runbook note' : 'Runbook step',
      eventId: null,
    };
  });
}

/** One sentence for the document about the runbook steps it includes. */
export function runbookNote(rowCount: number): string {
  if (rowCount === 0) return 'No runbook steps were recorded in this incident.';
  const capped = rowCount >= MAX_RUNBOOK_ROWS ? ` (the first ${MAX_RUNBOOK_ROWS})` : '';
  return `The timeline includes ${rowCount} recorded runbook step action${rowCount === 1 ? '' : 's'}${capped}.`;
}
