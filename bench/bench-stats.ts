/** Small statistics shared by the benchmarks. */

/** The median of `values` (the upper middle one for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall-clock seconds since `startedNs` (from process.hrtime.bigint()). */
export function secondsSince(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}

/** Longest gap between timer ticks while `work` runs, in ms. */
export async function withLoopWatch(work: () => Promise<void>): Promise<{ wallMs: number; maxBlockMs: number }> {
  let maxBlockMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxBlockMs = Math.max(maxBlockMs, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  clearInterval(timer);
  return { wallMs, maxBlockMs: Math.max(maxBlockMs, performance.now() - last) };
}
