/** A parsed event filter, shared by the core and the API. Times are UTC epoch ms. */
import type { Level } from './event';

/**
 * What an event must match: every non-empty part must hold (AND). Within `hosts`, `services`,
 * `sources` and `kinds` any one glob may match (OR); globs use `*` and `?` and are case-sensitive.
 * `words` are full-text terms matched against message, host, service and kind (all must appear).
 */
export interface EventFilter {
  hosts: string[];
  services: string[];
  kinds: string[];
  /** Source names (globs), not ids, so a link means the same in a re-imported incident. */
  sources: string[];
  levelAtLeast: Level | null;
  words: string[];
  fromMs: number | null;
  toMs: number | null;
}

/** The filter that matches every event. */
export function emptyFilter(): EventFilter {
  return { hosts: [], services: [], kinds: [], sources: [], levelAtLeast: null, words: [], fromMs: null, toMs: null };
}

/** Whether a filter matches every event (so the fast, unfiltered paths apply). */
export function isEmptyFilter(filter: EventFilter): boolean {
  return (
    filter.hosts.length + filter.services.length + filter.kinds.length + filter.sources.length + filter.words.length === 0 &&
    filter.levelAtLeast === null &&
    filter.fromMs === null &&
    filter.toMs === null
  );
}
