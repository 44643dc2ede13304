import { describe, expect, it } from 'vitest';
import type { DensityLane, DensityResult } from '../../../src/model/timeline';
import { GROUP_HEADER_HEIGHT_PX, MAX_LANE_HEIGHT_PX, MIN_LANE_HEIGHT_PX, firstRowBelow, laneHeightPx, layoutLanes, rowsHeightPx } from '../../../renderer/timeline/lane-layout';

function lane(key: string, other: number[], error: number[] = other.map(() => 0)): DensityLane {
  return { key, label: key, total: [...other, ...error].reduce((a, b) => a + b, 0), counts: { other, warn: other.map(() => 0), error } };
}

const density: DensityResult = {
  fromMs: 0,
  bucketMs: 1000,
  bucketCount: 2,
  lanes: [lane('api-1', [100, 0], [0, 2]), lane('api-2', [1, 1]), lane('storage-1', [400, 0]), lane('mystery', [3, 0])],
};
const groupOf = new Map([
  ['api-1', 'api'],
  ['api-2', 'api'],
  ['storage-1', 'storage'],
]);

describe('lane layout', () => {
  it('sums host lanes into one lane per group, unknown hosts last', () => {
    const rows = layoutLanes(density, { laneBy: 'group', groupOf, collapsedGroups: [], totals: null });
    expect(rows.map((r) => [r.label, r.hostCount, r.lane.counts.other, r.lane.counts.error])).toEqual([
      ['api', 2, [101, 1], [0, 2]],
      ['storage', 1, [400, 0], [0, 0]],
      ['(no group)', 1, [3, 0], [0, 0]],
    ]);
  });

  it('puts a header with the summed density over each group of host lanes, and folds it', () => {
    const open = layoutLanes(density, { laneBy: 'host', groupOf, collapsedGroups: [], totals: null });
    expect(open.map((r) => `${r.kind}:${r.label}`)).toEqual(['group:api', 'lane:api-1', 'lane:api-2', 'group:storage', 'lane:storage-1', 'group:(no group)', 'lane:mystery']);
    expect(open[0]!.lane.total).toBe(104);
    expect(open[0]!.heightPx).toBe(GROUP_HEADER_HEIGHT_PX);
    const folded = layoutLanes(density, { laneBy: 'host', groupOf, collapsedGroups: ['api'], totals: null });
    expect(folded.map((r) => `${r.kind}:${r.label}`)).toEqual(['group:api', 'group:storage', 'lane:storage-1', 'group:(no group)', 'lane:mystery']);
    expect(folded[0]!.isExpanded).toBe(false);
  });

  it('makes busier lanes taller within bounds, from whole-incident totals when known, and stacks them', () => {
    expect(laneHeightPx(0, 100)).toBe(MIN_LANE_HEIGHT_PX);
    expect(laneHeightPx(100, 100)).toBe(MAX_LANE_HEIGHT_PX);
    expect(laneHeightPx(25, 100)).toBeGreaterThan(MIN_LANE_HEIGHT_PX);
    expect(laneHeightPx(25, 100)).toBeLessThan(MAX_LANE_HEIGHT_PX);
    const rows = layoutLanes(density, { laneBy: 'source', groupOf, collapsedGroups: [], totals: new Map([['api-2', 10_000]]) });
    expect(rows.find((r) => r.key === 'api-2')!.heightPx).toBe(MAX_LANE_HEIGHT_PX);
    expect(rows[1]!.topPx).toBe(rows[0]!.heightPx);
    expect(rowsHeightPx(rows)).toBe(rows.reduce((sum, r) => sum + r.heightPx, 0));
    expect(firstRowBelow(rows, 0)).toBe(0);
    expect(firstRowBelow(rows, rows[0]!.heightPx)).toBe(1);
    expect(firstRowBelow(rows, rowsHeightPx(rows))).toBe(rows.length);
  });
});
