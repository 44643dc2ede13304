/**
 * Parses the filter language of the search box: `host:storage-* level>=warn service:rsync "free text"`.
 * Fields: host, service, kind, source (globs with * and ?; repeat a field to allow several values),
 * level (`level:error` or `level>=warn`), after/before (ISO 8601 times, UTC unless an offset is given).
 * Anything else is a free-text word; double quotes keep a phrase together.
 */
import { LEVELS, type Level } from '../model/event';
import { emptyFilter, type EventFilter } from '../model/filter';

/** A filter the user typed that cannot be read; the message says which part and how to fix it. */
export class FilterSyntaxError extends Error {}

const GLOB_FIELDS = {
  host: 'hosts',
  service: 'services',
  kind: 'kinds',
  source: 'sources',
} as const;

/** Splits the text into tokens: quoted phrases stay whole, quotes inside a field value are removed. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /(?:[^\s"]+|"[^"]*")+/g;
  for (const match of text.matchAll(pattern)) tokens.push(match[0]);
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) throw new FilterSyntaxError('The filter has an unclosed double quote; add the closing " or remove it.');
  return tokens;
}

function parseLevel(value: string): Level {
  const level = value.toLowerCase() === 'warning' ? 'warn' : value.toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new FilterSyntaxError(`"${value}" is not a level; use one of ${LEVELS.join(', ')}.`);
  }
  return level as Level;
}

function parseTime(field: string, value: string): number {
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value);
  const tsMs = Date.parse(hasZone || !value.includes('T') ? value : `${value}Z`);
  if (Number.isNaN(tsMs)) throw new FilterSyntaxError(`${field}:${value} is not a time; write it as ISO 8601, e.g. ${field}:2024-03-12T14:00:00Z.`);
  return tsMs;
}

/** Reads a filter; throws FilterSyntaxError with a one-sentence fix when a part cannot be read. */
export function parseFilter(text: string): EventFilter {
  const filter = emptyFilter();
  for (const token of tokenize(text.trim())) {
    const level = /^level(>=|:|=)(.+)$/i.exec(token);
    if (level) {
      const parsed = parseLevel(unquote(level[2]!));
      // NOTE: every form means "at least": severity filters read that way, and "level:warn" hiding errors would hide the worst.
      filter.levelAtLeast = parsed;
      continue;
    }
    const field = /^([a-z]+):(.*)$/i.exec(token);
    if (field) {
      const name = field[1]!.toLowerCase();
      const value = unquote(field[2]!);
      if (value === '') throw new FilterSyntaxError(`${name}: needs a value, e.g. ${name}:storage-*.`);
      if (name in GLOB_FIELDS) {
        filter[GLOB_FIELDS[name as keyof typeof GLOB_FIELDS]].push(value);
        continue;
      }
      if (name === 'after' || name === 'from') {
        filter.fromMs = parseTime(name, value);
        continue;
      }
      if (name === 'before' || name === 'to') {
        filter.toMs = parseTime(name, value);
        continue;
      }
      if (!/^https?$/.test(name)) {
        throw new FilterSyntaxError(
          `"${name}:" is not a filter field; use host:, service:, kind:, source:, level>=, after: or before: (or quote the text to search for it).`,
        );
      }
    }
    const word = unquote(token).trim();
    if (word !== '') filter.words.push(word);
  }
  if (filter.fromMs !== null && filter.toMs !== null && filter.toMs <= filter.fromMs) {
    throw new FilterSyntaxError('The filter\'s "before:" time is not after its "after:" time; swap them.');
  }
  return filter;
}

function unquote(value: string): string {
  return value.replace(/"/g, '');
}

/** A sentence describing a filter for people (screen readers, the filter bar): "host storage-*, level at least warn". */
export function describeFilter(filter: EventFilter): string {
  const parts: string[] = [];
  const globs = (label: string, values: string[]) => {
    if (values.length > 0) parts.push(`${label} ${values.join(' or ')}`);
  };
  globs('host', filter.hosts);
  globs('service', filter.services);
  globs('kind', filter.kinds);
  globs('source', filter.sources);
  if (filter.levelAtLeast !== null) parts.push(`level at least ${filter.levelAtLeast}`);
  if (filter.words.length > 0) parts.push(`text ${filter.words.map((w) => `"${w}"`).join(' and ')}`);
  if (filter.fromMs !== null) parts.push(`after ${new Date(filter.fromMs).toISOString()}`);
  if (filter.toMs !== null) parts.push(`before ${new Date(filter.toMs).toISOString()}`);
  return parts.length === 0 ? 'every event' : parts.join(', ');
}
