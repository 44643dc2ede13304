/**
 * Adds the level-of-detail counts of newer events to those of older ones (lod-levels.ts), lane by lane,
 * without looking at the events again: how counts take live-follow appends. Pure data: no SQLite here.
 */
import type { LodLevelData } from './lod-levels';

/**
 * The counts of both sets of events at one level (both at `older.levelExp`). Lanes keep the older
 * lanes' order, then the newer ones' new keys in their order, so when every newer event has a higher id
 * the result equals, array for array, a build from all the events. O(cells of both).
 */
export function mergeLevels(older: LodLevelData, newer: LodLevelData): LodLevelData {
  const olderKeys = new Set(older.keys);
  const addedKeys = newer.keys.filter((key) => !olderKeys.has(key));
  if (newer.cells.length === 0 && addedKeys.length === 0) return older;
  const newerLaneOf = new Map(newer.keys.map((key, lane) => [key, lane]));
  const keys = [...older.keys, ...addedKeys];
  const baseCell = older.cells.length === 0 ? newer.baseCell : newer.cells.length === 0 ? older.baseCell : Math.min(older.baseCell, newer.baseCell);
  // NOTE: both shifts are ≥ 0, so every merged cell stays ≥ 0 relative to the new base.
  const olderShift = older.baseCell - baseCell;
  const newerShift = newer.baseCell - baseCell;
  const size = older.cells.length + newer.cells.length;
  const offsets = new Uint32Array(keys.length + 1);
  const cells = new Int32Array(size);
  const cumulative = [new Uint32Array(size + 1), new Uint32Array(size + 1), new Uint32Array(size + 1)] as const;
  let n = 0;
  const append = (cell: number, from: LodLevelData, j: number, also: LodLevelData | null, k: number): void => {
    cells[n] = cell;
    for (let band = 0; band < 3; band++) {
      const own = from.cumulative[band]!;
      let count = own[j + 1]! - own[j]!;
      if (also !== null) count += also.cumulative[band]![k + 1]! - also.cumulative[band]![k]!;
      cumulative[band]![n + 1] = cumulative[band]![n]! + count;
    }
    n++;
  };
  keys.forEach((key, lane) => {
    let i = lane < older.keys.length ? older.offsets[lane]! : 0;
    const iEnd = lane < older.keys.length ? older.offsets[lane + 1]! : 0;
    const newerLane = newerLaneOf.get(key);
    let j = newerLane === undefined ? 0 : newer.offsets[newerLane]!;
    const jEnd = newerLane === undefined ? 0 : newer.offsets[newerLane + 1]!;
    while (i < iEnd || j < jEnd) {
      const olderCell = i < iEnd ? older.cells[i]! + olderShift : Number.POSITIVE_INFINITY;
      const newerCell = j < jEnd ? newer.cells[j]! + newerShift : Number.POSITIVE_INFINITY;
      if (olderCell === newerCell) append(olderCell, older, i++, newer, j++);
      else if (olderCell < newerCell) append(olderCell, older, i++, null, 0);
      else append(newerCell, newer, j++, null, 0);
    }
    offsets[lane + 1] = n;
  });
  return {
    levelExp: older.levelExp,
    baseCell,
    keys,
    offsets,
    cells: cells.slice(0, n),
    cumulative: [cumulative[0].slice(0, n + 1), cumulative[1].slice(0, n + 1), cumulative[2].slice(0, n + 1)],
  };
}
