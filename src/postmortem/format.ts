/** Text forms the postmortem prints: UTC instants and human durations. Inputs are UTC epoch ms / ms. */

/** `2024-05-02 14:00:03 UTC`; seconds precision, which is what a postmortem reader needs. */
export function utcText(tsMs: number | null): string {
  if (tsMs === null) return '—';
  return `${new Date(tsMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `14:00:03.250`: the time of day in UTC with milliseconds, for timeline tables. */
export function utcTimeOfDay(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(11, 23);
}

/** `1 h 05 min`, `4 min 05 s`, `12 s`, `850 ms`; `—` for null. Negative durations keep their sign. */
export function durationText(durationMs: number | null): string {
  if (durationMs === null) return '—';
  if (durationMs < 0) return `−${durationText(-durationMs)}`;
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  const totalS = Math.round(durationMs / 1000);
  const h = Math.floor(totalS / 3600);
  const min = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  if (h > 0) return `${h} h ${String(min).padStart(2, '0')} min`;
  if (min > 0) return `${min} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** `1,234`: counts with thousands separators, independent of the machine's locale. */
export function countText(n: number): string {
  return n.toLocaleString('en-US');
}
