/**
 * The renderer's one zustand store, built from slices. It holds UI state and identifiers only
 * (incident summary, viewport, playhead, selection); arrays of events live in component query caches.
 * `createHindsightStore` is a vanilla factory so every test and every window gets a fresh store.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { ImportProgress, IncidentInfo, SourceInfo } from '../../src/model/incident';
import { createAnnotationSlice, type AnnotationSlice } from './annotation-slice';
import { createRunbookSlice, type RunbookSlice } from '../runbooks/runbook-slice';
import { createFleetSlice, type FleetSlice } from '../fleet/fleet-slice';
import { createViewSlice, type ViewSlice } from './view-slice';
import { clampViewport, fitViewport, followGrowth, panBy, viewportLimits, zoomAround, type Viewport } from '../timeline/viewport-maths';

/** Playback speeds offered, as multiples of real time. */
export const PLAYBACK_SPEEDS = [1, 10, 60, 600, 3600] as const;

/** One of {@link PLAYBACK_SPEEDS}. */
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

/** What is open and what the app is busy with. */
export interface SessionSlice {
  incident: IncidentInfo | null;
  sources: SourceInfo[];
  /** One sentence for the alert region; null when there is nothing to report. */
  errorMessage: string | null;
  /** What the app is doing right now (e.g. "Generating the sample incident"); null when idle. */
  busyLabel: string | null;
  /** Stops the busy work when it can be stopped from the status bar (an upload); null otherwise. */
  cancelBusy: (() => void) | null;
  importProgress: ImportProgress | null;
  setIncident(incident: IncidentInfo | null): void;
  setSources(sources: SourceInfo[]): void;
  showError(message: string): void;
  clearError(): void;
  /** Sets what the app is busy with, and how to stop it when it can be stopped (cleared with the label). */
  setBusy(label: string | null, cancel?: () => void): void;
  setImportProgress(progress: ImportProgress | null): void;
}

/** The visible time range of the timeline. */
export interface ViewportSlice {
  viewport: Viewport;
  setViewport(view: Viewport): void;
  zoomBy(factor: number, anchorMs?: number): void;
  panByMs(deltaMs: number): void;
  resetViewport(): void;
}

/** The replay position and playback. */
export interface PlayheadSlice {
  playheadMs: number;
  /** Id of the event the playhead was last stepped to (0 when moved freely): the tie-breaker for stepping. */
  cursorEventId: number;
  isPlaying: boolean;
  speed: PlaybackSpeed;
  /** Moves the playhead (clamped to the incident) and forgets the step cursor. */
  setPlayhead(tsMs: number): void;
  /** Moves the playhead onto an event found by stepping. */
  stepTo(tsMs: number, eventId: number): void;
  /** Advances playback by `elapsedMs` of wall time; stops at the end. */
  advance(elapsedMs: number): void;
  setPlaying(isPlaying: boolean): void;
  setSpeed(speed: PlaybackSpeed): void;
}

/** What the user picked in the event list. */
export interface SelectionSlice {
  selected: { kind: 'event' | 'unparsed'; id: number } | null;
  /** Which tab of the side column is showing; selecting an event shows its details. */
  sideTab: SideTabId;
  select(selected: SelectionSlice['selected']): void;
  setSideTab(tab: SideTabId): void;
}

/** The tabs of the side column beside the event list. */
export type SideTabId = 'details' | 'annotations' | 'runbooks';

/** The whole store state. */
export type HindsightState = SessionSlice & ViewportSlice & PlayheadSlice & SelectionSlice & AnnotationSlice & RunbookSlice & FleetSlice & ViewSlice;

/** The store type components and tests receive. */
export type HindsightStore = StoreApi<HindsightState>;

type Slice<T> = StateCreator<HindsightState, [], [], T>;

function incidentRange(incident: IncidentInfo | null): { firstMs: number; lastMs: number } {
  const firstMs = incident?.firstTsMs ?? 0;
  const lastMs = incident?.lastTsMs ?? firstMs + 60_000;
  return { firstMs, lastMs: Math.max(lastMs, firstMs) };
}

