import { describe, expect, it } from 'vitest';
import {
  MAX_BUCKET_COUNT,
  MIN_SPAN_MS,
  barHeightPx,
  densityQueryFor,
  fitViewport,
  panBy,
  queryCovers,
  timeAtX,
  viewportLimits,
  zoomAround,
} from '../../../renderer/timeline/viewport-maths';

const limits = viewportLimits(0, 3_600_000);

describe('viewport maths', () => {
  it('zooms around the anchor, keeping it at the same screen position', () => {
    const view = { fromMs: 0, toMs: 1_000_000 };
    const zoomed = zoomAround(view, 250_000, 0.5, limits);
    expect(zoomed.toMs - zoomed.fromMs).toBe(500_000);
    expect((250_000 - zoomed.fromMs) / (zoomed.toMs - zoomed.fromMs)).toBeCloseTo(0.25);
  });

  it('never zooms in past the minimum span or out past the limits', () => {
    const deep = zoomAround({ fromMs: 1000, toMs: 1020 }, 1010, 0.01, limits);
    expect(deep.toMs - deep.fromMs).toBe(MIN_SPAN_MS);
    const wide = zoomAround(fitViewport(0, 3_600_000), 1_800_000, 100, limits);
    expect(wide).toEqual(limits);
  });

  it('pans within the limits', () => {
    const view = panBy({ fromMs: 0, toMs: 600_000 }, -1e12, limits);
    expect(view.fromMs).toBe(limits.fromMs);
    expect(view.toMs - view.fromMs).toBe(600_000);
  });

  it('maps x to time linearly', () => {
    expect(timeAtX({ fromMs: 1000, toMs: 2000 }, 50, 100)).toBe(1500);
  });

  it('quantises density queries so small pans reuse the last answer', () => {
    const view = { fromMs: 1_000_000, toMs: 1_600_000 };
    const query = densityQueryFor(view, 1200);
    expect(Math.log2(query.bucketMs) % 1).toBe(0);
    expect(query.fromMs % query.bucketMs).toBe(0);
    expect(query.bucketCount).toBeLessThanOrEqual(MAX_BUCKET_COUNT);
    expect(query.toMs - query.fromMs).toBe(query.bucketCount * query.bucketMs);
    expect(queryCovers(query, view, 1200)).toBe(true);
    expect(queryCovers(query, { fromMs: view.fromMs + 30_000, toMs: view.toMs + 30_000 }, 1200)).toBe(true);
    expect(queryCovers(query, { fromMs: view.fromMs, toMs: view.fromMs + 100_000 }, 1200)).toBe(false);
  });

  it('covers the viewport for any span and width', () => {
    for (const spanMs of [10, 999, 60_000, 86_400_000]) {
      for (const widthPx of [300, 1280, 3840]) {
        const view = { fromMs: 1_700_000_000_123, toMs: 1_700_000_000_123 + spanMs };
        const query = densityQueryFor(view, widthPx);
        expect(query.fromMs).toBeLessThanOrEqual(view.fromMs);
        expect(query.toMs).toBeGreaterThanOrEqual(view.toMs);
        expect(query.bucketCount).toBeLessThanOrEqual(MAX_BUCKET_COUNT);
      }
    }
  });

  it('draws one event visibly and the busiest bucket full height', () => {
    expect(barHeightPx(1, 100_000, 24)).toBe(2);
    expect(barHeightPx(100_000, 100_000, 24)).toBe(24);
    expect(barHeightPx(0, 10, 24)).toBe(0);
  });
});
