/**
 * The marker row under the overview strip: rollout phases and waves (deploy markers) and pages, each a
 * small button at its time with the description as tooltip and accessible name (markers closer than
 * a button's width share one, with a count); a click moves the playhead there and selects the event.
 */
import { useApp } from '../state/app-context';
import { clusterLabel, clusterMarkers, type TimelineMarker } from './timeline-markers';

/** Props: the markers and the incident's span they are placed in. */
export interface OverviewMarkersProps {
  markers: readonly TimelineMarker[];
  firstMs: number;
  lastMs: number;
  /** Width of the strip in CSS px, so nearby markers can share a button. */
  widthPx: number;
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
export function OverviewMarkers({ markers, firstMs, lastMs, widthPx }: OverviewMarkersProps) {
  const { store } = useApp();
  const clusters = clusterMarkers(markers, firstMs, lastMs, Math.max(1, widthPx));
  return (
    <div className="overview-markers" role="group" aria-label="Deploy markers and pages" data-testid="overview-markers">
      {clusters.map((cluster) => (
        <button
          key={cluster.key}
          type="button"
          className={`overview-marker marker-${cluster.kind}`}
          style={{ left: `${cluster.fraction * 100}%` }}
          title={clusterLabel(cluster)}
          aria-label={clusterLabel(cluster)}
          data-testid={`marker-${cluster.kind}`}
          data-count={cluster.markers.length}
          onClick={() => goToMarker(store, cluster.first)}
        >
          <span aria-hidden="true">
            {cluster.kind === 'page' ? '!' : '▲'}
            {cluster.markers.length > 1 ? <sub>{cluster.markers.length}</sub> : null}
          </span>
        </button>
      ))}
    </div>
  );
}
