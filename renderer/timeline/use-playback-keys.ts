/**
 * Keys of video and trace tools, beside the ones IncidentView handles (Space, N/P, E, +/−/0):
 * J/K/L reverse/pause/forward (repeat to speed up), D / Shift+D next/previous deploy marker, M /
 * Shift+M next/previous annotation (A and [ ] belong to annotating and the tour), Shift+←/→ pan by a fifth of the view, Z zoom to the selected range,
 * Escape clears the selection, "\" toggles looping the selection.
 */
import { useEffect } from 'react';
import { useApp } from '../state/app-context';
import { transportKey } from './playback';

/** Whether a key press belongs to what has focus (typing, a dialog, a slider or list using arrows). */
function isOwnedByTarget(target: EventTarget | null, event: KeyboardEvent): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('dialog') !== null) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return event.key.startsWith('Arrow') && !event.shiftKey && ['slider', 'listbox'].includes(target.getAttribute('role') ?? '');
}

/** What the keys call that lives elsewhere. */
export interface PlaybackKeyActions {
  stepMarker(direction: 'next' | 'previous'): Promise<void>;
  stepAnnotation(direction: 'next' | 'previous'): Promise<void>;
}

/** Installs the keys on the window while the incident view is shown. */
export function usePlaybackKeys(actions: PlaybackKeyActions): void {
  const { store } = useApp();
  const { stepMarker, stepAnnotation } = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isOwnedByTarget(event.target, event)) return;
      const state = store.getState();
      const spanMs = state.viewport.toMs - state.viewport.fromMs;
      const transport = (key: 'j' | 'k' | 'l') => {
        const next = transportKey(key, {
          isPlaying: state.isPlaying,
          direction: state.playDirection,
          speed: state.speed,
        });
        state.setPlayDirection(next.direction);
        state.setSpeed(next.speed);
        state.setPlaying(next.isPlaying);
      };
      const handlers: Record<string, () => void> = {
        j: () => transport('j'),
        k: () => transport('k'),
        l: () => transport('l'),
        d: () => void stepMarker('next'),
        D: () => void stepMarker('previous'),
        m: () => void stepAnnotation('next'),
        M: () => void stepAnnotation('previous'),
        z: () => state.selectedRange !== null && state.setViewport(state.selectedRange),
        '\\': () => state.selectedRange !== null && state.setLooping(!state.isLooping),
        Escape: () => state.setSelectedRange(null),
      };
      const shifted: Record<string, () => void> = {
        ArrowLeft: () => state.panByMs(-spanMs / 5),
        ArrowRight: () => state.panByMs(spanMs / 5),
      };
      const handler = event.shiftKey && event.key in shifted ? shifted[event.key] : handlers[event.key];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, stepMarker, stepAnnotation]);
}
