/**
 * Play/pause (J/K/L too), speed, looping a selected range, skipping quiet stretches, stepping from event
 * to event, error to error, deploy marker to deploy marker or annotation to annotation, the playhead
 * readout and "Copy link". Playback runs in requestAnimationFrame and writes the store; the readout is
 * updated from the store directly, not through React renders.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { PLAYBACK_SPEEDS, type PlaybackSpeed } from '../state/store';
import { useStoreFrameEffect } from '../state/use-store-effect';
import { formatUtcDateTime } from '../timeline/format-time';
import { nextPlayback } from '../timeline/playback';
import { stepMarker } from '../timeline/timeline-markers';
import { usePlaybackKeys } from '../timeline/use-playback-keys';
import { markersFor } from '../timeline/use-timeline-markers';
import { currentViewLink, useViewLink } from '../timeline/use-view-link';
import { encodeViewLink } from '../state/view-link';
import { goToMarker } from '../timeline/OverviewMarkers';
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
    const { playheadMs, cursorEventId, filterText } = store.getState();
    try {
      const event = await client.api['events.step']({
        fromTsMs: playheadMs,
        fromId: cursorEventId,
        direction,
        ...(errorsOnly ? { levelAtLeast: 'error' as const } : {}),
        ...(filterText === '' ? {} : { filter: filterText }),
      });
      const state = store.getState();
      if (event === null) {
        const what = `${errorsOnly ? 'error' : 'event'}${filterText === '' ? '' : ' matching the filter'}`;
        state.showError(`There is no ${direction === 'next' ? 'later' : 'earlier'} ${what} in this incident.`);
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

/** Steps the playhead to the next/previous deploy marker (wave start or rollout controller event). */
export function useMarkerStep(): (direction: 'next' | 'previous') => Promise<void> {
  const { store, client } = useApp();
  return async (direction) => {
    const { incident, playheadMs } = store.getState();
    const markers = await markersFor(client, incident === null ? '' : `${incident.path}:${incident.eventCount}`);
    const marker = stepMarker(markers, playheadMs, direction, 'deploy');
    const state = store.getState();
    if (marker === null) {
      state.showError(`There is no ${direction === 'next' ? 'later' : 'earlier'} deploy marker in this incident.`);
      return;
    }
    state.clearError();
    goToMarker(store, marker);
  };
}

