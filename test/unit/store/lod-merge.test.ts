/** Merging the counts of appended events into level-of-detail arrays gives exactly the arrays a build from every event gives. */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/sample/prng';
import { FinestLevelBuilder } from '../../../src/store/lod-finest';
import { coarsenLevel, type LodLevelData } from '../../../src/store/lod-levels';
import { mergeLevels } from '../../../src/store/lod-merge';

interface TestEvent {
  cell: number;
  lane: string;
  band: number;
}

const EXPS = [8, 12, 16, 20];

/** Every level of `events` as computeLodLevels builds them: lanes in first-seen order, finest level then coarser ones. */
function levelsOf(events: readonly TestEvent[]): LodLevelData[] {
  const keys: string[] = [];
  const finest = new FinestLevelBuilder(EXPS[0]!);
  for (const e of events) {
    if (!keys.includes(e.lane)) keys.push(e.lane);
    finest.add(keys.indexOf(e.lane), e.cell, e.band);
  }
  const levels = [finest.finish(keys)];
  for (const exp of EXPS.slice(1)) levels.push(coarsenLevel(levels[levels.length - 1]!, exp));
  return levels;
}

/** Events on a few old lanes around `baseCell`, with some on new lanes, some before and some far after the rest. */
function randomEvents(prng: Prng, count: number, baseCell: number, lanes: readonly string[]): TestEvent[] {
  return Array.from({ length: count }, () => {
    const r = prng.next();
    const cell = r < 0.1 ? baseCell - prng.int(1, 3_000_000) : r < 0.2 ? baseCell + prng.int(5_000_000, 9_000_000) : baseCell + prng.int(0, 40_000);
    return { cell, lane: prng.pick(lanes), band: prng.int(0, 2) };
  });
}

describe('mergeLevels', () => {
  it('gives, level by level and array for array, what a build from all the events gives', () => {
    const prng = new Prng(17);
    for (const baseCell of [-2_000_000, 0, 7_000_000_000]) {
      for (const [olderCount, newerCount] of [
        [3_000, 1],
        [3_000, 400],
        [500, 2_000],
        [0, 300],
        [300, 0],
      ] as const) {
        const older = randomEvents(prng, olderCount, baseCell, ['a', 'b', 'c']);
        const newer = randomEvents(prng, newerCount, baseCell + prng.int(-20_000, 20_000), ['c', 'new-1', 'a', 'new-2']);
        const merged = levelsOf(older).map((level, i) => mergeLevels(level, levelsOf(newer)[i]!));
        expect(merged, `${baseCell} ${olderCount}+${newerCount}`).toEqual(levelsOf([...older, ...newer]));
      }
    }
  });

  it('takes appends one after another (a tail merged into a tail, then into the older counts) as one build', () => {
    const prng = new Prng(23);
    const batches = Array.from({ length: 6 }, (_, b) => randomEvents(prng, prng.int(1, 200), 1_000_000 + b * 1_000, ['x', `host-${b}`, 'y']));
    const older = randomEvents(prng, 2_000, 1_000_000, ['y', 'z']);
    let tail = levelsOf(batches[0]!);
    for (const batch of batches.slice(1)) tail = tail.map((level, i) => mergeLevels(level, levelsOf(batch)[i]!));
    const folded = levelsOf(older).map((level, i) => mergeLevels(level, tail[i]!));
    expect(folded).toEqual(levelsOf([...older, ...batches.flat()]));
  });
});
