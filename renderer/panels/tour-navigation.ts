/** Moving a guided tour from chapter to chapter: the store's tour state, viewport and playhead together. */
import type { HindsightStore } from '../state/store';
import { chapterViewport, tourChapters } from './tour-chapters';

/** Shows chapter `index` (clamped): zooms to it, puts the playhead at its start. */
export function goToChapter(store: HindsightStore, index: number, isPlaying: boolean): void {
  const state = store.getState();
  const chapters = tourChapters(state.annotations);
  if (chapters.length === 0) {
    state.showError('There are no annotations to tour yet; annotate a few moments first.');
    return;
  }
  const chapterIndex = Math.min(Math.max(index, 0), chapters.length - 1);
  const chapter = chapters[chapterIndex]!;
  state.setPlaying(false);
  state.setTour({ chapterIndex, isPlaying });
  state.setViewport(chapterViewport(chapter));
  state.setPlayhead(chapter.tsMs);
}

/** Starts the tour, or pauses/resumes it when one is running. */
export function toggleTour(store: HindsightStore): void {
  const { tour, setTour } = store.getState();
  if (tour === null) goToChapter(store, 0, true);
  else setTour({ ...tour, isPlaying: !tour.isPlaying });
}
