/** The overview strip's markers for the open incident, fetched once per incident and shared by every caller. */
import { useEffect, useState } from 'react';
import type { HindsightClient } from '../api-client';
import { useApp, useHindsight } from '../state/app-context';
import { buildMarkers, type TimelineMarker } from './timeline-markers';

const cache = new WeakMap<HindsightClient, { key: string; markers: Promise<TimelineMarker[]> }>();

/** Markers of the incident identified by `incidentKey`, from the cache or the service. */
function loadMarkers(client: HindsightClient, incidentKey: string): Promise<TimelineMarker[]> {
  const cached = cache.get(client);
  if (cached?.key === incidentKey) return cached.markers;
  const markers = Promise.all([client.api['replay.rollouts']({}), client.api['search.pages']({})]).then(([rollouts, pages]) => buildMarkers(rollouts, pages));
  cache.set(client, { key: incidentKey, markers });
  return markers;
}

/** The markers (empty until loaded; a failed load leaves them empty, the strip still works). */
export function useTimelineMarkers(): TimelineMarker[] {
  const { client } = useApp();
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}`));
  const [loaded, setLoaded] = useState<{
    key: string;
    markers: TimelineMarker[];
  }>({ key: '', markers: [] });
  useEffect(() => {
    if (incidentKey === '') return;
    let isCurrent = true;
    loadMarkers(client, incidentKey).then(
      (markers) => isCurrent && setLoaded({ key: incidentKey, markers }),
      () => isCurrent && setLoaded({ key: incidentKey, markers: [] }),
    );
    return () => {
      isCurrent = false;
    };
  }, [client, incidentKey]);
  return loaded.key === incidentKey ? loaded.markers : [];
}

/** The cached markers for imperative callers (keyboard steps); empty before the first load. */
export async function markersFor(client: HindsightClient, incidentKey: string): Promise<TimelineMarker[]> {
  return incidentKey === '' ? [] : loadMarkers(client, incidentKey).catch(() => []);
}
