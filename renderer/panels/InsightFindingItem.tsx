/** One "what changed" finding: its sentence, why it was raised (the numbers and the query), and Jump, Annotate, Dismiss/Restore. */
import type { InsightFinding } from '../../src/model/insight';

/** Labels of the detectors, as a person reads them. */
export const INSIGHT_KIND_LABELS: Record<InsightFinding['kind'], string> = {
  'new-pattern': 'New message pattern',
  burst: 'Burst',
  silence: 'Silence',
  'periodic-collision': 'Periodic job during rollout',
};

/** Props of {@link InsightFindingItem}. */
export interface InsightFindingItemProps {
  finding: InsightFinding;
  rank: number;
  isReadOnly: boolean;
  onJump(): void;
  onAnnotate(): void;
  onToggleDismissed(): void;
}

/** A list item. */
export function InsightFindingItem({ finding, rank, isReadOnly, onJump, onAnnotate, onToggleDismissed }: InsightFindingItemProps) {
  const label = INSIGHT_KIND_LABELS[finding.kind];
  return (
    <li className={`insight-finding${finding.isDismissed ? ' is-dismissed' : ''}`} data-testid="insight-finding" data-kind={finding.kind}>
      <p className="insight-title">
        <span className="insight-kind">
          {rank}. {label}
          {finding.isDismissed ? ' (dismissed)' : ''}, score {finding.score}:
        </span>{' '}
        {finding.title}
      </p>
      <details className="insight-why">
        <summary>Why</summary>
        <dl className="insight-numbers">
          {finding.evidence.numbers.map((n) => (
            <div key={n.label} className="insight-number">
              <dt>{n.label}</dt>
              <dd>{n.value}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Events behind it (read-only SQL, parameters in order):</p>
        <pre className="insight-sql">
          {finding.evidence.sql}
          {'\n-- '}
          {JSON.stringify(finding.evidence.parameters)}
        </pre>
      </details>
      <div className="insight-actions">
        <button type="button" onClick={onJump} aria-label={`Jump to: ${finding.title}`}>
          Jump
        </button>
        <button type="button" onClick={onAnnotate} disabled={isReadOnly} aria-label={`Annotate: ${finding.title}`}>
          Annotate
        </button>
        <button type="button" onClick={onToggleDismissed} disabled={isReadOnly} aria-label={`${finding.isDismissed ? 'Restore' : 'Dismiss'}: ${finding.title}`}>
          {finding.isDismissed ? 'Restore' : 'Dismiss'}
        </button>
      </div>
    </li>
  );
}
