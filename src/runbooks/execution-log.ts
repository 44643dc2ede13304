/**
 * Reads a run's step records as one log: each step's outcome (done, skipped, not reached) and the
 * records in order, with a `skipped` line placed where the responder first moved past a step they
 * had not done. Pure, so the postmortem export and the tests use exactly what the app shows.
 */
import type { ExecutionLogEntry, RunbookStep, StepRecord, StepState } from '../model/runbook';

/** Outcomes and the ordered log of a run, from the steps of its snapshot and its records. */
export function buildExecutionLog(steps: RunbookStep[], records: StepRecord[]): { steps: StepState[]; log: ExecutionLogEntry[] } {
  const ordered = [...records].sort((a, b) => a.tsMs - b.tsMs || a.id - b.id);
  const states: StepState[] = steps.map((step) => ({ index: step.index, text: step.text, section: step.section, outcome: 'not-reached', doneMs: null, doneBy: null, notes: [] }));
  const stateOf = (record: StepRecord): StepState => {
    let state = states[record.stepIndex];
    if (state === undefined) {
      // A record for a step the snapshot no longer has (should not happen; keep it visible anyway).
      state = { index: record.stepIndex, text: record.stepText, section: '', outcome: 'not-reached', doneMs: null, doneBy: null, notes: [] };
      states[record.stepIndex] = state;
    }
    return state;
  };
  for (const record of ordered) {
    const state = stateOf(record);
    if (record.action === 'tick') Object.assign(state, { outcome: 'done', doneMs: record.tsMs, doneBy: record.actor });
    else if (record.action === 'untick') Object.assign(state, { outcome: 'not-reached', doneMs: null, doneBy: null });
    else state.notes.push({ text: record.note, actor: record.actor, tsMs: record.tsMs });
  }
  const dense = states.filter((state): state is StepState => state !== undefined);
  const highestDone = Math.max(-1, ...dense.filter((state) => state.outcome === 'done').map((state) => state.index));
  for (const state of dense) if (state.outcome !== 'done' && state.index < highestDone) state.outcome = 'skipped';

  const log: ExecutionLogEntry[] = [];
  const announced = new Set<number>();
  for (const record of ordered) {
    if (record.action === 'tick') {
      for (const state of dense) {
        if (state.index >= record.stepIndex || state.outcome !== 'skipped' || announced.has(state.index)) continue;
        announced.add(state.index);
        log.push({ type: 'skipped', stepIndex: state.index, stepText: state.text, tsMs: record.tsMs });
      }
    }
    log.push({ type: 'record', record });
  }
  return { steps: dense, log };
}
