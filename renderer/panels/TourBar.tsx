/**
 * The running guided tour, above the timeline: chapter N of M with its note, previous/next, pause,
 * speed and end. While playing, the playhead travels through the chapter (across a range, or rests
 * on a moment) for the chosen time, then the next chapter is shown.
 */
import MarkdownIt from 'markdown-it';
import { useEffect, useId } from 'react';
import { ANNOTATION_KIND_LABELS } from '../../src/model/annotation';
import { TOUR_SPEEDS, type TourSpeed } from '../state/annotation-slice';
import { useApp, useHindsight } from '../state/app-context';
import { formatUtcDateTime } from '../timeline/format-time';
import { chapterPlayheadMs, tourChapters } from './tour-chapters';
import { goToChapter } from './tour-navigation';

const markdown = new MarkdownIt({ html: false, linkify: false });

const SPEED_LABELS: Record<TourSpeed, string> = { slow: 'Slow (12 s a chapter)', normal: 'Normal (6 s a chapter)', fast: 'Fast (2 s a chapter)' };

/** The tour bar; renders nothing when no tour is running. */
export function TourBar() {
  const { store } = useApp();
  const headingId = useId();
  const speedId = useId();
  const tour = useHindsight((s) => s.tour);
  const speed = useHindsight((s) => s.tourSpeed);
  const annotations = useHindsight((s) => s.annotations);
  const chapters = tourChapters(annotations);
  const chapter = tour === null ? undefined : chapters[tour.chapterIndex];
  const chapterIndex = tour?.chapterIndex ?? 0;
  const isPlaying = tour?.isPlaying ?? false;

  useEffect(() => {
    if (!isPlaying || chapter === undefined) return;
    const dwellMs = TOUR_SPEEDS[speed] * 1000;
    const startMs = performance.now();
    let frame = 0;
    const tick = (nowMs: number) => {
      const fraction = (nowMs - startMs) / dwellMs;
      if (chapter.endMs !== null) store.getState().setPlayhead(chapterPlayheadMs(chapter, fraction));
      if (fraction < 1) {
        frame = requestAnimationFrame(tick);
        return;
      }
      const isLast = chapterIndex >= tourChapters(store.getState().annotations).length - 1;
      if (isLast) store.getState().setTour({ chapterIndex, isPlaying: false });
      else goToChapter(store, chapterIndex + 1, true);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [isPlaying, chapter, chapterIndex, speed, store]);

  useEffect(() => {
    if (tour === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target !== null && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (event.key === ']') goToChapter(store, chapterIndex + 1, isPlaying);
      else if (event.key === '[') goToChapter(store, chapterIndex - 1, isPlaying);
      else if (event.key === 'Escape') store.getState().setTour(null);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [tour, chapterIndex, isPlaying, store]);

  if (tour === null || chapter === undefined) return null;
  const isLast = chapterIndex === chapters.length - 1;
  const when = chapter.endMs === null ? formatUtcDateTime(chapter.tsMs) : `${formatUtcDateTime(chapter.tsMs)} to ${formatUtcDateTime(chapter.endMs)}`;
  return (
    <section className="tour-bar" aria-labelledby={headingId} data-testid="tour-bar">
      <div className="tour-text">
        <p className="tour-progress" aria-live="polite" data-testid="tour-progress">
          Tour: chapter {chapterIndex + 1} of {chapters.length}
          {!isPlaying && (isLast ? ' (end of the tour)' : ' (paused)')}
        </p>
        <h2 id={headingId}>
          <span className={`annotation-kind kind-${chapter.kind}`}>{ANNOTATION_KIND_LABELS[chapter.kind]}</span> {chapter.title.trim() || 'Untitled'}
        </h2>
        <p className="muted small">
          {when}
          {chapter.author ? ` · ${chapter.author}` : ''}
        </p>
        {/* markdown-it with html disabled escapes everything the note contains. */}
        <div className="tour-note" dangerouslySetInnerHTML={{ __html: markdown.render(chapter.body) }} />
      </div>
      <div className="tour-controls" role="toolbar" aria-label="Tour">
        <button type="button" disabled={chapterIndex === 0} aria-keyshortcuts="[" onClick={() => goToChapter(store, chapterIndex - 1, isPlaying)}>
          Previous chapter
        </button>
        <button type="button" className="primary" aria-pressed={isPlaying} onClick={() => (isLast && !isPlaying ? goToChapter(store, 0, true) : store.getState().setTour({ chapterIndex, isPlaying: !isPlaying }))}>
          {isPlaying ? 'Pause tour' : isLast ? 'Restart tour' : 'Resume tour'}
        </button>
        <button type="button" disabled={isLast} aria-keyshortcuts="]" onClick={() => goToChapter(store, chapterIndex + 1, isPlaying)}>
          Next chapter
        </button>
        <label htmlFor={speedId}>Tour speed</label>
        <select id={speedId} value={speed} onChange={(e) => store.getState().setTourSpeed(e.target.value as TourSpeed)}>
          {(Object.keys(TOUR_SPEEDS) as TourSpeed[]).map((key) => (
            <option key={key} value={key}>
              {SPEED_LABELS[key]}
            </option>
          ))}
        </select>
        <button type="button" aria-keyshortcuts="Escape" onClick={() => store.getState().setTour(null)}>
          End tour
        </button>
      </div>
    </section>
  );
}
