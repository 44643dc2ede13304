/** What each key does to the playhead slider: a pure function so it can be tested without a DOM. */

/** Where the playhead goes for `key`, or null when the key is not the slider's. Steps scale with the visible span. */
export function playheadForKey(key: string, playheadMs: number, visibleSpanMs: number, firstMs: number, lastMs: number): number | null {
  const smallStepMs = Math.max(1, Math.round(visibleSpanMs / 100));
  const bigStepMs = Math.max(1, Math.round(visibleSpanMs / 10));
  let next: number;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      next = playheadMs + smallStepMs;
      break;
    case 'ArrowLeft':
    case 'ArrowDown':
      next = playheadMs - smallStepMs;
      break;
    case 'PageUp':
      next = playheadMs + bigStepMs;
      break;
    case 'PageDown':
      next = playheadMs - bigStepMs;
      break;
    case 'Home':
      next = firstMs;
      break;
    case 'End':
      next = lastMs;
      break;
    default:
      return null;
  }
  return Math.min(Math.max(next, firstMs), lastMs);
}
