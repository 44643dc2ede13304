/**
 * The marker row under the overview strip: rollout phases and waves (deploy markers) and pages, each a
 * small button at its time with the description as tooltip and accessible name; a click moves the
 * playhead there and selects the event.
 */
import { useApp } from '../state/app-context';
import type { TimelineMarker } from './timeline-markers';

/** Props: the markers and the incident's span they are placed in. */
export interface OverviewMarkersProps {
  markers: readonly TimelineMarker[];
  firstMs: number;
  lastMs: number;
}

/** Moves the playhead onto a marker and selects its event. */
export function goToMarker(store: ReturnType<typeof useApp>['store'], marker: TimelineMarker): void {
  const state = store.getState();
  if (marker.eventId === null) {
    state.setPlayhead(marker.tsMs);
    return;
  }
  state.stepTo(marker.tsMs, marker.eventId);
  state.select({ kind: 'event', id: marker.eventId });
}

/** The marker row. */
export function OverviewMarkers({ markers, firstMs, lastMs }: OverviewMarkersProps) {
  const { store } = useApp();
  const spanMs = Math.max(1, lastMs - firstMs);
  return (
    <div className="overview-markers" role="group" aria-label="Deploy markers and pages" data-testid="overview-markers">
      {markers.map((marker) => (
        <button
          key={marker.key}
          type="button"
          className={`overview-marker marker-${marker.kind}`}
          style={{ left: `${((marker.tsMs - firstMs) / spanMs) * 100}%` }}
          title={marker.label}
          aria-label={marker.label}
          data-testid={`marker-${marker.kind}`}
          onClick={() => goToMarker(store, marker)}
        >
          <span aria-hidden="true">{marker.kind === 'page' ? '!' : '▲'}</span>
        </button>
      ))}
    </div>
  );
}
