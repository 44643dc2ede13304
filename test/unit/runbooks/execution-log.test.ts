import { describe, expect, it } from 'vitest';
import type { RunbookStep, StepAction, StepRecord } from '../../../src/model/runbook';
import { buildExecutionLog } from '../../../src/runbooks/execution-log';

const steps: RunbookStep[] = ['Check', 'Pause', 'Roll back', 'Resume'].map((text, index) => ({ index, text, bodyLine: index, section: '' }));
let nextId = 1;
const record = (stepIndex: number, action: StepAction, tsMs: number, note = ''): StepRecord => ({
  id: nextId++,
  uid: `u${nextId}`,
  runId: 1,
  runbookId: 'rb',
  stepIndex,
  stepText: steps[stepIndex]!.text,
  action,
  note,
  actor: 'priya',
  tsMs,
  recordedMs: tsMs,
});

describe('buildExecutionLog', () => {
  it('marks steps passed over as skipped, in the log where the responder moved past them', () => {
    const { steps: states, log } = buildExecutionLog(steps, [record(0, 'tick', 100), record(2, 'tick', 300), record(0, 'note', 200, 'two hosts failed')]);
    expect(states.map((s) => s.outcome)).toEqual(['done', 'skipped', 'done', 'not-reached']);
    expect(states[0]!.notes).toEqual([{ text: 'two hosts failed', actor: 'priya', tsMs: 200 }]);
    expect(log.map((entry) => (entry.type === 'skipped' ? `skipped ${entry.stepIndex}` : `${entry.record.action} ${entry.record.stepIndex}`))).toEqual([
      'tick 0',
      'note 0',
      'skipped 1',
      'tick 2',
    ]);
  });

  it('treats an untick as undoing the step', () => {
    const { steps: states } = buildExecutionLog(steps, [record(0, 'tick', 100), record(1, 'tick', 150), record(1, 'untick', 160)]);
    expect(states.map((s) => s.outcome)).toEqual(['done', 'not-reached', 'not-reached', 'not-reached']);
  });
});
