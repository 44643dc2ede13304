/** What the last import did, per source: events and unparsed lines, so nothing is dropped silently. */
import { useId } from 'react';
import type { ImportSummary } from '../../src/model/incident';
import { formatCount, formatCountOf } from '../timeline/format-time';

/** Props: the summary to show and how to dismiss it. */
export interface ImportSummaryNoteProps {
  summary: ImportSummary;
  onDismiss(): void;
}

/** A dismissable region listing each imported source. */
export function ImportSummaryNote({ summary, onDismiss }: ImportSummaryNoteProps) {
  const headingId = useId();
  const { totals } = summary;
  return (
    <section className="import-summary" aria-labelledby={headingId} data-testid="import-summary">
      <h2 id={headingId}>
        Imported {formatCountOf(totals.events, 'event')} from {formatCountOf(totals.sources, 'source')}
        {totals.unparsed > 0 ? `; ${formatCountOf(totals.unparsed, 'line')} could not be read` : ''}
      </h2>
      <ul>
        {summary.sources.map((source) => (
          <li key={`${source.sourceId}:${source.path}`}>
            <span className="mono">{source.path}</span> ({source.format}):{' '}
            {source.skippedReason !== null
              ? `skipped, ${source.skippedReason}`
              : `${formatCount(source.events)} events, ${formatCount(source.unparsed)} unparsed of ${formatCount(source.lines)} lines`}
            {source.resumedAfterLine !== undefined && source.resumedAfterLine > 0 ? ` (continued after line ${formatCount(source.resumedAfterLine)})` : ''}
            {(source.unparsedReasons ?? []).length > 0 && (
              <ul aria-label={`Why lines of ${source.path} could not be read`}>
                {(source.unparsedReasons ?? []).map((r) => (
                  <li key={r.reason}>
                    {formatCountOf(r.count, 'line')}: {r.reason}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {(summary.refused ?? []).length > 0 && (
        <>
          <h3>Not imported</h3>
          <ul aria-label="Inputs that were not imported">
            {(summary.refused ?? []).map((r) => (
              <li key={r.path}>{r.reason}</li>
            ))}
          </ul>
        </>
      )}
      {summary.cancelled === true && <p>The import was cancelled; what was read is kept. Import the same files again to continue where it stopped.</p>}
      <button type="button" onClick={onDismiss}>
        Dismiss import summary
      </button>
    </section>
  );
}
