/**
 * Worker-thread entry that builds an incident's rollout model on its own read-only connection, so the
 * importing thread can build the timeline counts and the search index at the same time on the other
 * core. Started by fleet-worker-client.ts with `workerData` {@link FleetWorkerInput}; posts one
 * {@link FromFleetWorker} message and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FleetBuilder, type FleetData } from '../replay/fleet-builder';
import { addEvents } from './fleet-events';
import { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';

/** What the worker is started with. */
export interface FleetWorkerInput {
  incidentPath: string;
}

/** The model of every event, with the events fingerprint it was built for; or why it could not be built. */
export type FromFleetWorker = { type: 'built'; builtFor: string; data: FleetData } | { type: 'error'; message: string };

const port = parentPort;
if (port === null) throw new Error('fleet-worker runs only as a worker thread (new Worker(...)).');

function build({ incidentPath }: FleetWorkerInput): { builtFor: string; data: FleetData } {
  const incident = IncidentDb.open(incidentPath, { readOnly: true });
  try {
    // NOTE: one read transaction, so the fingerprint is that of exactly the events read.
    return incident.db.transaction(() => {
      const builder = new FleetBuilder();
      addEvents(builder, incident);
      return { builtFor: lodFingerprint(incident), data: builder.finish() };
    })();
  } finally {
    incident.close();
  }
}

/** The distinct buffers of the model's typed arrays, moved to the parent instead of copied. */
function buffersOf(data: FleetData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const host of data.hosts) {
    for (const value of Object.values(host)) if (value instanceof Float64Array) buffers.add(value.buffer as ArrayBuffer);
  }
  return [...buffers];
}

try {
  const built = build(workerData as FleetWorkerInput);
  port.postMessage({ type: 'built', ...built } satisfies FromFleetWorker, buffersOf(built.data));
} catch (err) {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromFleetWorker);
}
