/**
 * Worker-thread entry that counts an incident's events into the timeline's levels of detail on its own
 * read-only connection, so the importing thread can build the search index at the same time on the
 * other core. Run by lod-index.ts through runWorkerOnce with a {@link LodWorkerInput}; answers a
 * {@link LodWorkerResult}, which the importing thread stores.
 */
import { answerOnce } from '../threads/start-worker';
import { readCommitted, type DerivedWorkerInput } from './derived-worker-input';
import type { LodLevelsByKind } from './lod-build';
import { computeWholeLod } from './lod-index';

/** What the worker is started with. */
export type LodWorkerInput = DerivedWorkerInput;

/** The levels of every committed event, with the events fingerprint they were counted for. */
export interface LodWorkerResult {
  builtFor: string;
  levels: LodLevelsByKind;
}

answerOnce<LodWorkerInput, LodWorkerResult>(
  (input) => readCommitted(input, (incident, builtFor) => ({ builtFor, levels: computeWholeLod(incident) })),
  ({ levels }) => [...levels.values()].flat().flatMap((level) => [level.offsets.buffer, level.cells.buffer, ...level.cumulative.map((band) => band.buffer)]),
);
