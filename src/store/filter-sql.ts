/**
 * Turns an EventFilter into a SQL condition over `events` with named parameters, so every query that
 * honours filters (event list, stepping, filtered density, fleet hosts) applies the same rules.
 */
import { LEVELS } from '../model/event';
import type { EventFilter } from '../model/filter';
import type { IncidentDb } from './incident-db';
import { buildSearchIndex } from './search-index';

/** A condition (`TRUE` when the filter is empty) and its named parameters (prefixed `f_`). */
export interface FilterSql {
  where: string;
  params: Record<string, string | number>;
}

/** An FTS5 query requiring every word, each as a phrase (so punctuation and operators are literal). */
function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');
}

/**
 * The FTS5 query for the filter's words when the full-text index can answer it (building the index
 * first when needed), or null: no words, or a stale index in a read-only incident (words then match as
 * substrings of the message).
 */
export function searchQueryOf(incident: IncidentDb, filter: EventFilter): string | null {
  if (filter.words.length === 0 || !buildSearchIndex(incident)) return null;
  return ftsQuery(filter.words);
}

/** The condition for `filter`; `alias` prefixes column names (e.g. `e.`). Builds the search index first when needed. */
export function filterSql(incident: IncidentDb, filter: EventFilter, alias = ''): FilterSql {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  let n = 0;
  const param = (value: string | number): string => {
    const name = `f_${n++}`;
    params[name] = value;
    return `@${name}`;
  };
  const anyGlob = (column: string, globs: readonly string[]) => {
    if (globs.length > 0) parts.push(`(${globs.map((g) => `${column} GLOB ${param(g)}`).join(' OR ')})`);
  };
  anyGlob(`${alias}host`, filter.hosts);
  anyGlob(`${alias}service`, filter.services);
  anyGlob(`${alias}kind`, filter.kinds);
  if (filter.sources.length > 0) {
    parts.push(`${alias}source_id IN (SELECT id FROM sources WHERE ${filter.sources.map((g) => `name GLOB ${param(g)}`).join(' OR ')})`);
  }
  if (filter.levelAtLeast !== null && filter.levelAtLeast !== 'unknown') {
    const from = LEVELS.indexOf(filter.levelAtLeast);
    const levels = LEVELS.slice(from).filter((level) => level !== 'unknown');
    parts.push(`${alias}level IN (${levels.map((level) => param(level)).join(', ')})`);
  } else if (filter.levelAtLeast === 'unknown') {
    parts.push(`${alias}level = 'unknown'`);
  }
  if (filter.fromMs !== null) parts.push(`${alias}ts_ms >= ${param(filter.fromMs)}`);
  if (filter.toMs !== null) parts.push(`${alias}ts_ms < ${param(filter.toMs)}`);
  if (filter.words.length > 0) {
    const query = searchQueryOf(incident, filter);
    if (query !== null) {
      parts.push(
        `${alias}id IN (SELECT o.event_id FROM events_search JOIN search_order o ON o.rank = events_search.rowid WHERE events_search MATCH ${param(query)})`,
      );
    } else {
      for (const word of filter.words) parts.push(`instr(lower(${alias}message), ${param(word.toLowerCase())}) > 0`);
    }
  }
  return { where: parts.length === 0 ? 'TRUE' : parts.join(' AND '), params };
}
