/**
 * The two canvas layers of the timeline (Excalidraw/Perfetto style): `drawStaticLayer` paints the axis
 * and only the lanes scrolled into view (host lanes can be hundreds); `drawOverlayLayer` paints only
 * the playhead and hover line, so moving them never repaints the content. Sizes are CSS px; the canvases are scaled for the device pixel ratio.
 */
import type { DensityLane, DensityResult } from '../../src/model/timeline';
import { axisTicks, formatInReading, type AxisReading } from './axis-modes';
import { firstRowBelow, type LaneRow } from './lane-layout';
import { barHeightPx, xAtTime, type Viewport } from './viewport-maths';

/** Height of the time axis strip at the top, in CSS px. */
export const AXIS_HEIGHT_PX = 24;

/** Colours shared with the CSS (kept in one place for the canvas). */
export const TIMELINE_COLOURS = {
  background: '#12161c',
  laneAlt: '#151a21',
  laneDivider: '#232a33',
  axisText: '#9aa5b4',
  tick: '#2a323d',
  dayTick: '#4a5568',
  other: '#5f7f9f',
  warn: '#e0a030',
  error: '#ef5350',
  playhead: '#4fc3f7',
  hover: 'rgba(220, 230, 240, 0.45)',
  labelBackground: '#0b0e12',
  groupHeader: '#1b222c',
} as const;

/** Prepares a canvas for drawing `widthPx × heightPx` CSS pixels at the device pixel ratio. */
export function prepareCanvas(canvas: HTMLCanvasElement, widthPx: number, heightPx: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const backingWidth = Math.round(widthPx * ratio);
  const backingHeight = Math.round(heightPx * ratio);
  if (canvas.width !== backingWidth) canvas.width = backingWidth;
  if (canvas.height !== backingHeight) canvas.height = backingHeight;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, widthPx, heightPx);
  return ctx;
}

/** UTC: the reading when none is given. */
const UTC_READING: AxisReading = { mode: 'utc', originMs: null };

/** Draws the axis (in `reading`, UTC by default) and, under it, the rows of `rows` that show when the lanes are scrolled down `scrollTopPx`: backgrounds and density bars for `view`. */
export function drawStaticLayer(
  ctx: CanvasRenderingContext2D,
  density: DensityResult | null,
  rows: readonly LaneRow[],
  scrollTopPx: number,
  view: Viewport,
  widthPx: number,
  heightPx: number,
  reading: AxisReading = UTC_READING,
): void {
  ctx.fillStyle = TIMELINE_COLOURS.background;
  ctx.fillRect(0, 0, widthPx, heightPx);
  const ticks = axisTicks(view.fromMs, view.toMs, widthPx, reading);
  const lanesHeightPx = heightPx - AXIS_HEIGHT_PX;
  const first = firstRowBelow(rows, scrollTopPx);
  let last = first;
  while (last < rows.length && rows[last]!.topPx < scrollTopPx + lanesHeightPx) last += 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_HEIGHT_PX, widthPx, lanesHeightPx);
  ctx.clip();
  for (let index = first; index < last; index++) {
    const row = rows[index]!;
    const top = AXIS_HEIGHT_PX + row.topPx - scrollTopPx;
    if (row.kind === 'group' || index % 2 === 1) {
      ctx.fillStyle = row.kind === 'group' ? TIMELINE_COLOURS.groupHeader : TIMELINE_COLOURS.laneAlt;
      ctx.fillRect(0, top, widthPx, row.heightPx);
    }
    ctx.fillStyle = TIMELINE_COLOURS.laneDivider;
    ctx.fillRect(0, top + row.heightPx - 1, widthPx, 1);
  }
  for (const tick of ticks) {
    ctx.fillStyle = tick.isDayStart ? TIMELINE_COLOURS.dayTick : TIMELINE_COLOURS.tick;
    ctx.fillRect(Math.round(tick.xPx), AXIS_HEIGHT_PX, 1, lanesHeightPx);
  }
  if (density !== null) {
    for (let index = first; index < last; index++) {
      const row = rows[index]!;
      drawLaneBars(ctx, density, row.lane, AXIS_HEIGHT_PX + row.topPx - scrollTopPx + row.heightPx - 3, row.heightPx - 6, view, widthPx);
    }
  }
  ctx.restore();

  ctx.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
  ctx.textBaseline = 'middle';
  for (const tick of ticks) {
    const x = Math.round(tick.xPx) + 0.5;
    ctx.fillStyle = tick.isDayStart ? TIMELINE_COLOURS.dayTick : TIMELINE_COLOURS.tick;
    ctx.fillRect(x, AXIS_HEIGHT_PX - 6, 1, 6);
    ctx.fillStyle = TIMELINE_COLOURS.axisText;
    ctx.fillText(tick.label, x + 4, AXIS_HEIGHT_PX / 2);
  }
  ctx.fillStyle = TIMELINE_COLOURS.laneDivider;
  ctx.fillRect(0, AXIS_HEIGHT_PX - 1, widthPx, 1);
}

