/** Plain wording shared by the detectors: clock times, durations, counts, host lists. Times are UTC. */

/** `HH:MM:SS` UTC. */
export function clock(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(11, 19);
}

/** A duration as "45 s", "4 min" or "2 h 5 min". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** An offset from a rollout's start: "T+0 s", "T+1 h 7 min", "T−2 min". */
export function offset(ms: number): string {
  return `T${ms < 0 ? '−' : '+'}${duration(Math.abs(ms))}`;
}

/** 1240 → "1,240". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "1 host", "38 hosts". */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Up to `max` names then "and N more". */
export function nameList(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** A template as SQL LIKE pattern (wildcards become `%`; `%`, `_` and `\` escaped with `\`). */
export function likePattern(template: string): string {
  return template
    .split('<*>')
    .map((part) => part.replace(/[\\%_]/g, (c) => `\\${c}`))
    .join('%');
}
