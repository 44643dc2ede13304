/** Tour arithmetic: which part of the timeline each chapter (annotation) shows. Times are UTC epoch ms. */
import type { Annotation } from '../../src/model/annotation';
import type { Viewport } from '../timeline/viewport-maths';

/** Shortest span shown around a moment, in ms. */
export const MIN_CHAPTER_SPAN_MS = 4 * 60_000;

/** The annotations in tour order: by time, then by when they were written. */
export function tourChapters(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.tsMs - b.tsMs || a.createdMs - b.createdMs);
}

/** The view for a chapter: its range with 15% margin each side, or a few minutes centred on a moment. */
export function chapterViewport(chapter: Pick<Annotation, 'tsMs' | 'endMs'>): Viewport {
  if (chapter.endMs !== null && chapter.endMs > chapter.tsMs) {
    const spanMs = chapter.endMs - chapter.tsMs;
    const padMs = Math.max(spanMs * 0.15, 30_000);
    return { fromMs: chapter.tsMs - padMs, toMs: chapter.endMs + padMs };
  }
  return { fromMs: chapter.tsMs - MIN_CHAPTER_SPAN_MS / 2, toMs: chapter.tsMs + MIN_CHAPTER_SPAN_MS / 2 };
}

/** Where the playhead is `fraction` (0..1) of the way through a chapter: across a range, or at the moment. */
export function chapterPlayheadMs(chapter: Pick<Annotation, 'tsMs' | 'endMs'>, fraction: number): number {
  if (chapter.endMs === null) return chapter.tsMs;
  return chapter.tsMs + (chapter.endMs - chapter.tsMs) * Math.min(1, Math.max(0, fraction));
}
