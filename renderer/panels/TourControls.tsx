/**
 * The "Start tour" button in the annotations panel head (T); the running tour is shown by TourBar.
 * NOTE: not "Play tour": the replay already has a Play button, and two controls named Play are confusing.
 */
import { useEffect } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { isTypingTarget } from './AnnotationPanel';
import { toggleTour } from './tour-navigation';

/** Starts, pauses or resumes the guided tour. */
export function TourControls() {
  const { store } = useApp();
  const chapterCount = useHindsight((s) => s.annotations.length);
  const tour = useHindsight((s) => s.tour);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target) || event.key !== 't') return;
      event.preventDefault();
      toggleTour(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

  const label = tour === null ? 'Start tour' : tour.isPlaying ? 'Pause tour' : 'Resume tour';
  return (
    <button type="button" className="tour-button" disabled={chapterCount === 0} aria-keyshortcuts="t" title={`${label} (T): the annotations in order, chapter by chapter`} onClick={() => toggleTour(store)}>
      {label}
    </button>
  );
}
