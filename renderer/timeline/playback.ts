/**
 * Playback maths, kept pure so it can be tested: where the playhead goes after one frame (direction,
 * loop over a selected range, skipping quiet stretches), and how J/K/L change direction and speed in
 * the convention of video editors (repeated L or J speeds up, K pauses).
 */
import { PLAYBACK_SPEEDS, type PlaybackSpeed } from '../state/store';

/** Wall time (ms) of a gap between events at playback speed above which "skip quiet stretches" jumps. */
export const QUIET_WALL_MS = 1500;

/** Wall time (ms) of lead-in left before the next event after a skip. */
export const SKIP_LEAD_WALL_MS = 250;

/** Everything one playback step depends on (times are UTC epoch ms). */
export interface PlaybackFrame {
  playheadMs: number;
  elapsedWallMs: number;
  speed: number;
  direction: 1 | -1;
  firstMs: number;
  lastMs: number;
  /** The range to loop over, or null. */
  loop: { fromMs: number; toMs: number } | null;
  /** The next event in the direction of play when skipping quiet stretches; null when not skipping or unknown. */
  nextEventMs: number | null;
}

/** Where the playhead goes and whether playback continues. */
export function nextPlayback(frame: PlaybackFrame): {
  playheadMs: number;
  isPlaying: boolean;
} {
  const { playheadMs, elapsedWallMs, speed, direction, firstMs, lastMs, loop, nextEventMs } = frame;
  let next = playheadMs + elapsedWallMs * speed * direction;
  if (nextEventMs !== null && (nextEventMs - playheadMs) * direction > speed * QUIET_WALL_MS) {
    next = Math.max(playheadMs * direction, (nextEventMs - speed * SKIP_LEAD_WALL_MS * direction) * direction) * direction;
  }
  if (loop !== null) {
    if (direction === 1 && (next > loop.toMs || next < loop.fromMs)) next = loop.fromMs;
    if (direction === -1 && (next < loop.fromMs || next > loop.toMs)) next = loop.toMs;
    return { playheadMs: next, isPlaying: true };
  }
  if (next >= lastMs) return { playheadMs: lastMs, isPlaying: direction === -1 };
  if (next <= firstMs) return { playheadMs: firstMs, isPlaying: direction === 1 };
  return { playheadMs: next, isPlaying: true };
}

/** Playback state J, K and L act on. */
export interface TransportState {
  isPlaying: boolean;
  direction: 1 | -1;
  speed: PlaybackSpeed;
}

/** The state after pressing J (reverse), K (pause) or L (forward): pressing the key of the current direction again speeds up. */
export function transportKey(key: 'j' | 'k' | 'l', state: TransportState): TransportState {
  if (key === 'k') return { ...state, isPlaying: false };
  const direction = key === 'l' ? 1 : -1;
  if (!state.isPlaying || state.direction !== direction) return { isPlaying: true, direction, speed: state.speed };
  const index = PLAYBACK_SPEEDS.indexOf(state.speed);
  return {
    isPlaying: true,
    direction,
    speed: PLAYBACK_SPEEDS[Math.min(index + 1, PLAYBACK_SPEEDS.length - 1)]!,
  };
}
