/**
 * "Compare rollouts" in the What changed drawer: pick rollout A of the open incident and rollout B (another
 * rollout of this incident, or one in another incident file given by path), then see the two aligned at
 * their starts side by side with what differs, each difference jumping the playhead.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { RolloutComparison } from '../../src/model/insight';
import type { RolloutInfo } from '../../src/model/replay';
import { jumpToFinding } from '../insight/jump-to-finding';
import { useApp } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatClock } from '../insight/compare-format';
import { InsightCompareDiffs } from './InsightCompareDiffs';
import { InsightCompareTable } from './InsightCompareTable';

type OtherKind = 'rollout' | 'file';

function rolloutLabel(r: RolloutInfo): string {
  return `${r.id} (${formatClock(r.startMs)} UTC, ${r.hostCount} hosts)`;
}

/** The comparison sheet; `onBack` returns to the findings. */
export function InsightCompare({ onBack }: { onBack: () => void }) {
  const { client, store } = useApp();
  const headingId = useId();
  const [rollouts, setRollouts] = useState<RolloutInfo[] | null>(null);
  const [rolloutA, setRolloutA] = useState('');
  const [otherKind, setOtherKind] = useState<OtherKind>('rollout');
  const [rolloutB, setRolloutB] = useState('');
  const [otherPath, setOtherPath] = useState('');
  const [otherRollout, setOtherRollout] = useState('');
  const [comparison, setComparison] = useState<RolloutComparison | null>(null);
  const [isComparing, setComparing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    client.api['replay.rollouts']({}).then(
      (list) => {
        if (!isCurrent) return;
        setRollouts(list);
        setRolloutA(list[0]?.id ?? '');
        setRolloutB(list[1]?.id ?? '');
        if (list.length < 2) setOtherKind('file');
      },
      (error: unknown) => setProblem(errorSentence(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [client]);

  const compare = async (event: FormEvent) => {
    event.preventDefault();
    setComparing(true);
    setProblem(null);
    try {
      const args =
        otherKind === 'rollout'
          ? { a: rolloutA, b: rolloutB }
          : { a: rolloutA, otherPath: otherPath.trim(), ...(otherRollout === '' ? {} : { b: otherRollout }) };
      const result = await client.api['insight.compare'](args);
      setComparison(result);
      if (otherKind === 'file') setOtherRollout(result.b.rolloutId);
    } catch (error) {
      setComparison(null);
      setProblem(errorSentence(error));
    } finally {
      setComparing(false);
    }
  };

  const others = (rollouts ?? []).filter((r) => r.id !== rolloutA);
  const fileRollouts = comparison !== null && !comparison.b.isOpenIncident ? comparison.b.rolloutIds : [];
  const canCompare = rolloutA !== '' && (otherKind === 'rollout' ? rolloutB !== '' && rolloutB !== rolloutA : otherPath.trim() !== '');

  return (
    <section className="insight-compare" aria-labelledby={headingId}>
      <div className="insight-header">
        <h3 id={headingId}>Compare rollouts</h3>
        <button type="button" onClick={onBack}>
          Back to findings
        </button>
      </div>
      <form className="compare-form" onSubmit={(e) => void compare(e)}>
        <label>
          Rollout A (this incident){' '}
          <select value={rolloutA} onChange={(e) => setRolloutA(e.target.value)} disabled={rollouts === null || rollouts.length === 0}>
            {(rollouts ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {rolloutLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Rollout B</legend>
          <label className="compare-choice">
            <input type="radio" name="compare-other" checked={otherKind === 'rollout'} disabled={others.length === 0} onChange={() => setOtherKind('rollout')} />
            Another rollout in this incident{others.length === 0 ? ' (this incident has no other)' : ''}
          </label>
          {otherKind === 'rollout' && others.length > 0 && (
            <label className="compare-indent">
              Rollout B{' '}
              <select value={rolloutB} onChange={(e) => setRolloutB(e.target.value)}>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {rolloutLabel(r)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="compare-choice">
            <input type="radio" name="compare-other" checked={otherKind === 'file'} onChange={() => setOtherKind('file')} />
            A rollout in another incident file
          </label>
          {otherKind === 'file' && (
            <>
              <label className="compare-indent">
                Incident file path{' '}
                <input
                  type="text"
                  value={otherPath}
                  placeholder="/path/to/staging.hindsight"
                  onChange={(e) => {
                    setOtherPath(e.target.value);
                    setOtherRollout('');
                  }}
                />
              </label>
              {fileRollouts.length > 1 && (
                <label className="compare-indent">
                  Its rollout{' '}
                  <select value={otherRollout} onChange={(e) => setOtherRollout(e.target.value)}>
                    {fileRollouts.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </>
          )}
        </fieldset>
        <button type="submit" disabled={!canCompare || isComparing}>
          Compare
        </button>
      </form>
      {rollouts !== null && rollouts.length === 0 && <p>No rollout was found in this incident, so there is nothing to compare.</p>}
      {isComparing && <p role="status">Comparing: reading both rollouts and their message patterns (a file never opened before is mined first, about a second per 300,000 events)…</p>}
      {problem !== null && <p role="alert">{problem}</p>}
      {comparison !== null && !isComparing && (
        <div className="compare-result" data-testid="compare-result">
          <p className="muted">
            A is {comparison.a.label}, B is {comparison.b.label}
            {comparison.b.isOpenIncident ? '' : ` (${comparison.b.incidentPath}, read only)`}. Both are aligned at their starts and compared over the first{' '}
            {Math.round(comparison.alignedMs / 60_000)} min of each. These are heuristics: differences to check, not causes.
          </p>
          <InsightCompareTable comparison={comparison} />
          <InsightCompareDiffs comparison={comparison} onJump={(jump) => jumpToFinding(store, jump)} />
        </div>
      )}
    </section>
  );
}
