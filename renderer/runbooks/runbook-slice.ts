/**
 * The store slice for runbooks: which runbook the viewer shows, which tab of the runbook panel is
 * open, and a revision counter bumped on every `runbooks.changed` so the panel, the viewer and the
 * timeline strip refetch. Runbook lists and links live in their hooks' caches, not here.
 */
import type { StateCreator } from 'zustand/vanilla';

/** The tabs of the runbook panel. */
export type RunbookTab = 'here' | 'library';

/** Runbook UI state. */
export interface RunbookSlice {
  /** The runbook open in the viewer; null shows the tab list. */
  openRunbookId: string | null;
  runbookTab: RunbookTab;
  /** Increases whenever runbooks, links or step records change. */
  runbookRevision: number;
  openRunbook(id: string | null): void;
  setRunbookTab(tab: RunbookTab): void;
  bumpRunbookRevision(): void;
}

/** Creates the slice; `S` is the whole store state. */
export function createRunbookSlice<S extends RunbookSlice>(): StateCreator<S, [], [], RunbookSlice> {
  return (set, get) => ({
    openRunbookId: null,
    runbookTab: 'here',
    runbookRevision: 0,
    openRunbook: (openRunbookId) => set((openRunbookId === null ? { openRunbookId } : { openRunbookId, sideTab: 'runbooks' }) as Partial<S>),
    setRunbookTab: (runbookTab) => set({ runbookTab, openRunbookId: null } as Partial<S>),
    bumpRunbookRevision: () => set({ runbookRevision: get().runbookRevision + 1 } as Partial<S>),
  });
}