const sessionSlice: Slice<SessionSlice> = (set, get) => ({
  incident: null,
  sources: [],
  errorMessage: null,
  busyLabel: null,
  cancelBusy: null,
  importProgress: null,
  setIncident(incident) {
    const previous = get().incident;
    const { firstMs, lastMs } = incidentRange(incident);
    const isNewFile = incident === null || previous === null || previous.path !== incident.path;
    const hasGainedRange = previous?.firstTsMs == null && incident?.firstTsMs != null;
    if (isNewFile || hasGainedRange) {
      set({
        incident,
        sources: incident === null ? [] : get().sources,
        viewport: fitViewport(firstMs, lastMs),
        playheadMs: firstMs,
        cursorEventId: 0,
        isPlaying: false,
        selected: null,
        focusedHost: null,
        ...(isNewFile ? { filterText: '', selectedRange: null, isLooping: false, rolloutStartMs: null } : {}),
      });
    } else {
      const grownView = previous === null ? null : followGrowth(get().viewport, incidentRange(previous), { firstMs, lastMs });
      set({
        incident,
        playheadMs: Math.min(Math.max(get().playheadMs, firstMs), lastMs),
        ...(grownView === null ? {} : { viewport: clampViewport(grownView, viewportLimits(firstMs, lastMs)) }),
      });
    }
  },
  setSources: (sources) => set({ sources }),
  showError: (message) => set({ errorMessage: message }),
  clearError: () => set({ errorMessage: null }),
  setBusy: (label, cancel) => set({ busyLabel: label, cancelBusy: label === null ? null : (cancel ?? null) }),
  setImportProgress: (progress) => set({ importProgress: progress }),
});

const viewportSlice: Slice<ViewportSlice> = (set, get) => {
  const limits = (): Viewport => {
    const { firstMs, lastMs } = incidentRange(get().incident);
    return viewportLimits(firstMs, lastMs);
  };
  return {
    viewport: fitViewport(0, 60_000),
    setViewport: (view) => set({ viewport: clampViewport(view, limits()) }),
    zoomBy(factor, anchorMs) {
      const { viewport, playheadMs } = get();
      const anchor = anchorMs ?? (playheadMs >= viewport.fromMs && playheadMs <= viewport.toMs ? playheadMs : (viewport.fromMs + viewport.toMs) / 2);
      set({ viewport: zoomAround(viewport, anchor, factor, limits()) });
    },
    panByMs: (deltaMs) => set({ viewport: panBy(get().viewport, deltaMs, limits()) }),
    resetViewport() {
      const { firstMs, lastMs } = incidentRange(get().incident);
      set({ viewport: fitViewport(firstMs, lastMs) });
    },
  };
};

const playheadSlice: Slice<PlayheadSlice> = (set, get) => {
  const clamp = (tsMs: number): number => {
    const { firstMs, lastMs } = incidentRange(get().incident);
    return Math.round(Math.min(Math.max(tsMs, firstMs), lastMs));
  };
  /** Keeps the playhead on screen by paging the viewport when it runs off either edge. */
  const follow = (tsMs: number): Partial<HindsightState> => {
    const { viewport } = get();
    const spanMs = viewport.toMs - viewport.fromMs;
    if (tsMs >= viewport.fromMs && tsMs <= viewport.toMs) return {};
    return { viewport: { fromMs: tsMs - spanMs * 0.1, toMs: tsMs + spanMs * 0.9 } };
  };
  return {
    playheadMs: 0,
    cursorEventId: 0,
    isPlaying: false,
    speed: 60,
    setPlayhead(tsMs) {
      const playheadMs = clamp(tsMs);
      set({ playheadMs, cursorEventId: 0, ...follow(playheadMs) });
    },
    stepTo(tsMs, eventId) {
      const playheadMs = clamp(tsMs);
      set({ playheadMs, cursorEventId: eventId, isPlaying: false, ...follow(playheadMs) });
    },
    advance(elapsedMs) {
      const { playheadMs, speed, incident } = get();
      const { lastMs } = incidentRange(incident);
      const next = clamp(playheadMs + elapsedMs * speed);
      set({ playheadMs: next, cursorEventId: 0, isPlaying: next < lastMs, ...follow(next) });
    },
    setPlaying(isPlaying) {
      const { playheadMs, incident } = get();
      const { firstMs, lastMs } = incidentRange(incident);
      if (isPlaying && playheadMs >= lastMs) set({ playheadMs: firstMs, isPlaying, ...follow(firstMs) });
      else set({ isPlaying });
    },
    setSpeed: (speed) => set({ speed }),
  };
};

const selectionSlice: Slice<SelectionSlice> = (set) => ({
  selected: null,
  sideTab: 'details',
  select: (selected) => set(selected === null ? { selected } : { selected, sideTab: 'details' }),
  setSideTab: (sideTab) => set({ sideTab }),
});

/** A fresh store: one per window, one per test. */
export function createHindsightStore(): HindsightStore {
  return createStore<HindsightState>()((...a) => ({
    ...sessionSlice(...a),
    ...viewportSlice(...a),
    ...playheadSlice(...a),
    ...selectionSlice(...a),
    ...createAnnotationSlice<HindsightState>()(...a),
    ...createRunbookSlice<HindsightState>()(...a),
    ...createFleetSlice<HindsightState>()(...a),
    ...createViewSlice<HindsightState>()(...a),
  }));
}
