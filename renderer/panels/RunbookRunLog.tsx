/** The record of a run, in order: who ticked, unticked or noted which step when, and which steps were skipped. */
import type { ExecutionRecord } from '../../src/model/runbook';
import { formatClock } from '../runbooks/clock';
import { useApp } from '../state/app-context';


const ACTION_TEXT = { tick: 'ticked', untick: 'unticked', note: 'noted on' } as const;

/** The log of one run. */
export function RunbookRunLog({ record }: { record: ExecutionRecord }) {
  const { store } = useApp();
  return (
    <section className="runbook-log" aria-label="Record of this run" data-testid="runbook-log">
      <h4>Record of this run</h4>
      {record.log.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol>
          {record.log.map((entry) =>
            entry.type === 'skipped' ? (
              <li key={`skipped-${entry.stepIndex}`} className="log-skipped">
                Skipped step {entry.stepIndex + 1}: {entry.stepText}
              </li>
            ) : (
              <li key={entry.record.uid}>
                <button type="button" className="link-button" onClick={() => store.getState().setPlayhead(entry.record.tsMs)} aria-label={`Go to ${formatClock(entry.record.tsMs)}`}>
                  {formatClock(entry.record.tsMs)}
                </button>{' '}
                {entry.record.actor} {ACTION_TEXT[entry.record.action]} step {entry.record.stepIndex + 1}: {entry.record.stepText}
                {entry.record.action === 'note' ? ` — “${entry.record.note}”` : ''}
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}
