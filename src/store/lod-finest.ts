/**
 * Counts events into the finest level of one lane kind while they are scanned, without holding the
 * events: per lane, its non-empty cells so far, ascending, with counts per band. A scan in id order is
 * nearly in time order (events are stored as their files list them), so almost every event lands in its
 * lane's last cell or a new one after it; events earlier than their lane's last cell are kept aside and
 * merged in at the end. Memory grows with the non-empty cells instead of the events: at 5M events,
 * ~100 MB less than keeping every event's cell, lanes and band to sort them.
 */
import type { LodLevelData } from './lod-levels';

/** Entries in a lane's first chunk; each next chunk doubles, up to {@link MAX_CHUNK}. */
const FIRST_CHUNK = 16;
const MAX_CHUNK = 4096;
/** What a lane's chunk becomes once finish has copied it. */
const EMPTY_CELLS = new Float64Array(0);
const EMPTY_COUNTS = new Uint32Array(0);

/** One lane's cells in ascending order: full chunks, then the chunk being filled. */
interface LaneCells {
  cells: Float64Array[];
  /** Three counts per cell: error and fatal, warn, other. */
  counts: Uint32Array[];
  /** The last chunk's counts, and its entries. */
  current: Uint32Array;
  filled: number;
  lastCell: number;
  total: number;
}

/** Events that came before their lane's last cell, merged in by {@link FinestLevelBuilder.finish}. */
interface LateEvents {
  count: number;
  lanes: Uint32Array;
  cells: Float64Array;
  bands: Uint8Array;
}

/** Accumulates one lane kind's finest level; lanes are numbered 0, 1, 2… (keys given to finish name them). */
export class FinestLevelBuilder {
  private readonly lanes: (LaneCells | undefined)[] = [];
  private late = noLateEvents();

  constructor(private readonly levelExp: number) {}

  /** Counts one event in absolute finest cell `cell` of lane `lane`, in band 0 (error and fatal), 1 (warn) or 2. */
  add(lane: number, cell: number, band: number): void {
    const laneCells = this.lanes[lane] ?? this.newLane(lane);
    if (cell === laneCells.lastCell) laneCells.current[(laneCells.filled - 1) * 3 + band]!++;
    else if (cell > laneCells.lastCell) appendCell(laneCells, cell, band);
    else this.addLate(lane, cell, band);
  }

  /** The level of every event added, with `keys[l]` naming lane l; the builder is empty after. */
  finish(keys: string[]): LodLevelData {
    const late = this.late;
    const lateOrder = Uint32Array.from({ length: late.count }, (_, i) => i).sort((a, b) => late.lanes[a]! - late.lanes[b]! || late.cells[a]! - late.cells[b]!);
    let baseCell = Number.POSITIVE_INFINITY;
    for (let i = 0; i < late.count; i++) baseCell = Math.min(baseCell, late.cells[i]!);
    let capacity = late.count;
    for (const lane of this.lanes) {
      if (lane === undefined) continue;
      baseCell = Math.min(baseCell, lane.cells[0]![0]!);
      capacity += lane.total;
    }
    if (capacity === 0) baseCell = 0;
    const offsets = new Uint32Array(keys.length + 1);
    let cells = new Int32Array(capacity);
    // NOTE: written as running sums directly (cumulative[b][j] counts stored cells [0, j)), so no per-cell counts are held besides.
    let cumulative = [new Uint32Array(capacity + 1), new Uint32Array(capacity + 1), new Uint32Array(capacity + 1)];
    let n = 0;
    let k = 0;
    for (let l = 0; l < keys.length; l++) {
      offsets[l] = n;
      const lane = this.lanes[l];
      let chunk = 0;
      let j = 0;
      for (;;) {
        const hasOwn = lane !== undefined && chunk < lane.cells.length && j < (chunk === lane.cells.length - 1 ? lane.filled : lane.cells[chunk]!.length);
        const hasLate = k < late.count && late.lanes[lateOrder[k]!] === l;
        if (!hasOwn && !hasLate) break;
        const ownCell = hasOwn ? lane.cells[chunk]![j]! : Number.POSITIVE_INFINITY;
        const lateCell = hasLate ? late.cells[lateOrder[k]!]! : Number.POSITIVE_INFINITY;
        const cell = Math.min(ownCell, lateCell) - baseCell;
        if (n === offsets[l] || cells[n - 1] !== cell) {
          cells[n] = cell;
          for (const band of cumulative) band[n + 1] = band[n]!;
          n++;
        }
        if (ownCell <= lateCell) {
          const counts = lane!.counts[chunk]!;
          for (let b = 0; b < 3; b++) cumulative[b]![n]! += counts[j * 3 + b]!;
          if (++j === lane!.cells[chunk]!.length) {
            // NOTE: a lane's chunks are let go as soon as they are copied, so the peak is not both whole copies.
            lane!.cells[chunk] = EMPTY_CELLS;
            lane!.counts[chunk] = EMPTY_COUNTS;
            chunk++;
            j = 0;
          }
        } else {
          cumulative[late.bands[lateOrder[k]!]!]![n]!++;
          k++;
        }
      }
    }
    offsets[keys.length] = n;
    this.lanes.length = 0;
    this.late = noLateEvents();
    if (n < capacity) {
      cells = cells.slice(0, n);
      cumulative = cumulative.map((band) => band.slice(0, n + 1));
    }
    return { levelExp: this.levelExp, baseCell, keys, offsets, cells, cumulative: cumulative as LodLevelData['cumulative'] };
  }

  private newLane(lane: number): LaneCells {
    const laneCells: LaneCells = { cells: [], counts: [], current: EMPTY_COUNTS, filled: 0, lastCell: Number.NEGATIVE_INFINITY, total: 0 };
    this.lanes[lane] = laneCells;
    return laneCells;
  }

  private addLate(lane: number, cell: number, band: number): void {
    const late = this.late;
    if (late.count === late.lanes.length) {
      const capacity = Math.max(1024, late.count * 2);
      const grown: LateEvents = { count: late.count, lanes: new Uint32Array(capacity), cells: new Float64Array(capacity), bands: new Uint8Array(capacity) };
      grown.lanes.set(late.lanes);
      grown.cells.set(late.cells);
      grown.bands.set(late.bands);
      this.late = grown;
    }
    const at = this.late.count++;
    this.late.lanes[at] = lane;
    this.late.cells[at] = cell;
    this.late.bands[at] = band;
  }
}

function noLateEvents(): LateEvents {
  return { count: 0, lanes: new Uint32Array(0), cells: new Float64Array(0), bands: new Uint8Array(0) };
}

/** Starts cell `cell` (above the lane's last) with one event in `band`. */
function appendCell(lane: LaneCells, cell: number, band: number): void {
  let chunk = lane.cells[lane.cells.length - 1];
  if (chunk === undefined || lane.filled === chunk.length) {
    const length = chunk === undefined ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunk.length * 2);
    chunk = new Float64Array(length);
    lane.cells.push(chunk);
    lane.current = new Uint32Array(length * 3);
    lane.counts.push(lane.current);
    lane.filled = 0;
  }
  chunk[lane.filled] = cell;
  lane.current[lane.filled * 3 + band] = 1;
  lane.filled++;
  lane.lastCell = cell;
  lane.total++;
}
