/** Merging a host's sorted timeline arrays with the events added since gives what sorting everything gives. */
import { describe, expect, it } from 'vitest';
import { mergeSortedEvents, mergeSortedTimes } from '../../../src/replay/sorted-merge';
import { Prng } from '../../../src/sample/prng';

/** 1..count in a random order. */
function shuffledIds(prng: Prng, count: number): number[] {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  for (let i = count - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}

function randomTimes(prng: Prng, count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, () => prng.int(from, to));
}

const CASES: [string, [number, number], [number, number]][] = [
  ['added after the old', [0, 100], [100, 200]],
  ['added before the old', [100, 200], [0, 100]],
  ['added among the old', [0, 200], [50, 150]],
  ['old among the added', [50, 150], [0, 200]],
  ['few distinct times (ties)', [0, 3], [0, 3]],
];

describe('mergeSortedTimes', () => {
  for (const [name, oldRange, addedRange] of CASES) {
    it(`equals sorting both when ${name}`, () => {
      const prng = new Prng(name.length);
      for (const [oldCount, addedCount] of [[0, 5], [5, 0], [1, 1], [40, 7], [7, 40]] as const) {
        const old = randomTimes(prng, oldCount, ...oldRange).sort((a, b) => a - b);
        const added = randomTimes(prng, addedCount, ...addedRange).sort((a, b) => a - b);
        expect(Array.from(mergeSortedTimes(Float64Array.from(old), added))).toEqual([...old, ...added].sort((a, b) => a - b));
      }
    });
  }
});

describe('mergeSortedEvents', () => {
  for (const [name, oldRange, addedRange] of CASES) {
    it(`equals sorting both by (time, id) when ${name}`, () => {
      const prng = new Prng(name.length + 100);
      for (const [oldCount, addedCount] of [[0, 5], [5, 0], [1, 1], [40, 7], [7, 40]] as const) {
        // NOTE: ids are unique across both sides, in no relation to the times.
        const ids = shuffledIds(prng, oldCount + addedCount);
        const byTimeThenId = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
        const old = randomTimes(prng, oldCount, ...oldRange).map((t, i): [number, number] => [t, ids[i]!]).sort(byTimeThenId);
        const added = randomTimes(prng, addedCount, ...addedRange).map((t, i): [number, number] => [t, ids[oldCount + i]!]).sort(byTimeThenId);
        const merged = mergeSortedEvents(Float64Array.from(old, (e) => e[0]), Float64Array.from(old, (e) => e[1]), added.map((e) => e[0]), added.map((e) => e[1]));
        const expected = [...old, ...added].sort(byTimeThenId);
        expect(Array.from(merged.tsMs)).toEqual(expected.map((e) => e[0]));
        expect(Array.from(merged.ids)).toEqual(expected.map((e) => e[1]));
      }
    });
  }
});
