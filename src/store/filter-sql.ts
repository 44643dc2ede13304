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

/** Matches at which a full-text query counts as common (see filterSql): about where listing every match costs as much as probing rows (measured at 1M events). */
const COMMON_MATCHES = 50_000;

/** How many events match an FTS5 query, counting no further than `limit`. */
function countMatchesUpTo(incident: IncidentDb, query: string, limit: number): number {
  const row = incident.db.prepare('SELECT COUNT(*) AS n FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)').get(query, limit) as { n: number };
  return row.n;
}

/** An FTS5 query requiring every word, each as a phrase (so punctuation and operators are literal). */
function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');
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
    if (buildSearchIndex(incident)) {
      const query = ftsQuery(filter.words);
      // NOTE: rare words, or words beside other conditions: list the matches once (IN). Common words
      // alone: probe each row the time order meets (EXISTS), which finds a page after a few hundred
      // probes instead of listing every match; beside a selective condition probing would scan on.
      const isCommon = parts.length === 0 && countMatchesUpTo(incident, query, COMMON_MATCHES) >= COMMON_MATCHES;
      parts.push(
        isCommon
          ? `EXISTS (SELECT 1 FROM events_fts WHERE events_fts MATCH ${param(query)} AND rowid = ${alias}id)`
          : `${alias}id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ${param(query)})`,
      );
    } else {
      for (const word of filter.words) parts.push(`instr(lower(${alias}message), ${param(word.toLowerCase())}) > 0`);
    }
  }
  return { where: parts.length === 0 ? 'TRUE' : parts.join(' AND '), params };
}
