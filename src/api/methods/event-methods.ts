/** API methods that read events: the timeline's density, the event list, stepping, unparsed lines. */
import { z } from 'zod';
import type { EventDetail, EventSummary, UnparsedLine } from '../../model/event';
import type { DensityResult } from '../../model/timeline';
import { tsMsSchema } from './schemas';

/** Argument schemas of the event methods. */
export const eventArgs = {
  /** Event counts per lane and density band over a time range. */
  'timeline.density': z
    .object({
      fromMs: tsMsSchema,
      toMs: tsMsSchema,
      bucketCount: z.number().int().min(1).max(4096),
      laneBy: z.enum(['source', 'host', 'service']).default('source'),
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
} as const;

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
}
