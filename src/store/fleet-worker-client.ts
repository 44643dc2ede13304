/**
 * The importing thread's side of the fleet worker (fleet-worker.ts): builds an incident's rollout model
 * in a worker thread from the file's committed events, while this thread goes on writing other tables.
 */
import { join } from 'node:path';
import type { FleetData } from '../replay/fleet-builder';
import { startWorker } from '../threads/start-worker';
import type { FleetWorkerInput, FromFleetWorker } from './fleet-worker';

/** The model of every event committed in the incident file at `incidentPath`, built in a worker thread, and its events fingerprint. */
export function buildFleetDataInWorker(incidentPath: string): Promise<{ builtFor: string; data: FleetData }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('fleet-worker', join(__dirname, 'fleet-worker.ts'), { incidentPath } satisfies FleetWorkerInput);
    let isSettled = false;
    worker.once('message', (message: FromFleetWorker) => {
      isSettled = true;
      if (message.type === 'built') resolve({ builtFor: message.builtFor, data: message.data });
      else reject(new Error(`The rollout model could not be built: ${message.message}`));
    });
    worker.once('error', (err) => {
      isSettled = true;
      reject(new Error(`The rollout model could not be built: the fleet worker failed (${err.message}).`));
    });
    worker.once('exit', (code) => {
      if (!isSettled) reject(new Error(`The rollout model could not be built: the fleet worker stopped unexpectedly (exit code ${code}).`));
    });
  });
}
