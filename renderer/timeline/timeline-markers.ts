/**
 * Markers drawn on the overview strip: rollout phases and waves (deploy markers) and page-like events
 * (pages), merged into one time-ordered list. Pure, so stepping from marker to marker is testable.
 */
import type { EventSummary } from '../../src/model/event';
import type { RolloutInfo } from '../../src/model/replay';
import { formatUtcTime } from './format-time';

/** One marker: where it is, what it is, and the event a click selects (null for a wave start). */
export interface TimelineMarker {
  key: string;
  tsMs: number;
  eventId: number | null;
  kind: 'deploy' | 'page';
  label: string;
}

/** The markers of an incident in time order. */
export function buildMarkers(rollouts: readonly RolloutInfo[], pages: readonly EventSummary[]): TimelineMarker[] {
  const markers: TimelineMarker[] = [];
  for (const rollout of rollouts) {
    const name = `${rollout.fromVersion ?? '?'} → ${rollout.toVersion ?? '?'}`;
    for (const wave of rollout.waves) {
      markers.push({
        key: `wave:${rollout.id}:${wave.wave}`,
        tsMs: wave.startMs,
        eventId: null,
        kind: 'deploy',
        label: `Wave ${wave.wave} of ${name} starts (${wave.hostCount} hosts)`,
      });
    }
    for (const marker of rollout.markers) {
      markers.push({
        key: `rollout:${marker.eventId}`,
        tsMs: marker.tsMs,
        eventId: marker.eventId,
        kind: 'deploy',
        label: `${marker.kind}: ${marker.message}`,
      });
    }
  }
  for (const page of pages) {
    markers.push({
      key: `page:${page.id}`,
      tsMs: page.tsMs,
      eventId: page.id,
      kind: 'page',
      label: `Page (${page.level}) ${page.host ?? ''}: ${page.message}`,
    });
  }
  markers.sort((a, b) => a.tsMs - b.tsMs || a.key.localeCompare(b.key));
  return markers.map((m) => ({
    ...m,
    label: `${formatUtcTime(m.tsMs)} UTC — ${m.label}`,
  }));
}

/** The first marker of `kind` strictly after (or before) `tsMs`; null at either end. */
export function stepMarker(markers: readonly TimelineMarker[], tsMs: number, direction: 'next' | 'previous', kind: TimelineMarker['kind']): TimelineMarker | null {
  if (direction === 'next') return markers.find((m) => m.kind === kind && m.tsMs > tsMs) ?? null;
  for (let i = markers.length - 1; i >= 0; i--) {
    const m = markers[i]!;
    if (m.kind === kind && m.tsMs < tsMs) return m;
  }
  return null;
}

/** Markers of one kind close enough on screen to share one button; `first` is where a click goes. */
export interface MarkerCluster {
  key: string;
  kind: TimelineMarker['kind'];
  first: TimelineMarker;
  markers: TimelineMarker[];
  /** Position across the strip, 0..1. */
  fraction: number;
}

/** Groups markers of the same kind less than `minGapPx` apart on a strip `widthPx` wide over [firstMs, lastMs]. */
export function clusterMarkers(markers: readonly TimelineMarker[], firstMs: number, lastMs: number, widthPx: number, minGapPx = 14): MarkerCluster[] {
  const spanMs = Math.max(1, lastMs - firstMs);
  const clusters: MarkerCluster[] = [];
  const open = new Map<TimelineMarker['kind'], MarkerCluster>();
  for (const marker of markers) {
    const fraction = (marker.tsMs - firstMs) / spanMs;
    const current = open.get(marker.kind);
    if (current !== undefined && (fraction - current.fraction) * widthPx < minGapPx) {
      current.markers.push(marker);
      continue;
    }
    const cluster: MarkerCluster = { key: marker.key, kind: marker.kind, first: marker, markers: [marker], fraction };
    clusters.push(cluster);
    open.set(marker.kind, cluster);
  }
  return clusters;
}

/** A cluster's tooltip and accessible name: the one marker, or the count and the first few. */
export function clusterLabel(cluster: MarkerCluster): string {
  if (cluster.markers.length === 1) return cluster.first.label;
  const noun = cluster.kind === 'page' ? 'pages' : 'deploy markers';
  const shown = cluster.markers.slice(0, 4).map((m) => m.label);
  const more = cluster.markers.length > 4 ? [`… and ${cluster.markers.length - 4} more`] : [];
  return [`${cluster.markers.length} ${noun} (click goes to the first):`, ...shown, ...more].join('\n');
}
