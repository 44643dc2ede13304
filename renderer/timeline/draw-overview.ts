/** Paints the overview strip's density: stacked bars per bucket (errors, warnings, the rest), log-scaled to the strip height. */
import type { DensityResult } from '../../src/model/timeline';
import { prepareCanvas, TIMELINE_COLOURS } from './draw-timeline';
import { sumLanes } from './use-overview-density';

/** Height of the overview density, in CSS px (the track's inner height). */
export const OVERVIEW_HEIGHT_PX = 24;

/** Draws `density` across a canvas `widthPx` wide. */
export function drawOverviewDensity(canvas: HTMLCanvasElement, density: DensityResult, widthPx: number): void {
  canvas.style.width = `${widthPx}px`;
  canvas.style.height = `${OVERVIEW_HEIGHT_PX}px`;
  const ctx = prepareCanvas(canvas, widthPx, OVERVIEW_HEIGHT_PX);
  if (ctx === null) return;
  const sums = sumLanes(density);
  let peak = 1;
  for (let i = 0; i < density.bucketCount; i++) peak = Math.max(peak, sums.error[i]! + sums.warn[i]! + sums.other[i]!);
  const scale = (n: number) => (n <= 0 ? 0 : Math.max(1, (Math.log1p(n) / Math.log1p(peak)) * OVERVIEW_HEIGHT_PX));
  const barPx = widthPx / density.bucketCount;
  for (let i = 0; i < density.bucketCount; i++) {
    const x = i * barPx;
    const w = Math.max(1, barPx - 0.3);
    const total = sums.error[i]! + sums.warn[i]! + sums.other[i]!;
    if (total === 0) continue;
    const totalPx = scale(total);
    const errorPx = sums.error[i]! > 0 ? Math.max(2, (sums.error[i]! / total) * totalPx) : 0;
    const warnPx = sums.warn[i]! > 0 ? Math.max(1, (sums.warn[i]! / total) * totalPx) : 0;
    ctx.fillStyle = TIMELINE_COLOURS.other;
    ctx.fillRect(x, OVERVIEW_HEIGHT_PX - totalPx, w, totalPx);
    ctx.fillStyle = TIMELINE_COLOURS.warn;
    ctx.fillRect(x, OVERVIEW_HEIGHT_PX - errorPx - warnPx, w, warnPx);
    ctx.fillStyle = TIMELINE_COLOURS.error;
    ctx.fillRect(x, OVERVIEW_HEIGHT_PX - errorPx, w, errorPx);
  }
}
