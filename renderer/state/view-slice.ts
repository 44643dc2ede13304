/**
 * The store slice of what the timeline shows and how playback moves: the filter-bar text, lane kind,
 * time-axis mode, folded host groups, a selected range (brush) and loop, playback direction, "skip
 * quiet stretches" and the fleet's compact mode. It stays plain data; the parts that describe what is
 * looked at (not playback or fleet density) also go into a view link (view-link.ts).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { TimelineLaneBy } from '../timeline/lane-layout';

/** How the time axis labels read: UTC, the browser's local time, or relative to the rollout start ("T+12:30"). */
export type AxisMode = 'utc' | 'local' | 'relative';

/** A time range in UTC epoch ms, `fromMs < toMs`. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** View and playback settings. */
export interface ViewSlice {
  /** The filter applied to the timeline, the event list and the fleet (empty = every event). */
  filterText: string;
  laneBy: TimelineLaneBy;
  /** Groups whose host lanes are folded under their header (lanes by host). */
  collapsedGroups: readonly string[];
  /** Whether the fleet shows glyph-only cells (names in each cell's tooltip and accessible name). */
  isFleetCompact: boolean;
  axisMode: AxisMode;
  /** Start of the first rollout, the origin of relative time; null when no rollout was detected. */
  rolloutStartMs: number | null;
  /** The range picked by shift-dragging on the timeline; null when none. */
  selectedRange: TimeRange | null;
  /** Whether playback loops over `selectedRange`. */
  isLooping: boolean;
  /** 1 plays forward, -1 backward (J). */
  playDirection: 1 | -1;
  isSkippingQuiet: boolean;
  setFilterText(text: string): void;
  setLaneBy(laneBy: TimelineLaneBy): void;
  /** Folds a group's host lanes, or unfolds them when folded. */
  toggleGroup(group: string): void;
  setCollapsedGroups(groups: readonly string[]): void;
  setFleetCompact(isCompact: boolean): void;
  setAxisMode(mode: AxisMode): void;
  setRolloutStart(tsMs: number | null): void;
  setSelectedRange(range: TimeRange | null): void;
  setLooping(isLooping: boolean): void;
  setPlayDirection(direction: 1 | -1): void;
  setSkippingQuiet(isSkipping: boolean): void;
}

/** Builds the slice for a store whose state includes it. */
export function createViewSlice<S extends ViewSlice>(): StateCreator<S, [], [], ViewSlice> {
  return (set, get) => ({
    filterText: '',
    laneBy: 'source',
    collapsedGroups: [],
    isFleetCompact: true,
    axisMode: 'utc',
    rolloutStartMs: null,
    selectedRange: null,
    isLooping: false,
    playDirection: 1,
    isSkippingQuiet: false,
    setFilterText: (text) => set({ filterText: text.trim() } as Partial<S>),
    setLaneBy: (laneBy) => set({ laneBy } as Partial<S>),
    toggleGroup(group) {
      const collapsed = get().collapsedGroups;
      const collapsedGroups: readonly string[] = collapsed.includes(group) ? collapsed.filter((g) => g !== group) : [...collapsed, group];
      set({ collapsedGroups } as Partial<S>);
    },
    setCollapsedGroups: (groups) => set({ collapsedGroups: groups } as Partial<S>),
    setFleetCompact: (isCompact) => set({ isFleetCompact: isCompact } as Partial<S>),
    setAxisMode: (mode) => set({ axisMode: mode } as Partial<S>),
    setRolloutStart: (tsMs) => set({ rolloutStartMs: tsMs } as Partial<S>),
    setSelectedRange: (range) => set((range === null ? { selectedRange: null, isLooping: false } : { selectedRange: range }) as Partial<S>),
    setLooping: (isLooping) => set({ isLooping } as Partial<S>),
    setPlayDirection: (direction) => set({ playDirection: direction } as Partial<S>),
    setSkippingQuiet: (isSkipping) => set({ isSkippingQuiet: isSkipping } as Partial<S>),
  });
}
