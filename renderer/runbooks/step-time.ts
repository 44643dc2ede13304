/**
 * When a tick is placed on the timeline. During a live incident it is now; when the incident is in the
 * past (a reconstruction, a postmortem) "now" would fall far off the timeline, so it is the playhead.
 */

/** Where step records go: the wall clock, or the playhead. */
export type StepTimeMode = 'now' | 'playhead';

/** How far past the incident's last event "now" still counts as live, in ms. */
export const LIVE_SLACK_MS = 6 * 3_600_000;

/** The default mode for an incident whose last event is at `lastTsMs`, at wall-clock `nowMs`. */
export function defaultStepTimeMode(lastTsMs: number | null, nowMs: number): StepTimeMode {
  return lastTsMs !== null && nowMs <= lastTsMs + LIVE_SLACK_MS ? 'now' : 'playhead';
}

/** The incident time a step recorded now is placed at, in `mode`. */
export function stepTimeMsFor(mode: StepTimeMode, playheadMs: number): number {
  return mode === 'now' ? Date.now() : playheadMs;
}
