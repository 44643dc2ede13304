/**
 * The playhead as a real slider over the whole incident (an overview strip under the timeline):
 * role="slider" with the UTC time as aria-valuetext, arrows/PageUp/PageDown/Home/End, and dragging.
 * Behind it, the density of the whole incident (honouring the filter) with the visible window marked;
 * under it, deploy and page markers. Position and window are written to the DOM from the store.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { useStoreFrameEffect } from '../state/use-store-effect';
import { formatUtcDateTime } from './format-time';
import { OverviewMarkers } from './OverviewMarkers';
import { playheadForKey } from './playhead-keys';
import { drawOverviewDensity } from './draw-overview';
import { useOverviewDensity } from './use-overview-density';
import { useTimelineMarkers } from './use-timeline-markers';
import './timeline.css';

/** The overview slider. */
export function PlayheadSlider() {
  const { store } = useApp();
  const sliderRef = useRef<HTMLDivElement>(null);
  const thumbRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const firstMs = useHindsight((s) => s.incident?.firstTsMs ?? 0);
  const lastMs = useHindsight((s) => s.incident?.lastTsMs ?? 0);
  const spanMs = Math.max(1, lastMs - firstMs);
  const fraction = (tsMs: number) => Math.min(1, Math.max(0, (tsMs - firstMs) / spanMs));
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [widthPx, setWidthPx] = useState(0);
  const density = useOverviewDensity(widthPx);
  const markers = useTimelineMarkers();

  useEffect(() => {
    const slider = sliderRef.current;
    if (slider === null) return;
    const observer = new ResizeObserver(() => setWidthPx(Math.floor(slider.clientWidth)));
    observer.observe(slider);
    setWidthPx(Math.floor(slider.clientWidth));
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas !== null && density !== null && widthPx > 0) drawOverviewDensity(canvas, density, widthPx);
  }, [density, widthPx]);

  useEffect(() => {
    const firstDeploy = markers.find((m) => m.kind === 'deploy');
    store.getState().setRolloutStart(firstDeploy?.tsMs ?? null);
  }, [markers, store]);

  useStoreFrameEffect(
    (s) => s.playheadMs,
    (playheadMs) => {
      const slider = sliderRef.current;
      const thumb = thumbRef.current;
      if (slider === null || thumb === null) return;
      slider.setAttribute('aria-valuenow', String(playheadMs));
      slider.setAttribute('aria-valuetext', formatUtcDateTime(playheadMs));
      thumb.style.left = `${fraction(playheadMs) * 100}%`;
    },
  );
  useStoreFrameEffect(
    (s) => s.viewport,
    (view) => {
      const box = windowRef.current;
      if (box === null) return;
      const left = fraction(view.fromMs);
      box.style.left = `${left * 100}%`;
      box.style.width = `${Math.max(0.3, (fraction(view.toMs) - left) * 100)}%`;
    },
  );

  const moveTo = (clientX: number) => {
    const slider = sliderRef.current;
    if (slider === null) return;
    const rect = slider.getBoundingClientRect();
    store.getState().setPlayhead(firstMs + ((clientX - rect.left) / rect.width) * spanMs);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const { playheadMs, viewport, setPlayhead } = store.getState();
    const next = playheadForKey(event.key, playheadMs, viewport.toMs - viewport.fromMs, firstMs, lastMs);
    if (next === null) return;
    event.preventDefault();
    setPlayhead(next);
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    moveTo(event.clientX);
  };

  const initial = store.getState().playheadMs;
  return (
    <div className="overview" data-testid="overview">
      <span className="overview-edge" aria-hidden="true">
        {formatUtcDateTime(firstMs)}
      </span>
      <div className="overview-middle">
        <div
          ref={sliderRef}
          className="overview-track"
          role="slider"
          tabIndex={0}
          aria-label="Playhead"
          aria-valuemin={firstMs}
          aria-valuemax={lastMs}
          aria-valuenow={initial}
          aria-valuetext={formatUtcDateTime(initial)}
          aria-keyshortcuts="ArrowLeft ArrowRight PageUp PageDown Home End"
          data-testid="playhead-slider"
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={(event) => {
            if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event.clientX);
          }}
        >
          <canvas ref={canvasRef} className="overview-density" data-testid="overview-density" aria-hidden="true" />
          <div ref={windowRef} className="overview-window" data-testid="overview-window" aria-hidden="true" />
          <div ref={thumbRef} className="overview-thumb" aria-hidden="true" />
        </div>
        <OverviewMarkers markers={markers} firstMs={firstMs} lastMs={lastMs} widthPx={widthPx} />
      </div>
      <span className="overview-edge" aria-hidden="true">
        {formatUtcDateTime(lastMs)}
      </span>
    </div>
  );
}
