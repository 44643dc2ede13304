/**
 * Worker-thread entry that counts an incident's events into the timeline's levels of detail on its own
 * read-only connection, so the importing thread can build the search index at the same time on the
 * other core. Run by lod-index.ts through runWorkerOnce with a {@link LodWorkerInput}; answers a
 * {@link LodWorkerResult}, which the importing thread stores.
 */
import { answerOnce } from '../threads/start-worker';
import { readCommitted, type DerivedWorkerInput } from './derived-worker-input';
import { computeLodLevels, type LodLevelsByKind } from './lod-build';

/** What the worker is started with. */
export type LodWorkerInput = DerivedWorkerInput;

/** The levels of every committed event, with the events fingerprint they were counted for. */
export interface LodWorkerResult {
  builtFor: string;
  levels: LodLevelsByKind;
}

// NOTE: one scan, not the chunks merged that buildLodInTurns counts between turns: measured at 5M events,
// 2.4 s and a 292 MB peak against 4.0 s and 385 MB, as each merge copies the growing levels.
answerOnce<LodWorkerInput, LodWorkerResult>(
  (input) => readCommitted(input, (incident, builtFor) => ({ builtFor, levels: computeLodLevels(incident) })),
  ({ levels }) => [...levels.values()].flat().flatMap((level) => [level.offsets.buffer, level.cells.buffer, ...level.cumulative.map((band) => band.buffer)]),
);
