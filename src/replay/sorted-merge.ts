/**
 * Merges of a host's finished, sorted timeline arrays with the events added since, so a builder that
 * takes appended events re-finishes a host in one linear pass instead of sorting its whole history, and
 * the binary searches over such arrays. Live follow mostly appends later events: the common case is one
 * bulk copy of the old array.
 */

/** `sorted` (ascending) and `added` (ascending) as one ascending array. */
export function mergeSortedTimes(sorted: Float64Array, added: readonly number[]): Float64Array {
  const out = new Float64Array(sorted.length + added.length);
  let i = lowerBound(sorted, added[0] ?? Infinity);
  out.set(sorted.subarray(0, i));
  let j = 0;
  let k = i;
  while (i < sorted.length && j < added.length) out[k++] = sorted[i]! <= added[j]! ? sorted[i++]! : added[j++]!;
  out.set(sorted.subarray(i), k);
  for (k += sorted.length - i; j < added.length; j++) out[k++] = added[j]!;
  return out;
}

/** Events sorted by (time, id) and events added (sorted the same way) as one such pair of arrays. */
export function mergeSortedEvents(
  tsMs: Float64Array,
  ids: Float64Array,
  addedTsMs: ArrayLike<number>,
  addedIds: ArrayLike<number>,
): { tsMs: Float64Array; ids: Float64Array } {
  const total = tsMs.length + addedTsMs.length;
  const outTs = new Float64Array(total);
  const outIds = new Float64Array(total);
  // NOTE: only old events at the first added time can order after it by id; everything earlier is copied in bulk.
  let i = lowerBound(tsMs, addedTsMs[0] ?? Infinity);
  outTs.set(tsMs.subarray(0, i));
  outIds.set(ids.subarray(0, i));
  let j = 0;
  let k = i;
  while (i < tsMs.length && j < addedTsMs.length) {
    const takeOld = tsMs[i]! < addedTsMs[j]! || (tsMs[i] === addedTsMs[j] && ids[i]! < addedIds[j]!);
    if (takeOld) {
      outTs[k] = tsMs[i]!;
      outIds[k++] = ids[i++]!;
    } else {
      outTs[k] = addedTsMs[j]!;
      outIds[k++] = addedIds[j++]!;
    }
  }
  outTs.set(tsMs.subarray(i), k);
  outIds.set(ids.subarray(i), k);
  for (k += tsMs.length - i; j < addedTsMs.length; j++, k++) {
    outTs[k] = addedTsMs[j]!;
    outIds[k] = addedIds[j]!;
  }
  return { tsMs: outTs, ids: outIds };
}

/** Index of the first value ≥ `value` in a sorted array (the number of values below it). */
export function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index just after the last element ≤ `value` in a sorted array, searching [from, to) (all of it by
 * default): the number of elements ≤ value when searching the whole array.
 */
export function upperBound(sorted: ArrayLike<number>, value: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
