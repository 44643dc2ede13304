/**
 * Ticks for the UTC time axis at any zoom, from days down to milliseconds. Steps are "nice" UTC
 * units (1/2/5 ms … 1 s, 2 s … 1 min … 1 h … 1 d …) so labels land on round clock times.
 */
import { formatUtcDate, formatUtcTime } from './format-time';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Candidate tick steps in ms, smallest first. */
export const TICK_STEPS_MS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND_MS, 2 * SECOND_MS, 5 * SECOND_MS, 10 * SECOND_MS, 15 * SECOND_MS, 30 * SECOND_MS,
  MINUTE_MS, 2 * MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS,
  HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS,
  DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS, 30 * DAY_MS, 90 * DAY_MS, 365 * DAY_MS,
];

/** One tick: where it is, what it says, and whether it starts a new UTC day (drawn stronger). */
export interface AxisTick {
  tsMs: number;
  xPx: number;
  label: string;
  isDayStart: boolean;
}

/** The smallest nice step that keeps ticks at least `minSpacingPx` apart. */
export function chooseTickStepMs(spanMs: number, widthPx: number, minSpacingPx: number): number {
  if (widthPx <= 0 || spanMs <= 0) return TICK_STEPS_MS[TICK_STEPS_MS.length - 1] ?? DAY_MS;
  const minStepMs = (spanMs / widthPx) * minSpacingPx;
  for (const stepMs of TICK_STEPS_MS) if (stepMs >= minStepMs) return stepMs;
  return TICK_STEPS_MS[TICK_STEPS_MS.length - 1] ?? DAY_MS;
}

/** How a tick at `tsMs` reads, given the step: no more precision than the step needs. */
export function tickLabel(tsMs: number, stepMs: number): string {
  const isDayStart = tsMs % DAY_MS === 0;
  if (stepMs >= DAY_MS || (isDayStart && stepMs >= MINUTE_MS)) return formatUtcDate(tsMs);
  const full = formatUtcTime(tsMs);
  if (stepMs >= MINUTE_MS) return full.slice(0, 5);
  if (stepMs >= SECOND_MS) return full.slice(0, 8);
  return full;
}

/** Ticks for the visible range `[fromMs, toMs]` drawn over `widthPx`. */
export function computeTicks(fromMs: number, toMs: number, widthPx: number, minSpacingPx = 96): AxisTick[] {
  const spanMs = toMs - fromMs;
  if (spanMs <= 0 || widthPx <= 0) return [];
  const stepMs = chooseTickStepMs(spanMs, widthPx, minSpacingPx);
  const ticks: AxisTick[] = [];
  for (let tsMs = Math.ceil(fromMs / stepMs) * stepMs; tsMs <= toMs; tsMs += stepMs) {
    ticks.push({
      tsMs,
      xPx: ((tsMs - fromMs) / spanMs) * widthPx,
      label: tickLabel(tsMs, stepMs),
      isDayStart: tsMs % DAY_MS === 0,
    });
  }
  return ticks;
}
