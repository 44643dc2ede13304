/** The fleet view's legend: each phase's glyph, colour and name with its count, and the health marks. */
import type { FleetState } from '../../src/model/replay';
import { HEALTH_STYLES, PHASE_STYLES } from '../fleet/phase-style';

/** Props: the counts to show (null before the first answer). */
export interface FleetLegendProps {
  state: FleetState | null;
}

/** The legend. */
export function FleetLegend({ state }: FleetLegendProps) {
  return (
    <ul className="fleet-legend" aria-label="Legend">
      {Object.entries(PHASE_STYLES).map(([phase, style]) => (
        <li key={phase}>
          <span className={`fleet-swatch ${style.className}`} aria-hidden="true">
            {style.glyph}
          </span>
          {style.label}
          {state !== null && <span className="muted"> {state.phaseCounts[phase as keyof typeof PHASE_STYLES]}</span>}
        </li>
      ))}
      {(['error', 'warn', 'silent'] as const).map((health) => (
        <li key={health}>
          <span className={`fleet-swatch phase-pending ${HEALTH_STYLES[health].className}`} aria-hidden="true">
            {HEALTH_STYLES[health].mark}
          </span>
          {HEALTH_STYLES[health].label}
          {state !== null && <span className="muted"> {state.healthCounts[health]}</span>}
        </li>
      ))}
    </ul>
  );
}