/** Steps the playhead to the next/previous annotation (notes, findings, action items placed in time). */
export function useAnnotationStep(): (direction: 'next' | 'previous') => Promise<void> {
  const { store, client } = useApp();
  return async (direction) => {
    try {
      const annotations = await client.api['annotations.list']({});
      const { playheadMs } = store.getState();
      const times = annotations.map((a) => a.tsMs).sort((a, b) => a - b);
      const target = direction === 'next' ? times.find((t) => t > playheadMs) : [...times].reverse().find((t) => t < playheadMs);
      const state = store.getState();
      if (target === undefined) {
        state.showError(`There is no ${direction === 'next' ? 'later' : 'earlier'} annotation in this incident.`);
        return;
      }
      state.clearError();
      state.setPlayhead(target);
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };
}

/** Runs playback while `isPlaying`: direction, loop and quiet-stretch skipping come from the store. */
function usePlaybackLoop(isPlaying: boolean): void {
  const { store, client } = useApp();
  useEffect(() => {
    if (!isPlaying) return;
    let frame = 0;
    let lastMs = performance.now();
    let nextEvent: {
      fromMs: number;
      direction: 1 | -1;
      tsMs: number | null;
    } | null = null;
    let isAsking = false;
    const askNextEvent = (fromMs: number, direction: 1 | -1) => {
      if (isAsking) return;
      isAsking = true;
      const { filterText } = store.getState();
      client.api['events.step']({
        fromTsMs: Math.round(fromMs),
        fromId: direction === 1 ? Number.MAX_SAFE_INTEGER : 0,
        direction: direction === 1 ? 'next' : 'previous',
        ...(filterText === '' ? {} : { filter: filterText }),
      })
        .then(
          (event) => (nextEvent = { fromMs, direction, tsMs: event?.tsMs ?? null }),
          () => (nextEvent = { fromMs, direction, tsMs: null }),
        )
        .finally(() => (isAsking = false));
    };
    const tick = (nowMs: number) => {
      const state = store.getState();
      const { firstTsMs, lastTsMs } = state.incident ?? {
        firstTsMs: null,
        lastTsMs: null,
      };
      const direction = state.playDirection;
      let nextEventMs: number | null = null;
      if (state.isSkippingQuiet) {
        const known = nextEvent;
        const isStale = known === null || known.direction !== direction || (known.tsMs !== null && (known.tsMs - state.playheadMs) * direction <= 0);
        if (isStale) askNextEvent(state.playheadMs, direction);
        else nextEventMs = known.tsMs;
      }
      const result = nextPlayback({
        playheadMs: state.playheadMs,
        elapsedWallMs: Math.min(100, nowMs - lastMs),
        speed: state.speed,
        direction,
        firstMs: firstTsMs ?? state.playheadMs,
        lastMs: lastTsMs ?? state.playheadMs,
        loop: state.isLooping ? state.selectedRange : null,
        nextEventMs,
      });
      lastMs = nowMs;
      state.setPlayhead(result.playheadMs);
      if (!result.isPlaying) state.setPlaying(false);
      if (store.getState().isPlaying) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [isPlaying, store, client]);
}

type StepNoun = 'event' | 'error' | 'deploy' | 'note';

/** The step buttons, as ‹ noun › pairs: accessible names, shortcuts and the hint in their tooltips. */
const STEP_PAIRS: readonly { noun: StepNoun; label: string; previous: { name: string; keys: string; hint: string }; next: { name: string; keys: string; hint: string } }[] = [
  { noun: 'event', label: 'Event', previous: { name: 'Previous event', keys: 'p', hint: 'P' }, next: { name: 'Next event', keys: 'n', hint: 'N' } },
  { noun: 'error', label: 'Error', previous: { name: 'Previous error', keys: 'Shift+E', hint: 'Shift+E' }, next: { name: 'Next error', keys: 'e', hint: 'E' } },
  { noun: 'deploy', label: 'Deploy', previous: { name: 'Previous deploy marker', keys: 'Shift+D', hint: 'Shift+D' }, next: { name: 'Next deploy marker', keys: 'd', hint: 'D' } },
  { noun: 'note', label: 'Note', previous: { name: 'Previous annotation', keys: 'Shift+M', hint: 'Shift+M' }, next: { name: 'Next annotation', keys: 'm', hint: 'M' } },
];

/** The replay toolbar: one row at common widths (steps as ‹ noun › pairs); it wraps rather than clips when narrower. */
export function ReplayControls() {
  const { store, client } = useApp();
  const isPlaying = useHindsight((s) => s.isPlaying);
  const speed = useHindsight((s) => s.speed);
  const direction = useHindsight((s) => s.playDirection);
  const isLooping = useHindsight((s) => s.isLooping);
  const hasRange = useHindsight((s) => s.selectedRange !== null);
  const isSkippingQuiet = useHindsight((s) => s.isSkippingQuiet);
  const readoutRef = useRef<HTMLOutputElement>(null);
  const [copyNote, setCopyNote] = useState('');
  const step = useStep();
  const stepMarkerTo = useMarkerStep();
  const stepAnnotation = useAnnotationStep();
  usePlaybackLoop(isPlaying);
  usePlaybackKeys({ stepMarker: stepMarkerTo, stepAnnotation });
  useViewLink();

  useStoreFrameEffect(
    (s) => s.playheadMs,
    (playheadMs) => {
      if (readoutRef.current !== null) readoutRef.current.textContent = formatUtcDateTime(playheadMs);
    },
  );

  const copyLink = async () => {
    const link = currentViewLink(encodeViewLink(store.getState()), client.transport);
    try {
      await navigator.clipboard.writeText(link);
      setCopyNote('Link copied.');
    } catch {
      setCopyNote(`Copy this link: ${link}`);
    }
  };

  const onStep = (noun: StepNoun, way: 'next' | 'previous'): Promise<void> => {
    if (noun === 'deploy') return stepMarkerTo(way);
    if (noun === 'note') return stepAnnotation(way);
    return step({ direction: way, errorsOnly: noun === 'error' });
  };

  const playState = isPlaying ? `Playing ${direction === 1 ? 'forward' : 'backward'} at ${speed}×${isLooping ? ', looping the selection' : ''}` : 'Paused';

  return (
    <div className="replay-controls" role="toolbar" aria-label="Replay">
      <button
        type="button"
        className="play-button primary"
        aria-pressed={isPlaying}
        aria-keyshortcuts="Space"
        title="Play or pause (Space; J/K/L: reverse, pause, forward)"
        onClick={() => {
          const state = store.getState();
          if (!isPlaying) state.setPlayDirection(1);
          state.setPlaying(!isPlaying);
        }}
      >
        {isPlaying ? 'Pause' : 'Play'}
      </button>
      <select aria-label="Speed" title="Playback speed (J/L change it while playing)" value={speed} onChange={(e) => store.getState().setSpeed(Number(e.target.value) as PlaybackSpeed)}>
        {PLAYBACK_SPEEDS.map((option) => (
          <option key={option} value={option}>
            {option}×
          </option>
        ))}
      </select>
      <span className="muted small play-state" role="status" data-testid="play-state" title={playState}>
        {playState}
      </span>
      <button
        type="button"
        aria-label="Loop selection"
        aria-pressed={isLooping}
        disabled={!hasRange}
        title="Loop the selected range (shift-drag on the timeline to select)"
        onClick={() => store.getState().setLooping(!isLooping)}
      >
        Loop
      </button>
      <label className="skip-quiet" title="Skip quiet stretches: jump over spans with no events while playing">
        <input type="checkbox" aria-label="Skip quiet stretches" checked={isSkippingQuiet} onChange={(e) => store.getState().setSkippingQuiet(e.target.checked)} /> Skip quiet
      </label>
      <div className="step-buttons" role="group" aria-label="Step to">
        {STEP_PAIRS.map((pair) => (
          <span key={pair.noun} className={`step-pair${pair.noun === 'error' ? ' is-error' : ''}`}>
            <button type="button" aria-label={pair.previous.name} aria-keyshortcuts={pair.previous.keys} title={`${pair.previous.name} (${pair.previous.hint})`} onClick={() => void onStep(pair.noun, 'previous')}>
              ‹
            </button>
            <span className="step-noun" aria-hidden="true">
              {pair.label}
            </span>
            <button type="button" aria-label={pair.next.name} aria-keyshortcuts={pair.next.keys} title={`${pair.next.name} (${pair.next.hint})`} onClick={() => void onStep(pair.noun, 'next')}>
              ›
            </button>
          </span>
        ))}
      </div>
      <output ref={readoutRef} className="playhead-readout" aria-label="Playhead time" data-testid="playhead-time" />
      <GoToTime />
      <button type="button" title="Copy a link that reopens this view (position, zoom, filter)" onClick={() => void copyLink()}>
        Copy link
      </button>
      <span className="muted small" role="status" data-testid="copy-link-note">
        {copyNote}
      </span>
    </div>
  );
}
