/**
 * The timeline panel: one lane per source, host (under folding group headers), group or service on two stacked canvases (static content,
 * interactive overlay), lane labels and a text summary beside them. Wheel zooms around the cursor,
 * dragging pans, clicking or dragging the playhead moves it, shift-drag selects a range (brush),
 * double-click zooms in there (or to the selection when clicked inside it).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent, type UIEvent as ReactUIEvent } from 'react';
import type { DensityLane } from '../../src/model/timeline';
import { AnnotationMarkers, MARKER_STRIP_PX } from '../panels/AnnotationMarkers';
import { RUNBOOK_STRIP_PX, RunbookMarkers } from '../runbooks/RunbookMarkers';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useHindsight } from '../state/app-context';
import type { AxisMode } from '../state/view-slice';
import type { AxisReading } from './axis-modes';
import { useStoreFrameEffect } from '../state/use-store-effect';
import { AXIS_HEIGHT_PX, drawOverlayLayer, drawStaticLayer, prepareCanvas } from './draw-timeline';
import { formatCountOf, formatDuration, formatUtcDateTime } from './format-time';
import { LaneLabels } from './LaneLabels';
import { hostKeysAround, layoutLanes, MIN_LANE_HEIGHT_PX, rowsHeightPx, withLanes, type LaneRow, type TimelineLaneBy } from './lane-layout';
import { laneCountsInView } from './lane-summary';
import { useDensity } from './use-density';
import { useHostGroups } from './use-host-groups';
import { useLaneTotals } from './use-lane-totals';
import { timeAtX, xAtTime } from './viewport-maths';

/** Pointer travel (CSS px) before a press on the canvas becomes a pan instead of a click. */
const DRAG_THRESHOLD_PX = 3;

/** Distance (CSS px) from the playhead within which a press grabs it. */
const PLAYHEAD_GRAB_PX = 6;

type Gesture =
  | { mode: 'playhead' }
  | { mode: 'brush'; startMs: number }
  | {
      mode: 'pending' | 'pan';
      startX: number;
      startFromMs: number;
      startToMs: number;
    };

/** Lane kinds offered, with the noun the summary uses. */
const LANE_KINDS: readonly { value: TimelineLaneBy; label: string; noun: string }[] = [
  { value: 'source', label: 'Source', noun: 'source' },
  { value: 'host', label: 'Host (by group)', noun: 'host' },
  { value: 'group', label: 'Group', noun: 'group' },
  { value: 'service', label: 'Service', noun: 'service' },
];

/** The lane drawn for a row whose counts in view have not arrived yet (nothing drawn, labelled as loading). */
const PENDING_LANE: DensityLane = { key: '', label: '', total: 0, counts: { error: [], warn: [], other: [] } };

/** Host rows asked for beyond those showing, either side, so short scrolls need no new request. */
const OVERSCAN_ROWS = 12;

/** For lanes by host: the host keys to ask counts for, kept while every showing row is among them. */
function nextWindow(current: readonly string[] | null, rows: readonly LaneRow[], scrollTopPx: number, boxHeightPx: number): readonly string[] {
  const showing = hostKeysAround(rows, scrollTopPx, boxHeightPx, 0);
  if (current !== null && showing.every((key) => current.includes(key))) return current;
  return hostKeysAround(rows, scrollTopPx, boxHeightPx, OVERSCAN_ROWS);
}

/** The tallest the lanes box gets before it scrolls: this share of the window height, within bounds (CSS px). */
function maxLanesPxFor(windowHeightPx: number): number {
  return Math.min(520, Math.max(120, Math.round(windowHeightPx * 0.3)));
}

/** Axis readings offered. */
const AXIS_MODES: readonly { value: AxisMode; label: string }[] = [
  { value: 'utc', label: 'UTC' },
  { value: 'local', label: 'Local time' },
  { value: 'relative', label: 'T+ from rollout start' },
];

/** The axis reading in the store (a stable object while mode and origin are unchanged). */
function readingOf(mode: AxisMode, originMs: number | null): AxisReading {
  return { mode, originMs };
}

