/** Text forms of times, counts and sizes used across the UI. Every time is shown in UTC. */

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `HH:MM:SS.mmm` in UTC, for event rows and the playhead readout. */
export function formatUtcTime(tsMs: number): string {
  const d = new Date(tsMs);
  return `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `YYYY-MM-DD` in UTC. */
export function formatUtcDate(tsMs: number): string {
  const d = new Date(tsMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** `YYYY-MM-DD HH:MM:SS.mmm UTC`: the unambiguous form for the playhead and screen readers. */
export function formatUtcDateTime(tsMs: number): string {
  return `${formatUtcDate(tsMs)} ${formatUtcTime(tsMs)} UTC`;
}

/** A count with thousands separators (`12,345`), independent of the machine's locale. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/** A byte size in B, KB, MB or GB (powers of 1024), one decimal above bytes. */
export function formatBytes(sizeBytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = sizeBytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A duration in the largest sensible unit (`250 ms`, `4.5 s`, `12 min`, `3.2 h`, `2.0 d`). */
export function formatDuration(durationMs: number): string {
  const abs = Math.abs(durationMs);
  if (abs < 1000) return `${Math.round(durationMs)} ms`;
  if (abs < 60_000) return `${(durationMs / 1000).toFixed(abs < 10_000 ? 1 : 0)} s`;
  if (abs < 3_600_000) return `${(durationMs / 60_000).toFixed(abs < 600_000 ? 1 : 0)} min`;
  if (abs < 86_400_000) return `${(durationMs / 3_600_000).toFixed(1)} h`;
  return `${(durationMs / 86_400_000).toFixed(1)} d`;
}

/** A file name suggestion for a new incident: `incident-YYYYMMDD-HHMM.hindsight` at `nowMs` (UTC). */
export function defaultIncidentFileName(nowMs: number): string {
  const d = new Date(nowMs);
  return `incident-${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}-${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}.hindsight`;
}

/** `1 source`, `2 sources`, `12,345 events`: a count with its noun in the right number. */
export function formatCountOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
