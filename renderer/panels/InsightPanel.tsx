/**
 * "What changed": the ranked findings of the insight heuristics (new message patterns, bursts,
 * silences, periodic jobs during rollout phases), in a drawer beside the timeline so a jump stays
 * visible. Opened from the header, because the first look mines every message. Each finding can be
 * jumped to, annotated, dismissed (remembered) and restored. "Compare rollouts" turns the drawer into
 * a wider sheet that sets two rollouts side by side.
 */
import { useEffect, useId, useState } from 'react';
import type { InsightFinding, InsightProgress } from '../../src/model/insight';
import { jumpToFinding } from '../insight/jump-to-finding';
import { useInsightReport } from '../insight/use-insight-report';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatCount, formatCountOf } from '../timeline/format-time';
import { InsightCompare } from './InsightCompare';
import { InsightFindingItem } from './InsightFindingItem';

/** The drawer; `onClose` hides it. */
export function InsightPanel({ onClose }: { onClose: () => void }) {
  const { store, client } = useApp();
  const headingId = useId();
  const [isShowingDismissed, setShowingDismissed] = useState(false);
  const isReadOnly = useHindsight((s) => s.incident?.isReadOnly ?? false);
  const { report, isLoading, reload } = useInsightReport(true);
  const [note, setNote] = useState<string | null>(null);
  const [isComparing, setComparing] = useState(false);
  const [progress, setProgress] = useState<InsightProgress | null>(null);

  useEffect(() => (isLoading ? client.on('insight.progress', setProgress) : undefined), [client, isLoading]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setNote(done);
      await reload();
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };
  const author = () => store.getState().authorName.trim();
  const annotate = (f: InsightFinding) => run(() => client.api['insight.toAnnotation']({ key: f.key, author: author() }), 'Annotation added at that moment; edit it in the annotations panel.');
  const toggle = (f: InsightFinding) =>
    run(
      () => (f.isDismissed ? client.api['insight.restore']({ key: f.key }) : client.api['insight.dismiss']({ key: f.key, author: author() })),
      f.isDismissed ? 'Finding restored.' : 'Finding dismissed; it stays dismissed in this incident.',
    );

  const findings = report?.findings ?? [];
  const shown = findings.filter((f) => isShowingDismissed || !f.isDismissed);
  const dismissedCount = findings.length - findings.filter((f) => !f.isDismissed).length;

  if (isComparing) {
    return (
      <section className="panel insight-panel is-wide" aria-labelledby={headingId}>
        <div className="insight-header">
          <h2 id={headingId}>What changed</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="insight-body">
          <InsightCompare onBack={() => setComparing(false)} />
        </div>
      </section>
    );
  }

  return (
    <section className="panel insight-panel" aria-labelledby={headingId}>
      <div className="insight-header">
        <h2 id={headingId}>What changed</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" onClick={() => setComparing(true)}>
          Compare rollouts…
        </button>
        {report !== null && (
          <label className="insight-toggle">
            <input type="checkbox" checked={isShowingDismissed} onChange={(e) => setShowingDismissed(e.target.checked)} />
            Show dismissed ({dismissedCount})
          </label>
        )}
      </div>
      <div className="insight-body">
        {isLoading && report === null && (
          <p role="status">
            Looking for what changed: mining message patterns
            {progress === null ? '' : ` (${formatCount(progress.eventsDone)} of ${formatCountOf(progress.eventsTotal, 'event')})`} and comparing hosts…
          </p>
        )}
        {report !== null && (
          <p className="muted" data-testid="insight-summary">
            {formatCountOf(findings.length, 'finding')} from {formatCountOf(report.patternCount, 'message pattern')}; new patterns are counted from {report.sinceLabel}.
            These are heuristics, ranked by how unusual and widespread they are: leads to check, not causes.
          </p>
        )}
        {note !== null && <p role="status">{note}</p>}
        {report !== null && shown.length === 0 && <p>Nothing stands out: no new patterns, bursts, silences or job collisions were found.</p>}
        <ol className="insight-list" aria-label="Findings, highest ranked first">
          {shown.map((f) => (
            <InsightFindingItem
              key={f.key}
              finding={f}
              rank={findings.indexOf(f) + 1}
              isReadOnly={isReadOnly}
              onJump={() => jumpToFinding(store, f)}
              onAnnotate={() => void annotate(f)}
              onToggleDismissed={() => void toggle(f)}
            />
          ))}
        </ol>
      </div>
    </section>
  );
}
