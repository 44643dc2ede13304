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
export async function withLoopWatch(work: () => Promise<void>): Promise<{ wallMs: number; maxBlockMs: number; blocksOver100Ms: number; blockedMsOver100Ms: number; longestBlocksMs: number[] }> {
  const blocks: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    blocks.push(now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  clearInterval(timer);
  blocks.push(performance.now() - last);
  const long = blocks.filter((ms) => ms > 100);
  return {
    wallMs,
    maxBlockMs: Math.max(...blocks),
    blocksOver100Ms: long.length,
    blockedMsOver100Ms: Math.round(long.reduce((sum, ms) => sum + ms, 0)),
    longestBlocksMs: blocks.sort((a, b) => b - a).slice(0, 5).map(Math.round),
  };
}
