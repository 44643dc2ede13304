/**
 * A host's events as sorted (time, id) pairs, stored compactly for the rollout model: in blocks of up to
 * {@link BLOCK_LENGTH} events, each event as 32-bit offsets from its block's first time and id. About
 * 8 bytes an event instead of 16 for two Float64Arrays, in memory, in the worker's answer and in the
 * incident file (5M events: ~41 MB instead of 80 MB). A pair that does not fit its block's offsets (a
 * gap of 49 days, ids far apart) starts a new block, so any times and ids are kept exactly.
 */

/** Events per block at most. */
const BLOCK_LENGTH = 64;
const MAX_TIME_OFFSET = 2 ** 32 - 1;
const MIN_ID_OFFSET = -(2 ** 31);
const MAX_ID_OFFSET = 2 ** 31 - 1;

/** Sorted (time, id) pairs; see the module comment. Plain typed arrays, so it crosses to and from worker threads as is. */
export interface EventTimes {
  /** Index of each block's first event. */
  blockStart: Uint32Array;
  /** Time and id of each block's first event. */
  blockTsMs: Float64Array;
  blockId: Float64Array;
  /** Per event: its time minus its block's first time, and its id minus its block's first id. */
  tsOffset: Uint32Array;
  idOffset: Int32Array;
}

/** Packs pairs sorted by (time, id). */
export function packEventTimes(tsMs: ArrayLike<number>, ids: ArrayLike<number>): EventTimes {
  const count = tsMs.length;
  const tsOffset = new Uint32Array(count);
  const idOffset = new Int32Array(count);
  const starts: number[] = [];
  let baseTs = 0;
  let baseId = 0;
  for (let i = 0; i < count; i++) {
    const ts = tsMs[i]! - baseTs;
    const id = ids[i]! - baseId;
    if (starts.length === 0 || i - starts[starts.length - 1]! === BLOCK_LENGTH || ts > MAX_TIME_OFFSET || id < MIN_ID_OFFSET || id > MAX_ID_OFFSET) {
      starts.push(i);
      baseTs = tsMs[i]!;
      baseId = ids[i]!;
      continue;
    }
    tsOffset[i] = ts;
    idOffset[i] = id;
  }
  const blockStart = Uint32Array.from(starts);
  return { blockStart, blockTsMs: Float64Array.from(starts, (i) => tsMs[i]!), blockId: Float64Array.from(starts, (i) => ids[i]!), tsOffset, idOffset };
}

/** Number of events. */
export function eventCountOf(events: EventTimes): number {
  return events.tsOffset.length;
}

/** Every pair, as two arrays. */
export function unpackEventTimes(events: EventTimes): { tsMs: Float64Array; ids: Float64Array } {
  const count = eventCountOf(events);
  const tsMs = new Float64Array(count);
  const ids = new Float64Array(count);
  for (let b = 0; b < events.blockStart.length; b++) {
    const end = b + 1 < events.blockStart.length ? events.blockStart[b + 1]! : count;
    for (let i = events.blockStart[b]!; i < end; i++) {
      tsMs[i] = events.blockTsMs[b]! + events.tsOffset[i]!;
      ids[i] = events.blockId[b]! + events.idOffset[i]!;
    }
  }
  return { tsMs, ids };
}

/** The last event at or before `tsMs` (the highest id among those at its time), or null when none is. */
export function lastEventAtOrBefore(events: EventTimes, tsMs: number): { tsMs: number; id: number } | null {
  const { blockStart, blockTsMs, tsOffset } = events;
  // The last block starting at or before tsMs holds the answer: every event of earlier blocks is ≤ its first.
  let lo = 0;
  let hi = blockTsMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blockTsMs[mid]! <= tsMs) lo = mid + 1;
    else hi = mid;
  }
  const b = lo - 1;
  if (b < 0) return null;
  const offset = tsMs - blockTsMs[b]!;
  let i = blockStart[b]!;
  const end = b + 1 < blockStart.length ? blockStart[b + 1]! : tsOffset.length;
  // NOTE: a block's first event has offset 0 (≤ any offset here), so i ends on an event at or before tsMs.
  while (i + 1 < end && tsOffset[i + 1]! <= offset) i++;
  return { tsMs: blockTsMs[b]! + tsOffset[i]!, id: events.blockId[b]! + events.idOffset[i]! };
}

/** The arrays' buffers, to move the pairs to another thread without copying. */
export function eventTimesBuffers(events: EventTimes): ArrayBufferLike[] {
  return [events.blockStart.buffer, events.blockTsMs.buffer, events.blockId.buffer, events.tsOffset.buffer, events.idOffset.buffer];
}
