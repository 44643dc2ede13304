/**
 * The label column beside the timeline's canvas: one row per drawn lane (name, counts in view) and,
 * for lanes by host, a header button per group that folds or unfolds its hosts (aria-expanded says
 * which). Rows have the heights the canvas draws them at, so labels and lanes line up as they scroll.
 */
import { memo } from 'react';
import { useApp } from '../state/app-context';
import { formatCount, formatCountOf } from './format-time';
import type { LaneCounts } from './lane-summary';
import type { LaneRow } from './lane-layout';

/** Props: the rows in order, with their counts in view (same order). */
export interface LaneLabelsProps {
  rows: readonly LaneRow[];
  counts: readonly LaneCounts[];
}

/** Events, errors and warnings of a row as short visible text. */
function CountsText({ counts }: { counts: LaneCounts }) {
  if (counts.isPending === true) {
    return (
      <span className="lane-counts muted" aria-hidden="true">
        …
      </span>
    );
  }
  return (
    <span className="lane-counts" aria-hidden="true">
      {formatCount(counts.events)}
      {counts.errors > 0 && <span className="count-error"> · {formatCount(counts.errors)} err</span>}
      {counts.warnings > 0 && <span className="count-warn"> · {formatCount(counts.warnings)} warn</span>}
    </span>
  );
}

/** Row props are equal when the row is the same object and its counts read the same (counts are rebuilt every render). */
function isSameRow(a: RowProps, b: RowProps): boolean {
  return a.row === b.row && a.counts.isPending === b.counts.isPending && a.counts.events === b.counts.events && a.counts.errors === b.counts.errors && a.counts.warnings === b.counts.warnings;
}

interface RowProps {
  row: LaneRow;
  counts: LaneCounts;
}

function sentenceOf(counts: LaneCounts): string {
  if (counts.isPending === true) return 'counts in view loading';
  return `${formatCountOf(counts.events, 'event')}, ${formatCountOf(counts.errors, 'error')}, ${formatCountOf(counts.warnings, 'warning')} in view`;
}

const GroupHeader = memo(function GroupHeader({ row, counts }: RowProps) {
  const { store } = useApp();
  return (
    <li className="lane-group" style={{ height: row.heightPx }} data-testid="lane-group" data-group={row.group ?? ''}>
      <button
        type="button"
        className="lane-group-toggle"
        aria-expanded={row.isExpanded}
        title={`${row.isExpanded ? 'Fold' : 'Unfold'} the ${formatCountOf(row.hostCount, 'host')} of ${row.label}`}
        onClick={() => store.getState().toggleGroup(row.group ?? '')}
      >
        <span className="lane-group-caret" aria-hidden="true">
          {row.isExpanded ? '▾' : '▸'}
        </span>
        <span className="lane-group-text">
          <span className="lane-name">
            {row.label} <span className="muted">({formatCountOf(row.hostCount, 'host')})</span>
          </span>
          <CountsText counts={counts} />
        </span>
        <span className="visually-hidden">, {sentenceOf(counts)}</span>
      </button>
    </li>
  );
}, isSameRow);

const LaneLabel = memo(function LaneLabel({ row, counts }: RowProps) {
  const isShort = row.heightPx < 30;
  return (
    <li className={`lane-label${row.group !== null ? ' in-group' : ''}${isShort ? ' is-short' : ''}`} style={{ height: row.heightPx }} title={`${row.label}: ${sentenceOf(counts)}`} data-testid="lane-label">
      <span className="lane-name">{row.label}</span>
      <CountsText counts={counts} />
      <span className="visually-hidden">{sentenceOf(counts)}</span>
    </li>
  );
}, isSameRow);

/** The rows' labels. */
export function LaneLabels({ rows, counts }: LaneLabelsProps) {
  return (
    <ul className="lane-labels" aria-label="Lanes">
      {rows.map((row, index) =>
        row.kind === 'group' ? <GroupHeader key={row.key} row={row} counts={counts[index]!} /> : <LaneLabel key={row.key} row={row} counts={counts[index]!} />,
      )}
    </ul>
  );
}
