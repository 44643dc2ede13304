/** Handlers of the event methods (src/api/methods/event-methods.ts): thin calls into the store's queries. */
import { queryDensity } from '../../store/density-query';
import { eventsAround, getEvent, listUnparsed, stepEvent } from '../../store/event-queries';
import type { ApiHandlers } from '../contract';
import type { EventResults } from '../methods/event-methods';
import type { ServiceContext } from './service-context';

/** The event handlers over the context's open incident. */
export function createEventHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof EventResults> {
  return {
    'timeline.density': ({ fromMs, toMs, bucketCount, laneBy }) => queryDensity(ctx.requireIncident(), fromMs, toMs, bucketCount, laneBy),
    'events.around': ({ tsMs, before, after }) => eventsAround(ctx.requireIncident(), tsMs, before, after),
    'events.get': ({ id }) => getEvent(ctx.requireIncident(), id),
    'events.step': ({ fromTsMs, fromId, direction, levelAtLeast }) => stepEvent(ctx.requireIncident(), fromTsMs, fromId, direction, levelAtLeast),
    'unparsed.list': ({ sourceId, limit, offset }) => listUnparsed(ctx.requireIncident(), sourceId, limit, offset),
  };
}
