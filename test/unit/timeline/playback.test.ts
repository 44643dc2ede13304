import { describe, expect, it } from 'vitest';
import { nextPlayback, transportKey, type PlaybackFrame } from '../../../renderer/timeline/playback';
import { formatRelative, axisTicks } from '../../../renderer/timeline/axis-modes';
import { buildMarkers, stepMarker } from '../../../renderer/timeline/timeline-markers';

const base: PlaybackFrame = {
  playheadMs: 1000,
  elapsedWallMs: 16,
  speed: 60,
  direction: 1,
  firstMs: 0,
  lastMs: 1_000_000,
  loop: null,
  nextEventMs: null,
};

describe('playback', () => {
  it('moves forward and backward at speed, stopping at either end', () => {
    expect(nextPlayback(base)).toEqual({ playheadMs: 1960, isPlaying: true });
    expect(nextPlayback({ ...base, direction: -1 })).toEqual({
      playheadMs: 40,
      isPlaying: true,
    });
    expect(nextPlayback({ ...base, direction: -1, playheadMs: 500 })).toEqual({
      playheadMs: 0,
      isPlaying: false,
    });
    expect(nextPlayback({ ...base, playheadMs: 999_999 })).toEqual({
      playheadMs: 1_000_000,
      isPlaying: false,
    });
  });

  it('loops over the selected range in either direction', () => {
    const loop = { fromMs: 1000, toMs: 1500 };
    expect(nextPlayback({ ...base, playheadMs: 1490, loop })).toEqual({
      playheadMs: 1000,
      isPlaying: true,
    });
    expect(nextPlayback({ ...base, playheadMs: 1010, loop, direction: -1 })).toEqual({ playheadMs: 1500, isPlaying: true });
  });

  it('skips a quiet stretch to just before the next event, but not a short gap', () => {
    const far = nextPlayback({ ...base, nextEventMs: 500_000 });
    expect(far.playheadMs).toBe(500_000 - 60 * 250);
    expect(nextPlayback({ ...base, nextEventMs: 5000 }).playheadMs).toBe(1960);
    expect(
      nextPlayback({
        ...base,
        direction: -1,
        playheadMs: 900_000,
        nextEventMs: 100_000,
      }).playheadMs,
    ).toBe(100_000 + 60 * 250);
  });

  it('follows the J/K/L convention: repeat speeds up, the other way reverses, K pauses', () => {
    const paused = {
      isPlaying: false,
      direction: 1 as const,
      speed: 60 as const,
    };
    const forward = transportKey('l', paused);
    expect(forward).toEqual({ isPlaying: true, direction: 1, speed: 60 });
    expect(transportKey('l', forward)).toEqual({
      isPlaying: true,
      direction: 1,
      speed: 600,
    });
    expect(transportKey('j', forward)).toEqual({
      isPlaying: true,
      direction: -1,
      speed: 60,
    });
    expect(transportKey('k', forward).isPlaying).toBe(false);
    expect(transportKey('l', { isPlaying: true, direction: 1, speed: 3600 }).speed).toBe(3600);
  });
});

describe('time axis readings', () => {
  it('writes relative time as T+ and T−', () => {
    expect(formatRelative(12 * 60_000 + 30_000)).toBe('T+12:30');
    expect(formatRelative(-5000)).toBe('T−0:05');
    expect(formatRelative(3_723_000)).toBe('T+1:02:03');
  });

  it('places relative ticks on whole minutes after the origin', () => {
    const originMs = Date.UTC(2026, 10, 10, 11, 0, 3, 200);
    const ticks = axisTicks(originMs - 60_000, originMs + 9 * 60_000, 1000, {
      mode: 'relative',
      originMs,
    });
    expect(ticks.map((t) => t.label)).toContain('T+5:00');
    expect(ticks.every((t) => (t.tsMs - originMs) % 60_000 === 0)).toBe(true);
  });
});

describe('markers', () => {
  it('orders deploy markers and pages and steps between deploy markers', () => {
    const markers = buildMarkers(
      [
        {
          id: 'r',
          fromVersion: '1',
          toVersion: '2',
          startMs: 100,
          endMs: 900,
          hostCount: 3,
          phaseCounts: {
            pending: 0,
            updating: 0,
            done: 3,
            failed: 0,
            rolled_back: 0,
            not_in_rollout: 0,
          },
          waves: [{ wave: 1, startMs: 100, endMs: 300, hostCount: 3 }],
          markers: [
            {
              tsMs: 600,
              eventId: 7,
              kind: 'rollout.paused',
              message: 'paused',
            },
          ],
        },
      ],
      [
        {
          id: 9,
          sourceId: 1,
          tsMs: 400,
          tsSubNs: 0,
          endMs: null,
          host: 'h',
          service: null,
          level: 'fatal',
          kind: null,
          message: 'down',
        },
      ],
    );
    expect(markers.map((m) => m.kind)).toEqual(['deploy', 'page', 'deploy']);
    expect(stepMarker(markers, 100, 'next', 'deploy')?.eventId).toBe(7);
    expect(stepMarker(markers, 600, 'previous', 'deploy')?.tsMs).toBe(100);
    expect(stepMarker(markers, 600, 'next', 'deploy')).toBeNull();
  });
});

describe('view links', () => {
  it('round-trips a view and ignores a hash without one', async () => {
    const { decodeViewLink, encodeViewLink } = await import('../../../renderer/state/view-link');
    const view = {
      playheadMs: 1_800_000_000_123,
      viewport: { fromMs: 1_800_000_000_000, toMs: 1_800_000_600_000 },
      filterText: 'host:storage-* "rsync panic"',
      laneBy: 'host' as const,
      collapsedGroups: ['api', 'storage pool, east'],
      axisMode: 'relative' as const,
      selectedRange: { fromMs: 1_800_000_100_000, toMs: 1_800_000_200_000 },
    };
    expect(decodeViewLink(`#${encodeViewLink(view)}`)).toEqual(view);
    expect(decodeViewLink('#lanes=host')).toBeNull();
    expect(decodeViewLink('t=1&from=5&to=2')).toBeNull();
    expect(decodeViewLink('t=1&from=5')).toBeNull();
    expect(decodeViewLink('#t=1794319200000')).toMatchObject({ playheadMs: 1794319200000, viewport: null, laneBy: 'source' });
  });
});
