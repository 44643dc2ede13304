/**
 * The time axis in three readings: UTC, the browser's local time, or relative to the rollout start
 * ("T+12:30", "T−0:05"). Ticks are placed on round values of the reading, so relative ticks fall on
 * whole minutes after the start, not on UTC minutes.
 */
import type { AxisMode } from '../state/view-slice';
import { computeTicks, type AxisTick } from './time-axis';

/** What the axis needs to know: the reading and, for relative time, the origin (UTC epoch ms). */
export interface AxisReading {
  mode: AxisMode;
  originMs: number | null;
}

/** Offset (ms) added to UTC to get the reading's clock: local zone offset, or minus the origin. */
function shiftMs(reading: AxisReading, tsMs: number): number {
  if (reading.mode === 'local') return -new Date(tsMs).getTimezoneOffset() * 60_000;
  if (reading.mode === 'relative' && reading.originMs !== null) return -reading.originMs;
  return 0;
}

/** A duration as "T+h:mm:ss(.mmm)" with only the precision the step needs. */
export function formatRelative(deltaMs: number, stepMs = 1000): string {
  const sign = deltaMs < 0 ? '−' : '+';
  const abs = Math.abs(Math.round(deltaMs));
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  const millis = abs % 1000;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  let text = hours > 0 ? `${hours}:${mm}:${ss}` : `${minutes}:${ss}`;
  if (stepMs < 1000) text += `.${String(millis).padStart(3, '0')}`;
  return `T${sign}${text}`;
}

/** Ticks for `[fromMs, toMs]` in the given reading (labels included). */
export function axisTicks(fromMs: number, toMs: number, widthPx: number, reading: AxisReading): AxisTick[] {
  const shift = shiftMs(reading, fromMs);
  const ticks = computeTicks(fromMs + shift, toMs + shift, widthPx);
  if (reading.mode !== 'relative' || reading.originMs === null) return ticks.map((t) => ({ ...t, tsMs: t.tsMs - shift }));
  const stepMs = ticks.length > 1 ? ticks[1]!.tsMs - ticks[0]!.tsMs : 1000;
  return ticks.map((t) => ({
    ...t,
    tsMs: t.tsMs - shift,
    label: formatRelative(t.tsMs, stepMs),
    isDayStart: t.tsMs === 0,
  }));
}

/** One instant in the reading, for the playhead label and readouts ("14:00:00.000", "T+1:23:45.000"). */
export function formatInReading(tsMs: number, reading: AxisReading): string {
  if (reading.mode === 'relative' && reading.originMs !== null) return formatRelative(tsMs - reading.originMs, 1);
  const shifted = new Date(tsMs + shiftMs(reading, tsMs));
  return shifted.toISOString().slice(11, 23);
}
