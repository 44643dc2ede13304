/** The finest level counted while events stream by equals the level counted from all events sorted, whatever the order they come in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinestLevelBuilder } from '../../../src/store/lod-finest';
import type { LodLevelData } from '../../../src/store/lod-levels';

type TestEvent = [lane: number, cell: number, band: number];

/** The level by the definition: per lane, its distinct cells ascending, with running counts per band. */
function expectedLevel(events: readonly TestEvent[], keys: string[]): LodLevelData {
  const baseCell = events.length === 0 ? 0 : Math.min(...events.map(([, cell]) => cell));
  const offsets = [0];
  const cells: number[] = [];
  const cumulative: [number[], number[], number[]] = [[0], [0], [0]];
  keys.forEach((_, lane) => {
    const laneCells = [...new Set(events.filter(([l]) => l === lane).map(([, cell]) => cell))].sort((a, b) => a - b);
    for (const cell of laneCells) {
      cells.push(cell - baseCell);
      for (let band = 0; band < 3; band++) {
        const count = events.filter(([l, c, b]) => l === lane && c === cell && b === band).length;
        cumulative[band]!.push(cumulative[band]![cumulative[band]!.length - 1]! + count);
      }
    }
    offsets.push(cells.length);
  });
  return {
    levelExp: 8,
    baseCell,
    keys,
    offsets: Uint32Array.from(offsets),
    cells: Int32Array.from(cells),
    cumulative: cumulative.map((band) => Uint32Array.from(band)) as LodLevelData['cumulative'],
  };
}

function built(events: readonly TestEvent[], keys: string[]): LodLevelData {
  const builder = new FinestLevelBuilder(8);
  for (const [lane, cell, band] of events) builder.add(lane, cell, band);
  return builder.finish(keys);
}

const KEYS = ['web-1', 'web-2', 'db-1', ''];
const event = fc.tuple(fc.integer({ min: 0, max: KEYS.length - 1 }), fc.integer({ min: 6_000_000_000, max: 6_000_000_300 }), fc.integer({ min: 0, max: 2 }));

describe('FinestLevelBuilder', () => {
  it('gives the level of the events sorted by time, for events in any order', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 400 }), (events) => {
        expect(built(events, KEYS)).toEqual(expectedLevel(events, KEYS));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same level for events in time order, reversed, and nearly in order with a few stragglers', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 400 }), fc.integer({ min: 0, max: 399 }), (events, at) => {
        const sorted = [...events].sort((a, b) => a[1] - b[1]);
        const straggler = sorted.splice(at % sorted.length, 1);
        const expected = expectedLevel(events, KEYS);
        expect(built(sorted.concat(straggler), KEYS)).toEqual(expected);
        expect(built([...sorted, ...straggler].reverse(), KEYS)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('gives an empty level for no events, and can be used again after finishing', () => {
    const builder = new FinestLevelBuilder(8);
    expect(builder.finish(['a'])).toEqual(expectedLevel([], ['a']));
    builder.add(0, -5, 1);
    builder.add(0, -5, 1);
    builder.add(0, -7, 0);
    expect(builder.finish(['a'])).toEqual(expectedLevel([[0, -5, 1], [0, -5, 1], [0, -7, 0]], ['a']));
    expect(builder.finish(['a'])).toEqual(expectedLevel([], ['a']));
  });
});
