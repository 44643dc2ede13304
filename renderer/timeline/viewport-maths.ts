/**
 * Viewport arithmetic for the timeline: zoom around a point, pan, clamp, and the quantised density
 * query (Perfetto style: power-of-two bucket sizes and one screen of over-fetch on each side, so small
 * pans and zooms reuse the last answer instead of flooding the service).
 */

/** A visible time range in UTC epoch ms, `fromMs < toMs`. */
export interface Viewport {
  fromMs: number;
  toMs: number;
}

/** Narrowest visible span: 10 ms across the whole canvas. */
export const MIN_SPAN_MS = 10;

/** Target width of one density bucket on screen, in CSS px. */
export const BUCKET_WIDTH_PX = 2;

/** Most buckets a density query may ask for (the API's own limit). */
export const MAX_BUCKET_COUNT = 4096;

/** The range the viewport may show for an incident spanning `[firstMs, lastMs]`: the incident plus a margin. */
export function viewportLimits(firstMs: number, lastMs: number): Viewport {
  const spanMs = Math.max(lastMs - firstMs, 60_000);
  return { fromMs: firstMs - spanMs * 0.5, toMs: lastMs + spanMs * 0.5 };
}

/** The whole incident with 2% breathing room on each side: what "Reset zoom" shows. */
export function fitViewport(firstMs: number, lastMs: number): Viewport {
  const spanMs = Math.max(lastMs - firstMs, 1000);
  const padMs = spanMs * 0.02;
  return { fromMs: Math.floor(firstMs - padMs), toMs: Math.ceil(firstMs + spanMs + padMs) };
}

/**
 * Where the view goes when the incident grows at its end (live follow): a view of the whole incident
 * stays whole, a view that showed the old end slides along with it (like `tail -f`), and a view of
 * an earlier stretch stays put (null).
 */
export function followGrowth(view: Viewport, before: { firstMs: number; lastMs: number }, after: { firstMs: number; lastMs: number }): Viewport | null {
  if (after.lastMs <= before.lastMs) return null;
  if (view.fromMs <= before.firstMs && view.toMs >= before.lastMs) return fitViewport(Math.min(before.firstMs, after.firstMs), after.lastMs);
  if (view.toMs < before.lastMs) return null;
  const grownMs = after.lastMs - before.lastMs;
  return { fromMs: view.fromMs + grownMs, toMs: view.toMs + grownMs };
}

/** Keeps a viewport inside `limits` and no narrower than {@link MIN_SPAN_MS}, preserving its span where possible. */
export function clampViewport(view: Viewport, limits: Viewport): Viewport {
  const maxSpanMs = limits.toMs - limits.fromMs;
  const spanMs = Math.min(Math.max(view.toMs - view.fromMs, MIN_SPAN_MS), maxSpanMs);
  let fromMs = view.fromMs;
  if (fromMs < limits.fromMs) fromMs = limits.fromMs;
  if (fromMs + spanMs > limits.toMs) fromMs = limits.toMs - spanMs;
  return { fromMs, toMs: fromMs + spanMs };
}

/** Zooms by `factor` (< 1 zooms in) keeping the instant `anchorMs` at the same screen position. */
export function zoomAround(view: Viewport, anchorMs: number, factor: number, limits: Viewport): Viewport {
  const fromMs = anchorMs - (anchorMs - view.fromMs) * factor;
  const toMs = anchorMs + (view.toMs - anchorMs) * factor;
  if (toMs - fromMs < MIN_SPAN_MS) {
    const ratio = (anchorMs - view.fromMs) / (view.toMs - view.fromMs);
    return clampViewport({ fromMs: anchorMs - MIN_SPAN_MS * ratio, toMs: anchorMs + MIN_SPAN_MS * (1 - ratio) }, limits);
  }
  return clampViewport({ fromMs, toMs }, limits);
}

/** Shifts the viewport by `deltaMs` (positive moves later in time). */
export function panBy(view: Viewport, deltaMs: number, limits: Viewport): Viewport {
  return clampViewport({ fromMs: view.fromMs + deltaMs, toMs: view.toMs + deltaMs }, limits);
}

/** The instant under horizontal position `xPx` of a canvas `widthPx` wide showing `view`. */
export function timeAtX(view: Viewport, xPx: number, widthPx: number): number {
  return view.fromMs + (xPx / widthPx) * (view.toMs - view.fromMs);
}

/** The horizontal position of instant `tsMs` on a canvas `widthPx` wide showing `view`. */
export function xAtTime(view: Viewport, tsMs: number, widthPx: number): number {
  return ((tsMs - view.fromMs) / (view.toMs - view.fromMs)) * widthPx;
}

/** A density query that covers a viewport: aligned, power-of-two bucket size, over-fetched. */
export interface DensityQuery {
  fromMs: number;
  toMs: number;
  bucketMs: number;
  bucketCount: number;
}

/**
 * The quantised density query for `view` drawn `widthPx` wide: buckets of about {@link BUCKET_WIDTH_PX},
 * rounded up to a power of two ms, aligned to the bucket size, covering one extra screen each side.
 * NOTE: two viewports that differ by a small pan give the same query, which is what lets callers cache.
 */
export function densityQueryFor(view: Viewport, widthPx: number): DensityQuery {
  const spanMs = view.toMs - view.fromMs;
  const rawBucketMs = spanMs / Math.max(1, widthPx / BUCKET_WIDTH_PX);
  const bucketMs = Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(rawBucketMs, 1))));
  const spanBuckets = Math.ceil(spanMs / bucketMs);
  const centreBucket = Math.floor((view.fromMs + spanMs / 2) / bucketMs);
  const quantum = Math.max(1, Math.ceil(spanBuckets / 2));
  const snappedCentre = Math.round(centreBucket / quantum) * quantum;
  let bucketCount = Math.min(spanBuckets * 3 + quantum * 2, MAX_BUCKET_COUNT);
  bucketCount = Math.max(bucketCount, 1);
  const fromMs = (snappedCentre - Math.floor(bucketCount / 2)) * bucketMs;
  return { fromMs, toMs: fromMs + bucketCount * bucketMs, bucketMs, bucketCount };
}

/** Whether a fetched query still answers `view` at the right resolution. */
export function queryCovers(query: DensityQuery, view: Viewport, widthPx: number): boolean {
  const wanted = densityQueryFor(view, widthPx);
  return wanted.bucketMs === query.bucketMs && query.fromMs <= view.fromMs && query.toMs >= view.toMs;
}

/** Height in px of a density bar of `count` events when the busiest bucket holds `maxCount`: log scale, at least 2 px for one event. */
export function barHeightPx(count: number, maxCount: number, laneHeightPx: number): number {
  if (count <= 0 || maxCount <= 0) return 0;
  const ratio = Math.log1p(count) / Math.log1p(maxCount);
  return Math.max(2, Math.round(ratio * laneHeightPx));
}
