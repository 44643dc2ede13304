/**
 * A host's events as sorted (time, id) pairs, stored compactly for the rollout model: in blocks of up to
 * {@link BLOCK_LENGTH} events, each event as 32-bit offsets from its block's first time and id. About
 * 8 bytes an event instead of 16 for two Float64Arrays, in memory, in the worker's answer and in the
 * incident file (5M events: ~41 MB instead of 80 MB). A pair that does not fit its block's offsets (a
 * gap of 49 days, ids far apart) starts a new block, so any times and ids are kept exactly.
 */
import { upperBound } from './sorted-merge';

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

/** Typed-array chunks the builder fills: growing never copies, and the slack is at most one chunk. */
const CHUNK_LENGTH = 4096;

/**
 * Collects (time, id) pairs in any order, already in the compact form (about 8 bytes a pair while
 * collecting, where JavaScript arrays of numbers took ~24), and gives them sorted as {@link EventTimes}.
 */
export class EventTimesBuilder {
  private readonly blockStart: number[] = [];
  private readonly blockTsMs: number[] = [];
  private readonly blockId: number[] = [];
  private readonly tsChunks: Uint32Array[] = [];
  private readonly idChunks: Int32Array[] = [];
  private filled = CHUNK_LENGTH;
  private count = 0;
  private baseTs = 0;
  private baseId = 0;
  private isSorted = true;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastId = Number.NEGATIVE_INFINITY;

  /** Adds one pair. */
  push(tsMs: number, id: number): void {
    if (tsMs < this.lastTs || (tsMs === this.lastTs && id < this.lastId)) this.isSorted = false;
    this.lastTs = tsMs;
    this.lastId = id;
    if (this.filled === CHUNK_LENGTH) {
      this.tsChunks.push(new Uint32Array(CHUNK_LENGTH));
      this.idChunks.push(new Int32Array(CHUNK_LENGTH));
      this.filled = 0;
    }
    let ts = tsMs - this.baseTs;
    let idOffset = id - this.baseId;
    const blocks = this.blockStart.length;
    // NOTE: a pair before its block's first time (input out of order) starts a block too; finish sorts then.
    if (blocks === 0 || this.count - this.blockStart[blocks - 1]! === BLOCK_LENGTH || ts < 0 || ts > MAX_TIME_OFFSET || idOffset < MIN_ID_OFFSET || idOffset > MAX_ID_OFFSET) {
      this.blockStart.push(this.count);
      this.blockTsMs.push(tsMs);
      this.blockId.push(id);
      this.baseTs = tsMs;
      this.baseId = id;
      ts = 0;
      idOffset = 0;
    }
    this.tsChunks[this.tsChunks.length - 1]![this.filled] = ts;
    this.idChunks[this.idChunks.length - 1]![this.filled++] = idOffset;
    this.count++;
  }

  /** Every pair added, sorted by (time, id). */
  finish(): EventTimes {
    const events: EventTimes = {
      blockStart: Uint32Array.from(this.blockStart),
      blockTsMs: Float64Array.from(this.blockTsMs),
      blockId: Float64Array.from(this.blockId),
      tsOffset: joined(this.tsChunks, new Uint32Array(this.count)),
      idOffset: joined(this.idChunks, new Int32Array(this.count)),
    };
    if (this.isSorted) return events;
    const { tsMs, ids } = unpackEventTimes(events);
    const order = new Uint32Array(this.count).map((_, i) => i).sort((a, b) => tsMs[a]! - tsMs[b]! || ids[a]! - ids[b]!);
    const sorted = new EventTimesBuilder();
    for (const i of order) sorted.push(tsMs[i]!, ids[i]!);
    return sorted.finish();
  }
}

function joined<T extends Uint32Array | Int32Array>(chunks: readonly T[], out: T): T {
  chunks.forEach((chunk, i) => out.set(i === chunks.length - 1 ? chunk.subarray(0, out.length - i * CHUNK_LENGTH) : chunk, i * CHUNK_LENGTH));
  return out;
}

/** Packs pairs sorted by (time, id). */
export function packEventTimes(tsMs: ArrayLike<number>, ids: ArrayLike<number>): EventTimes {
  const builder = new EventTimesBuilder();
  for (let i = 0; i < tsMs.length; i++) builder.push(tsMs[i]!, ids[i]!);
  return builder.finish();
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
  const b = upperBound(blockTsMs, tsMs) - 1;
  if (b < 0) return null;
  // NOTE: offsets ascend within a block and its first is 0 (≤ the offset sought), so the answer is in the block.
  const i = upperBound(tsOffset, tsMs - blockTsMs[b]!, blockStart[b]! + 1, b + 1 < blockStart.length ? blockStart[b + 1]! : tsOffset.length) - 1;
  return { tsMs: blockTsMs[b]! + tsOffset[i]!, id: events.blockId[b]! + events.idOffset[i]! };
}

/** The arrays' buffers, to move the pairs to another thread without copying. */
export function eventTimesBuffers(events: EventTimes): ArrayBufferLike[] {
  return [events.blockStart.buffer, events.blockTsMs.buffer, events.blockId.buffer, events.tsOffset.buffer, events.idOffset.buffer];
}
