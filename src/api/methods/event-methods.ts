/** API methods that read events: the timeline's density, the event list, stepping, unparsed lines, search filters. */
import { z } from 'zod';
import type { EventDetail, EventSummary, UnparsedLine } from '../../model/event';
import type { DensityResult } from '../../model/timeline';
import { noArgs, tsMsSchema } from './schemas';

/** The filter-bar text (`host:storage-* level>=warn "free text"`, see src/search/filter-parser.ts); absent or blank = every event. */
const filterSchema = z.string().max(2000).optional();

/** Argument schemas of the event methods. */
export const eventArgs = {
  /** Event counts per lane and density band over a time range. */
  'timeline.density': z
    .object({
      fromMs: tsMsSchema,
      toMs: tsMsSchema,
      bucketCount: z.number().int().min(1).max(4096),
      /** `group` sums host lanes by the rollout model's groups (grouping rules applied). */
      laneBy: z.enum(['source', 'host', 'service', 'group']).default('source'),
      /** Counts only matching events; answered from raw rows, so slower than unfiltered counts. */
      filter: filterSchema,
      /**
       * A lane window: only these lanes (source ids as text, hosts, services or groups), each answered even
       * when empty, at a cost proportional to them; `laneCount` in the answer still counts every lane.
       */
      laneKeys: z.array(z.string().max(1000)).min(1).max(1000).optional(),
    })
    .strict()
    .refine((a) => a.toMs > a.fromMs, { message: 'toMs must be after fromMs' }),
  /**
   * Events around an instant, in time order: up to `before` events strictly before `tsMs` and up to
   * `after` at or after it, plus the unparsed lines whose context time falls in that span.
   */
  'events.around': z
    .object({
      tsMs: tsMsSchema,
      before: z.number().int().min(0).max(1000).default(50),
      after: z.number().int().min(0).max(1000).default(150),
      /** Only matching events (and then no unparsed lines). */
      filter: filterSchema,
    })
    .strict(),
  /** One event with its raw text, line range and attributes. */
  'events.get': z.object({ id: z.number().int().positive() }).strict(),
  /** The next or previous event after an instant (for stepping); `levelAtLeast` filters, e.g. to errors. */
  'events.step': z
    .object({
      fromTsMs: tsMsSchema,
      fromId: z.number().int().min(0),
      direction: z.enum(['next', 'previous']),
      levelAtLeast: z.enum(['warn', 'error']).optional(),
      /** Steps only between matching events. */
      filter: filterSchema,
    })
    .strict(),
  /** Unparsed input lines, optionally of one source. */
  'unparsed.list': z
    .object({
      sourceId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  /** Reads filter-bar text and describes it in words; refuses text it cannot read with a fix. */
  'search.parse': z.object({ filter: z.string().max(2000) }).strict(),
  /** Hosts with at least one event matching the filter, for narrowing the fleet view. */
  'search.hosts': z.object({ filter: z.string().max(2000) }).strict(),
  /** Events that look like pages or alerts (level fatal, or a kind naming an alert, page or incident), in time order. */
  'search.pages': noArgs,
} as const;

/** A filter read back: what it means in words, and whether it matches every event. */
export interface ParsedFilter {
  description: string;
  isEmpty: boolean;
}

/** Hosts matching a filter; `isComplete` is false when there were more than could be listed. */
export interface MatchingHosts {
  hosts: string[];
  isComplete: boolean;
}

/** Events around an instant: see `events.around`. */
export interface EventsAround {
  events: EventSummary[];
  unparsed: UnparsedLine[];
}

/** Result types of the event methods. */
export interface EventResults {
  'timeline.density': DensityResult;
  'events.around': EventsAround;
  'events.get': EventDetail;
  'events.step': EventSummary | null;
  'unparsed.list': { total: number; lines: UnparsedLine[] };
  'search.parse': ParsedFilter;
  'search.hosts': MatchingHosts;
  'search.pages': EventSummary[];
}
