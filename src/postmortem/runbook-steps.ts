/**
 * Runbook steps in the postmortem.
 * NOTE: the runbook execution record (issue 5) had no store function for recorded steps when this was
 * written, so the postmortem says so instead of guessing at a table another feature owns. Wire the
 * step list in here once `src/store/runbook-*.ts` exposes it.
 */

/** One sentence for the document about runbook steps. */
export function runbookNote(): string {
  return 'Runbook steps are not included yet: this version of Hindsight does not record runbook steps in the incident file.';
}
