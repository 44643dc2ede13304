/**
 * Play/pause, speed, stepping from event to event or error to error, and the playhead readout.
 * Playback runs in requestAnimationFrame and writes the store; the readout is updated from the store
 * directly, not through React renders.
 */
import { useEffect, useId, useRef } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { PLAYBACK_SPEEDS, type PlaybackSpeed } from '../state/store';
import { useStoreFrameEffect } from '../state/use-store-effect';
import { formatUtcDateTime } from '../timeline/format-time';
import { GoToTime } from './GoToTime';

/** Which way to step, and whether only errors count. */
export interface StepRequest {
  direction: 'next' | 'previous';
  errorsOnly: boolean;
}

/** Asks the service for the next/previous event from the playhead and moves the playhead (and selection) onto it. */
export function useStep(): (request: StepRequest) => Promise<void> {
  const { store, client } = useApp();
  return async ({ direction, errorsOnly }) => {
    const { playheadMs, cursorEventId } = store.getState();
    try {
      const event = await client.api['events.step']({
        fromTsMs: playheadMs,
        fromId: cursorEventId,
        direction,
        ...(errorsOnly ? { levelAtLeast: 'error' as const } : {}),
      });
      const state = store.getState();
      if (event === null) {
        state.showError(`There is no ${direction === 'next' ? 'later' : 'earlier'} ${errorsOnly ? 'error' : 'event'} in this incident.`);
        return;
      }
      state.clearError();
      state.stepTo(event.tsMs, event.id);
      state.select({ kind: 'event', id: event.id });
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };
}

/** The replay toolbar. */
export function ReplayControls() {
  const { store } = useApp();
  const isPlaying = useHindsight((s) => s.isPlaying);
  const speed = useHindsight((s) => s.speed);
  const readoutRef = useRef<HTMLOutputElement>(null);
  const speedId = useId();
  const step = useStep();

  useStoreFrameEffect(
    (s) => s.playheadMs,
    (playheadMs) => {
      if (readoutRef.current !== null) readoutRef.current.textContent = formatUtcDateTime(playheadMs);
    },
  );

  useEffect(() => {
    if (!isPlaying) return;
    let frame = 0;
    let lastMs = performance.now();
    const tick = (nowMs: number) => {
      store.getState().advance(nowMs - lastMs);
      lastMs = nowMs;
      if (store.getState().isPlaying) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [isPlaying, store]);

  return (
    <div className="replay-controls" role="toolbar" aria-label="Replay">
      <button
        type="button"
        className="play-button primary"
        aria-pressed={isPlaying}
        aria-keyshortcuts="Space"
        title="Play or pause (Space)"
        onClick={() => store.getState().setPlaying(!isPlaying)}
      >
        {isPlaying ? 'Pause' : 'Play'}
      </button>
      <label htmlFor={speedId} className="speed-label">
        Speed
      </label>
      <select id={speedId} value={speed} onChange={(e) => store.getState().setSpeed(Number(e.target.value) as PlaybackSpeed)}>
        {PLAYBACK_SPEEDS.map((option) => (
          <option key={option} value={option}>
            {option}×
          </option>
        ))}
      </select>
      <span className="toolbar-gap" />
      <button type="button" aria-keyshortcuts="p" title="Previous event (P)" onClick={() => void step({ direction: 'previous', errorsOnly: false })}>
        Previous event
      </button>
      <button type="button" aria-keyshortcuts="n" title="Next event (N)" onClick={() => void step({ direction: 'next', errorsOnly: false })}>
        Next event
      </button>
      <button type="button" aria-keyshortcuts="Shift+E" title="Previous error (Shift+E)" onClick={() => void step({ direction: 'previous', errorsOnly: true })}>
        Previous error
      </button>
      <button type="button" className="error-step" aria-keyshortcuts="e" title="Next error (E)" onClick={() => void step({ direction: 'next', errorsOnly: true })}>
        Next error
      </button>
      <span className="toolbar-gap" />
      <span className="readout-label" aria-hidden="true">
        Playhead
      </span>
      <output ref={readoutRef} className="playhead-readout" aria-label="Playhead time" data-testid="playhead-time" />
      <GoToTime />
    </div>
  );
}
