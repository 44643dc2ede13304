/** The rollout model's compact event times give back every (time, id) pair exactly, and the right last event at any instant. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventTimesBuilder, lastEventAtOrBefore, packEventTimes, unpackEventTimes } from '../../../src/replay/event-times';

/** Sorted (time, id) pairs: bursts at one millisecond, gaps of minutes and of years (past a 32-bit offset), ids that jump. */
const pairs = fc
  .array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 600_000 }), fc.constant(2 ** 32 + 7)), fc.oneof(fc.integer({ min: -300, max: 300 }), fc.constant(2 ** 40))), {
    maxLength: 500,
  })
  .map((steps) => {
    let tsMs = Date.UTC(2025, 0, 1);
    let id = 1_000;
    return steps
      .map(([gap, jump]) => {
        tsMs += gap;
        id += jump;
        return [tsMs, id] as const;
      })
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  });

describe('event times', () => {
  it('unpack to exactly the pairs packed', () => {
    fc.assert(
      fc.property(pairs, (events) => {
        const back = unpackEventTimes(packEventTimes(events.map((e) => e[0]), events.map((e) => e[1])));
        expect(Array.from(back.tsMs)).toEqual(events.map((e) => e[0]));
        expect(Array.from(back.ids)).toEqual(events.map((e) => e[1]));
      }),
      { numRuns: 300 },
    );
  });

  it('come out sorted from pairs added in any order', () => {
    fc.assert(
      fc.property(pairs.chain((events) => fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })), (shuffled) => {
        const builder = new EventTimesBuilder();
        for (const [tsMs, id] of shuffled) builder.push(tsMs, id);
        const sorted = [...shuffled].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(builder.finish()).toEqual(packEventTimes(sorted.map((e) => e[0]), sorted.map((e) => e[1])));
      }),
      { numRuns: 300 },
    );
  });

  it('find the last event at or before any instant, as a scan of the pairs does', () => {
    fc.assert(
      fc.property(pairs, fc.array(fc.integer({ min: -5, max: 505 }), { maxLength: 20 }), (events, probes) => {
        const packed = packEventTimes(events.map((e) => e[0]), events.map((e) => e[1]));
        const instants = probes.map((p) => (events.length === 0 ? p : events[Math.min(events.length - 1, Math.max(0, p))]![0] + (p % 3) - 1));
        for (const tsMs of instants) {
          const before = events.filter((e) => e[0] <= tsMs);
          const expected = before.length === 0 ? null : { tsMs: before[before.length - 1]![0], id: before[before.length - 1]![1] };
          expect(lastEventAtOrBefore(packed, tsMs)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('take about 8 bytes an event', () => {
    const tsMs = Array.from({ length: 10_000 }, (_, i) => Date.UTC(2025, 0, 1) + i * 250);
    const packed = packEventTimes(tsMs, tsMs.map((_, i) => 5 + i * 190));
    const bytes = Object.values(packed).reduce((sum, array: ArrayBufferView) => sum + array.byteLength, 0);
    expect(bytes / tsMs.length).toBeLessThan(8.5);
  });
});
