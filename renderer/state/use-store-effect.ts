/**
 * Runs a callback outside React whenever a selected store value changes, at most once per animation
 * frame. This is how the playhead and viewport reach canvases and live text without re-rendering.
 */
import { useEffect, useRef } from 'react';
import { useApp } from './app-context';
import type { HindsightState } from './store';

/** Calls `effect(value)` now and in the next animation frame after each change of `selector(state)`. */
export function useStoreFrameEffect<T>(selector: (state: HindsightState) => T, effect: (value: T) => void): void {
  const { store } = useApp();
  const selectorRef = useRef(selector);
  const effectRef = useRef(effect);
  useEffect(() => {
    selectorRef.current = selector;
    effectRef.current = effect;
  });
  useEffect(() => {
    let frame = 0;
    let last = selectorRef.current(store.getState());
    effectRef.current(last);
    const unsubscribe = store.subscribe((state) => {
      const next = selectorRef.current(state);
      if (Object.is(next, last)) return;
      last = next;
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          effectRef.current(last);
        });
      }
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);
}
