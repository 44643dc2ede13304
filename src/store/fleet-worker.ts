/**
 * Worker-thread entry that builds an incident's rollout model on its own read-only connection, so the
 * importing thread can build the search index at the same time on the other core. Run by replay-cache.ts
 * through runWorkerOnce with a {@link FleetWorkerInput}; answers a {@link FleetWorkerResult}.
 */
import { answerOnce } from '../threads/start-worker';
import { eventTimesBuffers } from '../replay/event-times';
import { FleetBuilder, type FleetData } from '../replay/fleet-builder';
import { addEvents } from './fleet-events';
import { readCommitted, type DerivedWorkerInput } from './derived-worker-input';

/** What the worker is started with. */
export type FleetWorkerInput = DerivedWorkerInput;

/** The model of every committed event, with the events fingerprint it was built for. */
export interface FleetWorkerResult {
  builtFor: string;
  data: FleetData;
}

answerOnce<FleetWorkerInput, FleetWorkerResult>(
  (input) =>
    readCommitted(input, (incident, builtFor) => {
      const builder = new FleetBuilder();
      addEvents(builder, incident);
      return { builtFor, data: builder.finish() };
    }),
  ({ data }) => data.hosts.flatMap((host) => [...Object.values(host).filter((value) => value instanceof Float64Array).map((array: Float64Array) => array.buffer), ...eventTimesBuffers(host.events)]),
);
