/**
 * The timeline panel: one lane per source on two stacked canvases (static content, interactive
 * overlay), lane labels and a text summary beside them. Wheel zooms around the cursor, dragging pans,
 * clicking or dragging the playhead moves it.
 */
import { useCallback, useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { AnnotationMarkers, MARKER_STRIP_PX } from '../panels/AnnotationMarkers';
import { RUNBOOK_STRIP_PX, RunbookMarkers } from '../runbooks/RunbookMarkers';
import { useApp, useHindsight } from '../state/app-context';
import { useStoreFrameEffect } from '../state/use-store-effect';
import { AXIS_HEIGHT_PX, LANE_HEIGHT_PX, drawOverlayLayer, drawStaticLayer, prepareCanvas } from './draw-timeline';
import { formatCount, formatCountOf, formatDuration, formatUtcDateTime } from './format-time';
import { laneCountsInView } from './lane-summary';
import { useDensity } from './use-density';
import { timeAtX, xAtTime } from './viewport-maths';

/** Pointer travel (CSS px) before a press on the canvas becomes a pan instead of a click. */
const DRAG_THRESHOLD_PX = 3;

/** Distance (CSS px) from the playhead within which a press grabs it. */
const PLAYHEAD_GRAB_PX = 6;

type Gesture = { mode: 'playhead' } | { mode: 'pending' | 'pan'; startX: number; startFromMs: number; startToMs: number };

/** The timeline panel. */
export function Timeline() {
  const { store } = useApp();
  const headingId = useId();
  const areaRef = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const hoverMsRef = useRef<number | null>(null);
  const gestureRef = useRef<Gesture | null>(null);
  const [widthPx, setWidthPx] = useState(0);
  const density = useDensity(widthPx);
  const viewport = useHindsight((s) => s.viewport);
  const laneCount = density?.lanes.length ?? 0;
  const heightPx = AXIS_HEIGHT_PX + Math.max(laneCount, 1) * LANE_HEIGHT_PX;

  useEffect(() => {
    const area = areaRef.current;
    if (area === null) return;
    const observer = new ResizeObserver(() => setWidthPx(Math.floor(area.clientWidth)));
    observer.observe(area);
    setWidthPx(Math.floor(area.clientWidth));
    return () => observer.disconnect();
  }, []);

  const drawOverlay = useCallback(() => {
    const canvas = overlayRef.current;
    if (canvas === null || widthPx <= 0) return;
    const ctx = prepareCanvas(canvas, widthPx, heightPx);
    const { viewport: view, playheadMs } = store.getState();
    if (ctx !== null) drawOverlayLayer(ctx, view, widthPx, heightPx, playheadMs, hoverMsRef.current);
  }, [store, widthPx, heightPx]);

  useStoreFrameEffect(
    (s) => s.viewport,
    (view) => {
      const canvas = staticRef.current;
      if (canvas === null || widthPx <= 0) return;
      const ctx = prepareCanvas(canvas, widthPx, heightPx);
      if (ctx !== null) drawStaticLayer(ctx, density, view, widthPx, heightPx);
      drawOverlay();
    },
  );
  useStoreFrameEffect((s) => s.playheadMs, drawOverlay);

  useEffect(() => {
    const canvas = staticRef.current;
    if (canvas === null || widthPx <= 0) return;
    const ctx = prepareCanvas(canvas, widthPx, heightPx);
    if (ctx !== null) drawStaticLayer(ctx, density, store.getState().viewport, widthPx, heightPx);
    drawOverlay();
  }, [density, widthPx, heightPx, store, drawOverlay]);

  useEffect(() => {
    const overlay = overlayRef.current;
    if (overlay === null) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { viewport: view, zoomBy, panByMs } = store.getState();
      const rect = overlay.getBoundingClientRect();
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        const deltaPx = event.shiftKey ? event.deltaY : event.deltaX;
        panByMs((deltaPx / rect.width) * (view.toMs - view.fromMs));
        return;
      }
      const anchorMs = timeAtX(view, event.clientX - rect.left, rect.width);
      zoomBy(Math.exp(Math.max(-1, Math.min(1, event.deltaY / 300))), anchorMs);
    };
    overlay.addEventListener('wheel', onWheel, { passive: false });
    return () => overlay.removeEventListener('wheel', onWheel);
  }, [store]);

  const localX = (event: ReactPointerEvent<HTMLCanvasElement>) => event.clientX - event.currentTarget.getBoundingClientRect().left;

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const { viewport: view, playheadMs, setPlayhead } = store.getState();
    const x = localX(event);
    const isOnAxis = event.clientY - event.currentTarget.getBoundingClientRect().top < AXIS_HEIGHT_PX;
    if (isOnAxis || Math.abs(x - xAtTime(view, playheadMs, widthPx)) <= PLAYHEAD_GRAB_PX) {
      gestureRef.current = { mode: 'playhead' };
      setPlayhead(timeAtX(view, x, widthPx));
      return;
    }
    gestureRef.current = { mode: 'pending', startX: x, startFromMs: view.fromMs, startToMs: view.toMs };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const x = localX(event);
    const state = store.getState();
    const gesture = gestureRef.current;
    hoverMsRef.current = timeAtX(state.viewport, x, widthPx);
    if (gesture === null) {
      event.currentTarget.style.cursor = Math.abs(x - xAtTime(state.viewport, state.playheadMs, widthPx)) <= PLAYHEAD_GRAB_PX ? 'ew-resize' : 'grab';
      requestAnimationFrame(drawOverlay);
      return;
    }
    if (gesture.mode === 'playhead') {
      state.setPlayhead(timeAtX(state.viewport, x, widthPx));
      return;
    }
    if (gesture.mode === 'pending' && Math.abs(x - gesture.startX) < DRAG_THRESHOLD_PX) return;
    gestureRef.current = { ...gesture, mode: 'pan' };
    const spanMs = gesture.startToMs - gesture.startFromMs;
    const deltaMs = -((x - gesture.startX) / widthPx) * spanMs;
    state.setViewport({ fromMs: gesture.startFromMs + deltaMs, toMs: gesture.startToMs + deltaMs });
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const gesture = gestureRef.current;
    gestureRef.current = null;
    if (gesture?.mode === 'pending') {
      const state = store.getState();
      state.setPlayhead(timeAtX(state.viewport, localX(event), widthPx));
    }
  };

  const onPointerLeave = () => {
    hoverMsRef.current = null;
    requestAnimationFrame(drawOverlay);
  };

  const counts = density === null ? [] : laneCountsInView(density, viewport);
  const totals = counts.reduce((sum, lane) => ({ events: sum.events + lane.events, errors: sum.errors + lane.errors, warnings: sum.warnings + lane.warnings }), {
    events: 0,
    errors: 0,
    warnings: 0,
  });

  return (
    <section className="panel timeline-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>Timeline</h2>
        <p className="timeline-summary" data-testid="timeline-summary">
          {formatUtcDateTime(viewport.fromMs)} to {formatUtcDateTime(viewport.toMs)} ({formatDuration(viewport.toMs - viewport.fromMs)}) ·{' '}
          {density === null
            ? 'loading…'
            : `${formatCountOf(totals.events, 'event')}, ${formatCountOf(totals.errors, 'error')}, ${formatCountOf(totals.warnings, 'warning')} in view across ${formatCountOf(counts.length, 'source')}`}
        </p>
        <div className="toolbar" role="group" aria-label="Zoom">
          <button type="button" onClick={() => store.getState().zoomBy(0.5)} aria-keyshortcuts="+" title="Zoom in (+)">
            Zoom in
          </button>
          <button type="button" onClick={() => store.getState().zoomBy(2)} aria-keyshortcuts="-" title="Zoom out (−)">
            Zoom out
          </button>
          <button type="button" onClick={() => store.getState().resetViewport()} aria-keyshortcuts="0" title="Show the whole incident (0)">
            Reset zoom
          </button>
        </div>
      </div>
      <div className="timeline-body">
        <ul className="lane-labels" aria-label="Lanes" style={{ paddingTop: AXIS_HEIGHT_PX }}>
          {counts.map((lane) => (
            <li key={lane.key} className="lane-label" style={{ height: LANE_HEIGHT_PX }} data-testid="lane-label">
              <span className="lane-name" title={lane.label}>
                {lane.label}
              </span>
              <span className="lane-counts" aria-hidden="true">
                {formatCount(lane.events)}
                {lane.errors > 0 && <span className="count-error"> · {formatCount(lane.errors)} err</span>}
                {lane.warnings > 0 && <span className="count-warn"> · {formatCount(lane.warnings)} warn</span>}
              </span>
              <span className="visually-hidden">
                {formatCountOf(lane.events, 'event')}, {formatCountOf(lane.errors, 'error')}, {formatCountOf(lane.warnings, 'warning')} in view
              </span>
            </li>
          ))}
        </ul>
        <div className="canvas-stack" ref={areaRef} style={{ height: heightPx + MARKER_STRIP_PX + RUNBOOK_STRIP_PX }}>
          <canvas ref={staticRef} className="timeline-static" data-testid="timeline-canvas" style={{ width: widthPx, height: heightPx }} aria-hidden="true" />
          <canvas
            ref={overlayRef}
            className="timeline-overlay"
            data-testid="timeline-overlay"
            style={{ width: widthPx, height: heightPx }}
            aria-hidden="true"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => (gestureRef.current = null)}
            onPointerLeave={onPointerLeave}
          />
          <AnnotationMarkers widthPx={widthPx} lanesHeightPx={heightPx} />
          <RunbookMarkers widthPx={widthPx} topPx={heightPx + MARKER_STRIP_PX} />
        </div>
      </div>
    </section>
  );
}
