/**
 * One host in the fleet view: a button whose text, colour and border show its phase and health. Compact
 * cells drop the short name (still in the tooltip and accessible name) and the silent mark (the dotted
 * border still shows it), leaving the phase glyph and any error or warning mark.
 */
import { memo } from 'react';
import type { HostState } from '../../src/model/replay';
import { cellLabel, describeHost, HEALTH_STYLES, PHASE_STYLES } from '../fleet/phase-style';

/** Props: the host's state, whether it is the picked host, whether cells are glyph-only, and what to do on hover and click. */
export interface FleetCellProps {
  host: HostState;
  isFocused: boolean;
  isCompact: boolean;
  onHover(host: string | null): void;
  onPick(host: string): void;
}

/** A host's cell; re-renders only when its state changes. */
export const FleetCell = memo(function FleetCell({ host, isFocused, isCompact, onHover, onPick }: FleetCellProps) {
  const phase = PHASE_STYLES[host.phase];
  const health = HEALTH_STYLES[host.health];
  const description = describeHost(host);
  return (
    <button
      type="button"
      className={`fleet-cell ${phase.className} ${health.className}${isCompact ? ' is-compact' : ''}`}
      data-testid="fleet-cell"
      data-host={host.host}
      data-phase={host.phase}
      data-health={host.health}
      aria-label={description}
      aria-pressed={isFocused}
      title={description}
      onMouseEnter={() => onHover(host.host)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(host.host)}
      onBlur={() => onHover(null)}
      onClick={() => onPick(host.host)}
    >
      {!isCompact && <span className="fleet-cell-name">{cellLabel(host.host, host.group)}</span>}
      <span className="fleet-cell-glyph" aria-hidden="true">
        {phase.glyph}
        {isCompact && host.health === 'silent' ? '' : health.mark}
      </span>
    </button>
  );
});