/** The timeline panel. */
export function Timeline() {
  const { store } = useApp();
  const headingId = useId();
  const areaRef = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const hoverMsRef = useRef<number | null>(null);
  const gestureRef = useRef<Gesture | null>(null);
  const scrollTopRef = useRef(0);
  const [widthPx, setWidthPx] = useState(0);
  const [windowHeightPx, setWindowHeightPx] = useState(() => window.innerHeight);
  const viewport = useHindsight((s) => s.viewport);
  const [laneBy, axisMode, rolloutStartMs, selectedRange, collapsedGroups] = useHindsight(
    useShallow((s) => [s.laneBy, s.axisMode, s.rolloutStartMs, s.selectedRange, s.collapsedGroups] as const),
  );
  const groupOf = useHostGroups(laneBy === 'host' || laneBy === 'group');
  const incidentLanes = useLaneTotals(laneBy);
  const layout = useMemo(() => (incidentLanes === null ? [] : layoutLanes(incidentLanes, { laneBy, groupOf, collapsedGroups })), [incidentLanes, laneBy, groupOf, collapsedGroups]);
  const laneNoun = LANE_KINDS.find((kind) => kind.value === laneBy)?.noun ?? 'lane';
  const laneSelectId = useId();
  const axisSelectId = useId();
  const heightPx = AXIS_HEIGHT_PX + Math.max(MIN_LANE_HEIGHT_PX, Math.min(rowsHeightPx(layout), maxLanesPxFor(windowHeightPx)));
  const [windowKeys, setWindowKeys] = useState<readonly string[] | null>(null);
  useEffect(() => {
    setWindowKeys(laneBy === 'host' && incidentLanes !== null ? nextWindow(null, layout, scrollTopRef.current, heightPx - AXIS_HEIGHT_PX) : null);
  }, [laneBy, incidentLanes, layout, heightPx]);
  const answer = useDensity(widthPx, laneBy, windowKeys);
  const density = answer?.density ?? null;
  const rows = useMemo(() => (answer === null ? layout : withLanes(layout, answer.lanesByKey, PENDING_LANE)), [layout, answer]);

  useEffect(() => {
    const onResize = () => setWindowHeightPx(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

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
    const { viewport: view, playheadMs, axisMode: mode, rolloutStartMs: originMs, selectedRange: range } = store.getState();
    if (ctx !== null) drawOverlayLayer(ctx, view, widthPx, heightPx, playheadMs, hoverMsRef.current, readingOf(mode, originMs), range);
  }, [store, widthPx, heightPx]);

  const drawStatic = useCallback(() => {
    const canvas = staticRef.current;
    if (canvas === null || widthPx <= 0) return;
    const ctx = prepareCanvas(canvas, widthPx, heightPx);
    const { viewport: view, axisMode: mode, rolloutStartMs: originMs } = store.getState();
    if (ctx !== null) drawStaticLayer(ctx, density, rows, scrollTopRef.current, view, widthPx, heightPx, readingOf(mode, originMs));
    drawOverlay();
  }, [store, density, rows, widthPx, heightPx, drawOverlay]);

  useStoreFrameEffect((s) => s.viewport, drawStatic);
  useStoreFrameEffect((s) => s.playheadMs, drawOverlay);
  useStoreFrameEffect((s) => s.selectedRange, drawOverlay);

  useEffect(drawStatic, [drawStatic, axisMode, rolloutStartMs]);

  const onLanesScroll = (event: ReactUIEvent<HTMLDivElement>) => {
    scrollTopRef.current = event.currentTarget.scrollTop;
    requestAnimationFrame(drawStatic);
    if (laneBy === 'host') setWindowKeys((current) => nextWindow(current, layout, scrollTopRef.current, heightPx - AXIS_HEIGHT_PX));
  };

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
    if (event.shiftKey) {
      const startMs = timeAtX(view, x, widthPx);
      gestureRef.current = { mode: 'brush', startMs };
      store.getState().setSelectedRange(null);
      return;
    }
    if (isOnAxis || Math.abs(x - xAtTime(view, playheadMs, widthPx)) <= PLAYHEAD_GRAB_PX) {
      gestureRef.current = { mode: 'playhead' };
      setPlayhead(timeAtX(view, x, widthPx));
      return;
    }
    gestureRef.current = {
      mode: 'pending',
      startX: x,
      startFromMs: view.fromMs,
      startToMs: view.toMs,
    };
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
    if (gesture.mode === 'brush') {
      const atMs = timeAtX(state.viewport, x, widthPx);
      const range = {
        fromMs: Math.round(Math.min(gesture.startMs, atMs)),
        toMs: Math.round(Math.max(gesture.startMs, atMs)),
      };
      state.setSelectedRange(range.toMs - range.fromMs >= 1 ? range : null);
      return;
    }
    if (gesture.mode === 'pending' && Math.abs(x - gesture.startX) < DRAG_THRESHOLD_PX) return;
    gestureRef.current = { ...gesture, mode: 'pan' };
    const spanMs = gesture.startToMs - gesture.startFromMs;
    const deltaMs = -((x - gesture.startX) / widthPx) * spanMs;
    state.setViewport({
      fromMs: gesture.startFromMs + deltaMs,
      toMs: gesture.startToMs + deltaMs,
    });
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const gesture = gestureRef.current;
    gestureRef.current = null;
    if (gesture?.mode === 'pending') {
      const state = store.getState();
      state.setPlayhead(timeAtX(state.viewport, localX(event), widthPx));
    }
  };

  const onDoubleClick = (event: ReactMouseEvent<HTMLCanvasElement>) => {
    const state = store.getState();
    const atMs = timeAtX(state.viewport, event.clientX - event.currentTarget.getBoundingClientRect().left, widthPx);
    const range = state.selectedRange;
    if (range !== null && atMs >= range.fromMs && atMs <= range.toMs) state.setViewport(range);
    else state.zoomBy(0.25, atMs);
  };

  const onPointerLeave = () => {
    hoverMsRef.current = null;
    requestAnimationFrame(drawOverlay);
  };

  const counts = answer === null ? [] : laneCountsInView(answer.density, viewport, answer.summaryLanes);
  const rowCounts =
    density === null
      ? rows.map((row) => ({ key: row.key, label: row.label, events: 0, errors: 0, warnings: 0, isPending: true }))
      : laneCountsInView(density, viewport, rows.map((row) => row.lane)).map((counts, index) => (rows[index]!.lane === PENDING_LANE ? { ...counts, isPending: true } : counts));
  const laneTotal = incidentLanes?.length ?? 0;
  const sums = counts.reduce(
    (sum, lane) => ({
      events: sum.events + lane.events,
      errors: sum.errors + lane.errors,
      warnings: sum.warnings + lane.warnings,
    }),
    {
      events: 0,
      errors: 0,
      warnings: 0,
    },
  );

  return (
    <section className="panel timeline-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>Timeline</h2>
        <p className="timeline-summary" data-testid="timeline-summary">
          {formatUtcDateTime(viewport.fromMs)} to {formatUtcDateTime(viewport.toMs)} ({formatDuration(viewport.toMs - viewport.fromMs)}) ·{' '}
          {density === null || incidentLanes === null
            ? 'loading…'
            : `${formatCountOf(sums.events, 'event')}, ${formatCountOf(sums.errors, 'error')}, ${formatCountOf(sums.warnings, 'warning')} in view across ${formatCountOf(laneTotal, laneNoun)}`}
        </p>
        <div className="timeline-view-controls" role="group" aria-label="Timeline view">
          <label htmlFor={laneSelectId}>Lanes by</label>
          <select id={laneSelectId} value={laneBy} onChange={(e) => store.getState().setLaneBy(e.target.value as TimelineLaneBy)}>
            {LANE_KINDS.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
          <label htmlFor={axisSelectId}>Time axis</label>
          <select id={axisSelectId} value={axisMode} onChange={(e) => store.getState().setAxisMode(e.target.value as AxisMode)}>
            {AXIS_MODES.map((mode) => (
              <option key={mode.value} value={mode.value} disabled={mode.value === 'relative' && rolloutStartMs === null}>
                {mode.label}
              </option>
            ))}
          </select>
          <button type="button" disabled={selectedRange === null} onClick={() => selectedRange !== null && store.getState().setViewport(selectedRange)}>
            Zoom to selection
          </button>
          <button type="button" disabled={selectedRange === null} onClick={() => store.getState().setSelectedRange(null)}>
            Clear selection
          </button>
          <span className="range-readout muted" data-testid="selected-range">
            {selectedRange === null
              ? 'No range selected (shift-drag to select)'
              : `Selected ${formatUtcDateTime(selectedRange.fromMs)} to ${formatUtcDateTime(selectedRange.toMs)} (${formatDuration(selectedRange.toMs - selectedRange.fromMs)})`}
          </span>
        </div>
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
        <div className="timeline-gutter">
          <div className="lane-scroller" style={{ height: heightPx }} onScroll={onLanesScroll} data-testid="lane-scroller">
            <div className="lane-scroller-head" style={{ height: AXIS_HEIGHT_PX }} aria-hidden="true">
              {formatCountOf(laneTotal, laneNoun)}
            </div>
            <LaneLabels rows={rows} counts={rowCounts} />
          </div>
          <div className="strip-label" style={{ height: MARKER_STRIP_PX }} aria-hidden="true">
            Notes <span className="strip-hint">press A to add one</span>
          </div>
          <div className="strip-label" style={{ height: RUNBOOK_STRIP_PX }} aria-hidden="true">
            Runbooks <span className="strip-hint">click a bar to open it</span>
          </div>
        </div>
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
            onDoubleClick={onDoubleClick}
          />
          <AnnotationMarkers widthPx={widthPx} lanesHeightPx={heightPx} />
          <RunbookMarkers widthPx={widthPx} topPx={heightPx + MARKER_STRIP_PX} />
        </div>
      </div>
    </section>
  );
}