/** Draws one lane's density bars standing on `baselinePx`, at most `barSpacePx` tall (log scale per lane). */
function drawLaneBars(ctx: CanvasRenderingContext2D, density: DensityResult, lane: DensityLane, baselinePx: number, barSpacePx: number, view: Viewport, widthPx: number): void {
  const bucketWidthPx = Math.max(1, (density.bucketMs / (view.toMs - view.fromMs)) * widthPx);
  const firstBucket = Math.max(0, Math.floor((view.fromMs - density.fromMs) / density.bucketMs));
  const lastBucket = Math.min(density.bucketCount - 1, Math.ceil((view.toMs - density.fromMs) / density.bucketMs));
  const { other, warn, error } = lane.counts;
  let maxCount = 0;
  for (let b = firstBucket; b <= lastBucket; b += 1) {
    const total = (other[b] ?? 0) + (warn[b] ?? 0) + (error[b] ?? 0);
    if (total > maxCount) maxCount = total;
  }
  if (maxCount === 0) return;
  for (const band of ['other', 'warn', 'error'] as const) {
    ctx.fillStyle = TIMELINE_COLOURS[band];
    const counts = lane.counts[band];
    for (let b = firstBucket; b <= lastBucket; b += 1) {
      const count = band === 'other' ? (counts[b] ?? 0) + (warn[b] ?? 0) + (error[b] ?? 0) : (counts[b] ?? 0);
      if (count === 0) continue;
      const h = barHeightPx(count, maxCount, barSpacePx);
      const x = xAtTime(view, density.fromMs + b * density.bucketMs, widthPx);
      ctx.fillRect(Math.floor(x), baselinePx - h, Math.max(1, Math.ceil(bucketWidthPx)), h);
    }
  }
}

/** Draws the selected range, the playhead (with its time in `reading`) and, when hovering, a faint line under the cursor. */
export function drawOverlayLayer(
  ctx: CanvasRenderingContext2D,
  view: Viewport,
  widthPx: number,
  heightPx: number,
  playheadMs: number,
  hoverMs: number | null,
  reading: AxisReading = UTC_READING,
  selectedRange: { fromMs: number; toMs: number } | null = null,
): void {
  if (selectedRange !== null) {
    const fromX = xAtTime(view, selectedRange.fromMs, widthPx);
    const toX = xAtTime(view, selectedRange.toMs, widthPx);
    ctx.fillStyle = 'rgba(79, 195, 247, 0.16)';
    ctx.fillRect(fromX, AXIS_HEIGHT_PX, toX - fromX, heightPx - AXIS_HEIGHT_PX);
    ctx.fillStyle = TIMELINE_COLOURS.playhead;
    ctx.fillRect(fromX, AXIS_HEIGHT_PX, 1, heightPx - AXIS_HEIGHT_PX);
    ctx.fillRect(toX, AXIS_HEIGHT_PX, 1, heightPx - AXIS_HEIGHT_PX);
  }
  ctx.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
  ctx.textBaseline = 'middle';
  if (hoverMs !== null) {
    const x = Math.round(xAtTime(view, hoverMs, widthPx)) + 0.5;
    ctx.fillStyle = TIMELINE_COLOURS.hover;
    ctx.fillRect(x, AXIS_HEIGHT_PX, 1, heightPx - AXIS_HEIGHT_PX);
  }
  const x = Math.round(xAtTime(view, playheadMs, widthPx));
  if (x < -2 || x > widthPx + 2) return;
  ctx.fillStyle = TIMELINE_COLOURS.playhead;
  ctx.fillRect(x - 1, 0, 2, heightPx);
  ctx.beginPath();
  ctx.moveTo(x - 6, 0);
  ctx.lineTo(x + 6, 0);
  ctx.lineTo(x, 8);
  ctx.closePath();
  ctx.fill();
  const label = formatInReading(playheadMs, reading);
  const labelWidthPx = ctx.measureText(label).width + 10;
  const labelX = x + labelWidthPx + 8 > widthPx ? x - labelWidthPx - 6 : x + 6;
  ctx.fillStyle = TIMELINE_COLOURS.labelBackground;
  ctx.fillRect(labelX, 3, labelWidthPx, AXIS_HEIGHT_PX - 6);
  ctx.fillStyle = TIMELINE_COLOURS.playhead;
  ctx.fillText(label, labelX + 5, AXIS_HEIGHT_PX / 2);
}
