/**
 * The store slice for annotations, stars, the guided tour and the postmortem panel. Annotations are
 * the team's notes (a few dozen rows), not events, so the list lives here for the timeline markers
 * and the panels to share; events themselves stay in query caches.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Annotation } from '../../src/model/annotation';

/** Seconds each tour chapter is shown, by speed label. */
export const TOUR_SPEEDS = { slow: 12, normal: 6, fast: 2 } as const;

/** One of the keys of {@link TOUR_SPEEDS}. */
export type TourSpeed = keyof typeof TOUR_SPEEDS;

/** Where a tour is: the chapter shown and whether it advances by itself. */
export interface TourState {
  chapterIndex: number;
  isPlaying: boolean;
}

/** Annotations, stars, tour and postmortem panel state. */
export interface AnnotationSlice {
  annotations: Annotation[];
  starredEventIds: number[];
  /** The annotation being edited; null when none. */
  editingUid: string | null;
  /** The name written on edits; kept in localStorage by the panel. */
  authorName: string;
  /** Lengths of the undo and redo stacks, for the buttons (the stacks live outside the store). */
  undoDepth: number;
  redoDepth: number;
  tour: TourState | null;
  tourSpeed: TourSpeed;
  isPostmortemOpen: boolean;
  setAnnotations(annotations: Annotation[]): void;
  setStarredEventIds(ids: number[]): void;
  setEditingUid(uid: string | null): void;
  setAuthorName(name: string): void;
  setUndoDepths(undoDepth: number, redoDepth: number): void;
  setTour(tour: TourState | null): void;
  setTourSpeed(speed: TourSpeed): void;
  setPostmortemOpen(isOpen: boolean): void;
}

/** Creates the slice; `S` is the whole store state. */
export function createAnnotationSlice<S extends AnnotationSlice>(): StateCreator<S, [], [], AnnotationSlice> {
  return (set) => ({
    annotations: [],
    starredEventIds: [],
    editingUid: null,
    authorName: '',
    undoDepth: 0,
    redoDepth: 0,
    tour: null,
    tourSpeed: 'normal',
    isPostmortemOpen: false,
    setAnnotations: (annotations) => set({ annotations } as Partial<S>),
    setStarredEventIds: (starredEventIds) => set({ starredEventIds } as Partial<S>),
    setEditingUid: (editingUid) => set({ editingUid } as Partial<S>),
    setAuthorName: (authorName) => set({ authorName } as Partial<S>),
    setUndoDepths: (undoDepth, redoDepth) => set({ undoDepth, redoDepth } as Partial<S>),
    setTour: (tour) => set({ tour } as Partial<S>),
    setTourSpeed: (tourSpeed) => set({ tourSpeed } as Partial<S>),
    setPostmortemOpen: (isPostmortemOpen) => set({ isPostmortemOpen } as Partial<S>),
  });
}
