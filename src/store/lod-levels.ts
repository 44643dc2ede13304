/**
 * The level-of-detail counts of one lane kind at one level, as flat typed arrays (Perfetto-style
 * mipmaps): per lane, its non-empty cells in time order and the running count per density band. Any run
 * of whole cells of a lane then costs two rank lookups and a subtraction, and a per-lane directory makes
 * a rank lookup O(1) on average, so a density query costs O(lanes × buckets) whatever the zoom or size.
 * Cell `c` of level `e` covers [(base + c)·2^e, (base + c + 1)·2^e) ms. Pure data: no SQLite here.
 */

/** One lane kind at one level. */
export interface LodLevelData {
  /** Bucket width as a power of two of a millisecond. */
  levelExp: number;
  /** Absolute cell number that stored cell numbers are relative to (so they fit 32 bits). */
  baseCell: number;
  /** Lane keys (source id as text, host or service; '' for none), in first-seen order. */
  keys: string[];
  /** Lane `l` owns stored cells [offsets[l], offsets[l + 1]). */
  offsets: Uint32Array;
  /** Cell numbers relative to `baseCell`, ascending within each lane. */
  cells: Int32Array;
  /** Per band (error and fatal, warn, other), events in stored cells [0, j): length cells.length + 1, so a run is `cum[b] - cum[a]`. */
  cumulative: [Uint32Array, Uint32Array, Uint32Array];
}

/** A level with its rank directories, ready for queries. */
export interface LodLevel extends LodLevelData {
  /** Per lane, log2 of the cells one directory entry covers. */
  dirShift: Uint8Array;
  /** Lane `l`'s directory starts at dirOffsets[l] in `directory`. */
  dirOffsets: Uint32Array;
  /** Entry q of lane l: the first stored index whose cell ≥ lane's first cell + (q << dirShift[l]). */
  directory: Uint32Array;
}

/** The next coarser level: cells merged `2^(toExp - from.levelExp)` at a time, lane by lane. O(cells). */
export function coarsenLevel(from: LodLevelData, toExp: number): LodLevelData {
  const shift = toExp - from.levelExp;
  const baseCell = Math.floor(from.baseCell / 2 ** shift);
  // NOTE: (base + c) >> shift == (base >> shift) + ((c + (base mod 2^shift)) >> shift), with c ≥ 0.
  const carry = from.baseCell - baseCell * 2 ** shift;
  const laneCount = from.keys.length;
  const offsets = new Uint32Array(laneCount + 1);
  const cells = new Int32Array(from.cells.length);
  const counts = [new Uint32Array(from.cells.length), new Uint32Array(from.cells.length), new Uint32Array(from.cells.length)] as const;
  const [errorCum, warnCum, otherCum] = from.cumulative;
  const [errorCounts, warnCounts, otherCounts] = counts;
  let n = 0;
  for (let l = 0; l < laneCount; l++) {
    let previous = -1;
    const end = from.offsets[l + 1]!;
    for (let j = from.offsets[l]!; j < end; j++) {
      // NOTE: stored cells are ≥ 0 and below 2^31, so the shift is an exact floor division.
      const cell = (from.cells[j]! + carry) >> shift;
      if (cell !== previous) {
        previous = cell;
        cells[n++] = cell;
      }
      errorCounts[n - 1]! += errorCum[j + 1]! - errorCum[j]!;
      warnCounts[n - 1]! += warnCum[j + 1]! - warnCum[j]!;
      otherCounts[n - 1]! += otherCum[j + 1]! - otherCum[j]!;
    }
    offsets[l + 1] = n;
  }
  return {
    levelExp: toExp,
    baseCell,
    keys: from.keys,
    offsets,
    cells: cells.slice(0, n),
    cumulative: [runningSum(counts[0].subarray(0, n)), runningSum(counts[1].subarray(0, n)), runningSum(counts[2].subarray(0, n))],
  };
}

function runningSum(counts: Uint32Array): Uint32Array {
  const sums = new Uint32Array(counts.length + 1);
  for (let j = 0; j < counts.length; j++) sums[j + 1] = sums[j]! + counts[j]!;
  return sums;
}

/** Above this many cells in a group's range (and 4× its stored cells), merging sorts instead of counting into a dense range. */
const DENSE_MERGE_MAX_RANGE = 1 << 20;

/**
 * Merges lanes into groups (hosts into their rollout groups): a group lane holds the union of its
 * members' cells with their counts summed, so a query over groups costs O(groups × buckets) instead of
 * O(members × buckets). Groups are in first-seen order of `groupOf(lane key)`. O(cells + range) per group.
 */
