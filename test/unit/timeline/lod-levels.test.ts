/** Level-of-detail arrays answer counts per bucket exactly, for sparse and dense lanes and times before 1970. */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/sample/prng';
import { FinestLevelBuilder } from '../../../src/store/lod-finest';
import { addLaneBuckets, coarsenLevel, mergeLanes, withDirectories, type LodLevelData } from '../../../src/store/lod-levels';

/** Random events: absolute finest cells, bands and lane numbers. */
interface EventColumns {
  count: number;
  cells: Float64Array;
  bands: Uint8Array;
}

/** The finest level of the events, fed in the order given (not sorted: most arrive before their lane's last cell). */
function finestOf(events: EventColumns, lanes: Uint32Array, keys: string[]): LodLevelData {
  const builder = new FinestLevelBuilder(8);
  for (let i = 0; i < events.count; i++) builder.add(lanes[i]!, events.cells[i]!, events.bands[i]!);
  return builder.finish(keys);
}

/** Random events on two lanes: lane 0 dense around a burst, lane 1 sparse; cells may be negative. */
function randomEvents(prng: Prng, count: number, baseCell: number): { events: EventColumns; lanes: Uint32Array } {
  const events: EventColumns = { count, cells: new Float64Array(count), bands: new Uint8Array(count) };
  const lanes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const isDense = prng.chance(0.7);
    events.cells[i] = baseCell + (isDense ? 5_000 + prng.int(0, 300) : prng.int(0, 20_000));
    events.bands[i] = prng.int(0, 2);
    lanes[i] = isDense ? 0 : 1;
  }
  return { events, lanes };
}

describe('LOD level arrays', () => {
  it('give the same counts per bucket as counting the events one by one, at every level', () => {
    const prng = new Prng(11);
    for (const baseCell of [-40_000, 0, 7_000_000_000]) {
      const { events, lanes } = randomEvents(prng, 3_000, baseCell);
      let level = finestOf(events, lanes, ['dense', 'sparse']);
      for (const exp of [8, 12, 16]) {
        if (exp !== 8) level = coarsenLevel(level, exp);
        const ready = withDirectories(level);
        for (let trial = 0; trial < 40; trial++) {
          const perBucket = prng.int(1, 64);
          const count = prng.int(1, 400);
          const firstAbs = Math.floor(baseCell / 2 ** (exp - 8)) + prng.int(-50, 25_000 >> (exp - 8));
          for (let lane = 0; lane < 2; lane++) {
            const out: [number[], number[], number[]] = [new Array<number>(count).fill(0), new Array<number>(count).fill(0), new Array<number>(count).fill(0)];
            const total = addLaneBuckets(ready, lane, firstAbs - ready.baseCell, perBucket, 0, count, out);
            const expected: [number[], number[], number[]] = [new Array<number>(count).fill(0), new Array<number>(count).fill(0), new Array<number>(count).fill(0)];
            for (let e = 0; e < events.count; e++) {
              if (lanes[e] !== lane) continue;
              const bucket = Math.floor((Math.floor(events.cells[e]! / 2 ** (exp - 8)) - firstAbs) / perBucket);
              if (bucket >= 0 && bucket < count) expected[events.bands[e]!]![bucket]!++;
            }
            expect(out).toEqual(expected);
            expect(total).toBe(expected.flat().reduce((a, b) => a + b, 0));
          }
        }
      }
    }
  });

  it('merged into groups, give each group the sum of its lanes, whether merged through a dense range or by sorting far-apart cells', () => {
    const prng = new Prng(5);
    const count = 4_000;
    const laneKeys = ['api-1', 'api-2', 'db-1', 'db-2', 'lonely'];
    const groupOf = (key: string): string => (key === 'lonely' ? 'solo' : key.split('-')[0]!);
    for (const spreadCells of [20_000, 50_000_000]) {
      const events: EventColumns = { count, cells: new Float64Array(count), bands: new Uint8Array(count) };
      const lanes = new Uint32Array(count);
      for (let i = 0; i < count; i++) {
        events.cells[i] = prng.int(0, spreadCells);
        events.bands[i] = prng.int(0, 2);
        lanes[i] = prng.int(0, laneKeys.length - 1);
      }
      const merged = withDirectories(mergeLanes(finestOf(events, lanes, laneKeys), groupOf));
      expect(merged.keys).toEqual(['api', 'db', 'solo']);
      const buckets = 50;
      const perBucket = Math.ceil((spreadCells + 1) / buckets);
      merged.keys.forEach((group, g) => {
        const out: [number[], number[], number[]] = [new Array<number>(buckets).fill(0), new Array<number>(buckets).fill(0), new Array<number>(buckets).fill(0)];
        const total = addLaneBuckets(merged, g, -merged.baseCell, perBucket, 0, buckets, out);
        const expected: [number[], number[], number[]] = [new Array<number>(buckets).fill(0), new Array<number>(buckets).fill(0), new Array<number>(buckets).fill(0)];
        for (let e = 0; e < count; e++) {
          if (groupOf(laneKeys[lanes[e]!]!) === group) expected[events.bands[e]!]![Math.floor(events.cells[e]! / perBucket)]!++;
        }
        expect(out, group).toEqual(expected);
        expect(total).toBe(expected.flat().reduce((a, b) => a + b, 0));
      });
    }
  });
});
