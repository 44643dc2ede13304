/** Undo/redo of annotation edits, tour chapters, and flag placement on the timeline. */
import { describe, expect, it } from 'vitest';
import { flagPositions } from '../../../renderer/panels/AnnotationMarkers';
import { UndoStack } from '../../../renderer/panels/annotation-undo';
import { chapterPlayheadMs, chapterViewport, MIN_CHAPTER_SPAN_MS, tourChapters } from '../../../renderer/panels/tour-chapters';
import type { Annotation } from '../../../src/model/annotation';

function counter() {
  let value = 0;
  const stack = new UndoStack();
  const add = (n: number) => stack.push({ label: `add ${n}`, undo: async () => void (value -= n), redo: async () => void (value += n) });
  return { stack, add: (n: number) => ((value += n), add(n)), value: () => value };
}

describe('undo stack', () => {
  it('undoes and redoes in order, and a new edit clears redo', async () => {
    const c = counter();
    c.add(1);
    c.add(10);
    expect(await c.stack.undo()).toBe('add 10');
    expect(c.value()).toBe(1);
    expect(await c.stack.redo()).toBe('add 10');
    expect(c.value()).toBe(11);
    await c.stack.undo();
    c.add(100);
    expect(c.stack.depths()).toEqual({ undoDepth: 2, redoDepth: 0 });
    expect(await c.stack.redo()).toBeNull();
  });

  it('keeps an edit on its stack when reversing it fails', async () => {
    const stack = new UndoStack();
    stack.push({ label: 'x', undo: () => Promise.reject(new Error('read-only')), redo: async () => undefined });
    await expect(stack.undo()).rejects.toThrow('read-only');
    expect(stack.depths()).toEqual({ undoDepth: 1, redoDepth: 0 });
  });
});

describe('tour chapters', () => {
  const a = (tsMs: number, endMs: number | null, createdMs: number) => ({ uid: `${tsMs}-${createdMs}`, tsMs, endMs, createdMs }) as Annotation;

  it('orders chapters by time, then by when they were written', () => {
    expect(tourChapters([a(30, null, 1), a(10, null, 5), a(10, null, 2)]).map((c) => c.uid)).toEqual(['10-2', '10-5', '30-1']);
  });

  it('frames a range with a margin and a moment with a few minutes around it', () => {
    expect(chapterViewport({ tsMs: 1_000_000, endMs: 1_600_000 })).toEqual({ fromMs: 910_000, toMs: 1_690_000 });
    const moment = chapterViewport({ tsMs: 1_000_000, endMs: null });
    expect(moment.toMs - moment.fromMs).toBe(MIN_CHAPTER_SPAN_MS);
    expect(chapterPlayheadMs({ tsMs: 0, endMs: 1000 }, 0.5)).toBe(500);
    expect(chapterPlayheadMs({ tsMs: 0, endMs: null }, 0.5)).toBe(0);
  });
});

describe('annotation flags', () => {
  it('lays flags at nearly the same time side by side instead of on top of each other', () => {
    expect(flagPositions([100, 105, 300])).toEqual([100, 122, 300]);
  });
});
