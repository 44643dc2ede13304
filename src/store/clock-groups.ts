/**
 * Sources grouped by their clock correction (sources.clock_offset_ms), so a query over time runs once
 * per group with its time bounds shifted into the group's stored times: corrected sources then fall
 * where the timeline draws them while each group still walks the (ts_ms, id) index.
 */
import { isEmptyFilter, type EventFilter } from '../model/filter';
import { filterSql, type FilterSql } from './filter-sql';
import type { IncidentDb } from './incident-db';
import { clockOffsets } from './source-progress';

/** Sources that share a clock correction, as a SQL condition over `source_id`, with that correction. */
export interface ClockGroup {
  offsetMs: number;
  sourceSql: string;
}

/** One group (offset 0, every source) when no source is corrected; else the uncorrected sources and one group per offset. */
export function clockGroups(incident: IncidentDb): ClockGroup[] {
  const offsets = clockOffsets(incident);
  if (offsets.size === 0) return [{ offsetMs: 0, sourceSql: 'TRUE' }];
  const idsByOffset = new Map<number, number[]>();
  for (const [sourceId, offsetMs] of offsets) idsByOffset.set(offsetMs, [...(idsByOffset.get(offsetMs) ?? []), sourceId]);
  // NOTE: source ids and offsets are integers read from the incident, so inlining them is safe.
  return [
    { offsetMs: 0, sourceSql: `source_id NOT IN (${[...offsets.keys()].join(', ')})` },
    ...[...idsByOffset].map(([offsetMs, ids]) => ({ offsetMs, sourceSql: `source_id IN (${ids.join(', ')})` })),
  ];
}

/** The filter's condition for a group: its time range moved into the group's stored (uncorrected) times. */
export function groupWhere(incident: IncidentDb, filter: EventFilter | undefined, group: ClockGroup): FilterSql {
  if (filter === undefined || isEmptyFilter(filter)) return { where: group.sourceSql, params: {} };
  const shifted = {
    ...filter,
    fromMs: filter.fromMs === null ? null : filter.fromMs - group.offsetMs,
    toMs: filter.toMs === null ? null : filter.toMs - group.offsetMs,
  };
  const { where, params } = filterSql(incident, shifted);
  return { where: `${group.sourceSql} AND ${where}`, params };
}