export function mergeLanes(from: LodLevelData, groupOf: (key: string) => string): LodLevelData {
  const keys: string[] = [];
  const members: number[][] = [];
  const indexOf = new Map<string, number>();
  from.keys.forEach((key, lane) => {
    const group = groupOf(key);
    let g = indexOf.get(group);
    if (g === undefined) {
      g = keys.length;
      indexOf.set(group, g);
      keys.push(group);
      members.push([]);
    }
    members[g]!.push(lane);
  });
  const offsets = new Uint32Array(keys.length + 1);
  const cells: number[] = [];
  const counts: [number[], number[], number[]] = [[], [], []];
  members.forEach((lanes, g) => {
    mergeGroup(from, lanes, cells, counts);
    offsets[g + 1] = cells.length;
  });
  return {
    levelExp: from.levelExp,
    baseCell: from.baseCell,
    keys,
    offsets,
    cells: Int32Array.from(cells),
    cumulative: [runningSum(Uint32Array.from(counts[0])), runningSum(Uint32Array.from(counts[1])), runningSum(Uint32Array.from(counts[2]))],
  };
}

/** Appends the union of `lanes`' cells (ascending) and their summed band counts. */
function mergeGroup(from: LodLevelData, lanes: readonly number[], cells: number[], counts: [number[], number[], number[]]): void {
  let low = Infinity;
  let high = -Infinity;
  let stored = 0;
  for (const lane of lanes) {
    const a = from.offsets[lane]!;
    const b = from.offsets[lane + 1]!;
    if (b === a) continue;
    low = Math.min(low, from.cells[a]!);
    high = Math.max(high, from.cells[b - 1]!);
    stored += b - a;
  }
  if (stored === 0) return;
  const range = high - low + 1;
  const bandOf = (j: number, band: 0 | 1 | 2): number => from.cumulative[band][j + 1]! - from.cumulative[band][j]!;
  if (range <= Math.max(DENSE_MERGE_MAX_RANGE, 4 * stored)) {
    const dense = [new Uint32Array(range), new Uint32Array(range), new Uint32Array(range)] as const;
    const isUsed = new Uint8Array(range);
    for (const lane of lanes) {
      for (let j = from.offsets[lane]!; j < from.offsets[lane + 1]!; j++) {
        const c = from.cells[j]! - low;
        isUsed[c] = 1;
        dense[0][c]! += bandOf(j, 0);
        dense[1][c]! += bandOf(j, 1);
        dense[2][c]! += bandOf(j, 2);
      }
    }
    for (let c = 0; c < range; c++) {
      if (isUsed[c] === 0) continue;
      cells.push(c + low);
      counts[0].push(dense[0][c]!);
      counts[1].push(dense[1][c]!);
      counts[2].push(dense[2][c]!);
    }
    return;
  }
  const groupStart = cells.length;
  const entries: number[] = [];
  for (const lane of lanes) for (let j = from.offsets[lane]!; j < from.offsets[lane + 1]!; j++) entries.push(j);
  entries.sort((x, y) => from.cells[x]! - from.cells[y]!);
  for (const j of entries) {
    const cell = from.cells[j]!;
    if (cells.length === groupStart || cells[cells.length - 1] !== cell) {
      cells.push(cell);
      counts[0].push(0);
      counts[1].push(0);
      counts[2].push(0);
    }
    const last = cells.length - 1;
    counts[0][last]! += bandOf(j, 0);
    counts[1][last]! += bandOf(j, 1);
    counts[2][last]! += bandOf(j, 2);
  }
}

/**
 * Adds each lane's rank directory, sized to about the lane's own cell count (so memory follows events,
 * not the incident's span): a lane with n cells over a range of r cells gets one entry per 2^k cells,
 * with 2^k ≤ r / n. O(cells).
 */
