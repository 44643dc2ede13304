/** Wording of the rollout comparison in the UI: offsets from a rollout's start (T+) and host lists. */
import { formatDuration, formatUtcTime } from '../timeline/format-time';

/** An offset from a rollout's start: `T+47 min`, `T−2.0 min`. */
export function formatOffset(offsetMs: number): string {
  return `T${offsetMs < 0 ? '−' : '+'}${formatDuration(Math.abs(offsetMs))}`;
}

/** `0`, or `5: storage-19, storage-21, storage-25 and 2 more`. */
export function formatHostList(hosts: readonly string[], max = 3): string {
  if (hosts.length === 0) return '0';
  const shown = hosts.slice(0, max).join(', ');
  return `${hosts.length}: ${shown}${hosts.length > max ? ` and ${hosts.length - max} more` : ''}`;
}

/** `HH:MM:SS` UTC: a rollout's moments need no milliseconds. */
export function formatClock(tsMs: number): string {
  return formatUtcTime(tsMs).slice(0, 8);
}
