/**
 * Keeps the page's URL hash in step with the view (HTTP shell only; at most every LINK_UPDATE_MS), and
 * restores the view from the hash when an incident opens, so a copied link or a reload reopens it.
 */
import { useEffect } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { applyViewLink, decodeViewLink, encodeViewLink } from '../state/view-link';

/** Least time between two hash updates while the playhead moves, in ms. */
const LINK_UPDATE_MS = 400;

/** The link to the current view: the page URL with its hash (HTTP), or the `hindsight://` form (Electron). */
export function currentViewLink(params: string, transport: string): string {
  if (transport === 'electron') return `hindsight://open?${params}`;
  const url = new URL(window.location.href);
  url.hash = params;
  return url.toString();
}

/**
 * Restores the view from the hash once per opened incident, then mirrors the view into the hash (HTTP).
 * In Electron the hash only carries the hindsight:// link that launched the app, so it is applied once
 * and cleared; a link opened while the app runs arrives as a `view.link` event and applies at once, or
 * waits in the hash for the next incident to open.
 */
export function useViewLink(): void {
  const { store, client } = useApp();
  const incidentPath = useHindsight((s) => s.incident?.path ?? '');
  useEffect(() => {
    if (client.transport !== 'electron') return;
    return client.on('view.link', ({ params }) => {
      const link = decodeViewLink(params);
      if (link === null) return;
      if (store.getState().incident !== null) applyViewLink(store.getState(), link);
      else window.history.replaceState(window.history.state, '', `#${params}`);
    });
  }, [store, client]);
  useEffect(() => {
    if (incidentPath === '') return;
    const link = decodeViewLink(window.location.hash);
    if (link !== null) applyViewLink(store.getState(), link);
    if (client.transport === 'electron') {
      if (window.location.hash !== '') window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      timer = undefined;
      const hash = `#${encodeViewLink(store.getState())}`;
      if (hash !== window.location.hash) window.history.replaceState(window.history.state, '', hash);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer === undefined) timer = setTimeout(write, LINK_UPDATE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, client, incidentPath]);
}
