/** The store slice of the fleet view: the host picked in it, whose state stays pinned under the grid. */
import type { StateCreator } from 'zustand/vanilla';

/** The host picked in the fleet view; null when none. */
export interface FleetSlice {
  focusedHost: string | null;
  focusHost(host: string | null): void;
}

/** Builds the slice for a store whose state includes it. */
export function createFleetSlice<S extends FleetSlice>(): StateCreator<S, [], [], FleetSlice> {
  return (set) => ({
    focusedHost: null,
    focusHost: (host) => set({ focusedHost: host } as Partial<S>),
  });
}
