/** Robust statistics for baselines that a burst must not distort: median and median absolute deviation. */

/** Median of `values` (0 for none). Does not modify the input. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation around the median, scaled by 1.4826 so it estimates a standard deviation. */
export function scaledMad(values: ArrayLike<number>, center = median(values)): number {
  const deviations = Float64Array.from(values as ArrayLike<number>, (v) => Math.abs(v - center));
  return 1.4826 * median(deviations);
}
