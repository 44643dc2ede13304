/** Reads a UTC time typed by the user, for "Go to time". Pure, so it is unit-tested. */

const FULL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(?:Z|UTC)?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(?:Z|UTC)?$/i;

function clockMs(hours: string, minutes: string, seconds: string | undefined, millis: string | undefined): number | null {
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds ?? '0');
  if (h > 23 || m > 59 || s > 59) return null;
  return ((h * 60 + m) * 60 + s) * 1000 + Number((millis ?? '0').padEnd(3, '0'));
}

/**
 * UTC epoch ms for `YYYY-MM-DD HH:MM[:SS[.mmm]]` or, on the UTC day of `referenceMs`, `HH:MM[:SS[.mmm]]`;
 * an optional trailing `Z` or `UTC` is accepted. Null when the text is not such a time.
 */
export function parseUtcTime(text: string, referenceMs: number): number | null {
  const trimmed = text.trim();
  const full = FULL.exec(trimmed);
  if (full !== null) {
    const [, year, month, day, hours, minutes, seconds, millis] = full;
    const timeMs = clockMs(hours ?? '', minutes ?? '', seconds, millis);
    const dayMs = Date.UTC(Number(year), Number(month) - 1, Number(day));
    const check = new Date(dayMs);
    if (timeMs === null || check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return null;
    return dayMs + timeMs;
  }
  const clock = CLOCK.exec(trimmed);
  if (clock === null) return null;
  const [, hours, minutes, seconds, millis] = clock;
  const timeMs = clockMs(hours ?? '', minutes ?? '', seconds, millis);
  if (timeMs === null) return null;
  const dayStartMs = Math.floor(referenceMs / 86_400_000) * 86_400_000;
  return dayStartMs + timeMs;
}