export function withDirectories(level: LodLevelData): LodLevel {
  const laneCount = level.keys.length;
  const dirShift = new Uint8Array(laneCount);
  const dirOffsets = new Uint32Array(laneCount + 1);
  for (let l = 0; l < laneCount; l++) {
    const a = level.offsets[l]!;
    const b = level.offsets[l + 1]!;
    let entries = 0;
    if (b > a) {
      const range = level.cells[b - 1]! - level.cells[a]! + 1;
      const shift = Math.max(0, Math.floor(Math.log2(range / (b - a))));
      dirShift[l] = shift;
      entries = Math.floor((range - 1) / 2 ** shift) + 1;
    }
    dirOffsets[l + 1] = dirOffsets[l]! + entries;
  }
  const directory = new Uint32Array(dirOffsets[laneCount]!);
  for (let l = 0; l < laneCount; l++) {
    const a = level.offsets[l]!;
    const b = level.offsets[l + 1]!;
    if (b === a) continue;
    const first = level.cells[a]!;
    const shift = dirShift[l]!;
    const dirStart = dirOffsets[l]!;
    const entries = dirOffsets[l + 1]! - dirStart;
    let j = a;
    for (let q = 0; q < entries; q++) {
      const blockStart = first + (q << shift);
      while (level.cells[j]! < blockStart) j++;
      directory[dirStart + q] = j;
    }
  }
  return { ...level, dirShift, dirOffsets, directory };
}

/** The stored index of the first cell ≥ `cell` (relative to baseCell) in lane `lane`; offsets[lane + 1] when none. */
export function rankOf(level: LodLevel, lane: number, cell: number): number {
  return rank(level.offsets, level.cells, level.directory, level.dirOffsets[lane]!, level.dirShift[lane]!, lane, cell);
}

/**
 * Adds a lane's counts per band into query buckets [iStart, iEnd) of `perBucket` cells from relative
 * cell `firstCell` (only where it has events; several lanes may add into one set of arrays, as group
 * lanes do) and returns the lane's total.
 * A lane with few cells per bucket is walked cell by cell (runs of cells in one bucket summed at once);
 * a dense one costs a rank lookup per bucket boundary. Either way O(min(cells, buckets)) cheap steps.
 * NOTE: kept beside `rank` so the hot loops make no cross-module calls.
 */
export function addLaneBuckets(level: LodLevel, lane: number, firstCell: number, perBucket: number, iStart: number, iEnd: number, out: [number[], number[], number[]]): number {
  const { offsets, cells, directory } = level;
  const dirStart = level.dirOffsets[lane]!;
  const shift = level.dirShift[lane]!;
  const errorCum = level.cumulative[0];
  const warnCum = level.cumulative[1];
  const otherCum = level.cumulative[2];
  const error = out[0];
  const warn = out[1];
  const other = out[2];
  const from = rank(offsets, cells, directory, dirStart, shift, lane, firstCell + iStart * perBucket);
  const to = rank(offsets, cells, directory, dirStart, shift, lane, firstCell + iEnd * perBucket);
  const isSparse = to - from <= WALK_CELLS_PER_BUCKET * (iEnd - iStart);
  let i = iStart;
  let j = from;
  while (j < to) {
    let k: number;
    if (isSparse) {
      i = ((cells[j]! - firstCell) / perBucket) | 0;
      const end = firstCell + (i + 1) * perBucket;
      k = j + 1;
      while (k < to && cells[k]! < end) k++;
    } else {
      k = rank(offsets, cells, directory, dirStart, shift, lane, firstCell + (i + 1) * perBucket);
      if (k === j) {
        i++;
        continue;
      }
    }
    // NOTE: `| 0` keeps counts small integers, so the plain arrays stay integer arrays (no copy to doubles).
    error[i] = (error[i]! + errorCum[k]! - errorCum[j]!) | 0;
    warn[i] = (warn[i]! + warnCum[k]! - warnCum[j]!) | 0;
    other[i] = (other[i]! + otherCum[k]! - otherCum[j]!) | 0;
    i++;
    j = k;
  }
  return (errorCum[to]! - errorCum[from]! + warnCum[to]! - warnCum[from]! + otherCum[to]! - otherCum[from]!) | 0;
}

/** Up to this many stored cells per query bucket, walking cells beats a rank lookup per boundary. */
const WALK_CELLS_PER_BUCKET = 8;

function rank(offsets: Uint32Array, cells: Int32Array, directory: Uint32Array, dirStart: number, shift: number, lane: number, cell: number): number {
  const a = offsets[lane]!;
  const b = offsets[lane + 1]!;
  if (b === a) return a;
  const first = cells[a]!;
  if (cell <= first) return a;
  if (cell > cells[b - 1]!) return b;
  // NOTE: 0 < cell - first < 2^31 here (cells are 32-bit), so the shift is an exact floor division.
  let j = directory[dirStart + ((cell - first) >> shift)]!;
  while (cells[j]! < cell) j++;
  return j;
}
