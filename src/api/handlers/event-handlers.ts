/** Handlers of the event methods (src/api/methods/event-methods.ts): thin calls into the store's queries. */
import { emptyFilter, isEmptyFilter, type EventFilter } from '../../model/filter';
import { describeFilter, FilterSyntaxError, parseFilter } from '../../search/filter-parser';
import { queryDensity } from '../../store/density-query';
import { eventsAround, getEvent, listUnparsed, stepEvent } from '../../store/event-queries';
import { matchingHosts, pageEvents } from '../../store/search-queries';
import type { ApiHandlers } from '../contract';
import { ApiError } from '../errors';
import type { EventResults } from '../methods/event-methods';
import type { ServiceContext } from './service-context';

/** Parses filter-bar text; a syntax error becomes an `invalid_argument` the UI shows as is. */
function readFilter(text: string | undefined): EventFilter {
  if (text === undefined || text.trim() === '') return emptyFilter();
  try {
    return parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new ApiError('invalid_argument', error.message);
    throw error;
  }
}

/** The event handlers over the context's open incident. */
export function createEventHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof EventResults> {
  return {
    'timeline.density': ({ fromMs, toMs, bucketCount, laneBy, filter, laneKeys }) =>
      queryDensity(ctx.requireIncident(), fromMs, toMs, bucketCount, laneBy, readFilter(filter), laneKeys),
    'events.around': ({ tsMs, before, after, filter }) => eventsAround(ctx.requireIncident(), tsMs, before, after, readFilter(filter)),
    'events.get': ({ id }) => getEvent(ctx.requireIncident(), id),
    'events.step': ({ fromTsMs, fromId, direction, levelAtLeast, filter }) =>
      stepEvent(ctx.requireIncident(), fromTsMs, fromId, direction, levelAtLeast, readFilter(filter)),
    'unparsed.list': ({ sourceId, limit, offset }) => listUnparsed(ctx.requireIncident(), sourceId, limit, offset),
    'search.parse': ({ filter }) => {
      const parsed = readFilter(filter);
      return {
        description: describeFilter(parsed),
        isEmpty: isEmptyFilter(parsed),
      };
    },
    'search.hosts': ({ filter }) => matchingHosts(ctx.requireIncident(), readFilter(filter)),
    'search.pages': () => pageEvents(ctx.requireIncident()),
  };
}
