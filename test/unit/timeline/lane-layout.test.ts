import { describe, expect, it } from 'vitest';
import type { DensityLane } from '../../../src/model/timeline';
import {
  GROUP_HEADER_HEIGHT_PX,
  MAX_LANE_HEIGHT_PX,
  MIN_LANE_HEIGHT_PX,
  firstRowBelow,
  hostKeysAround,
  laneHeightPx,
  layoutLanes,
  rowsHeightPx,
  withLanes,
} from '../../../renderer/timeline/lane-layout';

function lane(key: string, other: number[], error: number[] = other.map(() => 0)): DensityLane {
  return { key, label: key, total: [...other, ...error].reduce((a, b) => a + b, 0), counts: { other, warn: other.map(() => 0), error } };
}

const hostLanes = [lane('api-1', [100, 0], [0, 2]), lane('api-2', [1, 1]), lane('storage-1', [400, 0]), lane('mystery', [3, 0])];
const groupOf = new Map([
  ['api-1', 'api'],
  ['api-2', 'api'],
  ['storage-1', 'storage'],
]);

describe('lane layout', () => {
  it('lays out group lanes as the service answers them, each with its host count', () => {
    const groups = [lane('api', [101, 1], [0, 2]), lane('storage', [400, 0]), lane('(no group)', [3, 0])];
    const rows = layoutLanes(groups, { laneBy: 'group', groupOf, collapsedGroups: [] });
    expect(rows.map((r) => [r.label, r.hostCount])).toEqual([
      ['api', 2],
      ['storage', 1],
      ['(no group)', 0],
    ]);
  });

  it('puts a header over each group of host lanes, keyed to the group lane its counts come from, and folds it', () => {
    const open = layoutLanes(hostLanes, { laneBy: 'host', groupOf, collapsedGroups: [] });
    expect(open.map((r) => `${r.kind}:${r.label}`)).toEqual(['group:api', 'lane:api-1', 'lane:api-2', 'group:storage', 'lane:storage-1', 'group:(no group)', 'lane:mystery']);
    expect(open[0]!.key).toBe('group:api');
    expect(open[0]!.heightPx).toBe(GROUP_HEADER_HEIGHT_PX);
    const apiCounts = lane('api', [101, 1], [0, 2]);
    const empty = lane('', []);
    const drawn = withLanes(open, new Map([['group:api', apiCounts]]), empty);
    expect(drawn[0]!.lane).toBe(apiCounts);
    expect(drawn[1]!.lane).toBe(empty);
    const folded = layoutLanes(hostLanes, { laneBy: 'host', groupOf, collapsedGroups: ['api'] });
    expect(folded.map((r) => `${r.kind}:${r.label}`)).toEqual(['group:api', 'group:storage', 'lane:storage-1', 'group:(no group)', 'lane:mystery']);
    expect(folded[0]!.isExpanded).toBe(false);
  });

  it('makes busier lanes taller within bounds, from whole-incident totals when known, and stacks them', () => {
    expect(laneHeightPx(0, 100)).toBe(MIN_LANE_HEIGHT_PX);
    expect(laneHeightPx(100, 100)).toBe(MAX_LANE_HEIGHT_PX);
    expect(laneHeightPx(25, 100)).toBeGreaterThan(MIN_LANE_HEIGHT_PX);
    expect(laneHeightPx(25, 100)).toBeLessThan(MAX_LANE_HEIGHT_PX);
    const rows = layoutLanes(hostLanes, { laneBy: 'source', groupOf, collapsedGroups: [] });
    expect(rows.find((r) => r.key === 'storage-1')!.heightPx).toBe(MAX_LANE_HEIGHT_PX);
    expect(rows[1]!.topPx).toBe(rows[0]!.heightPx);
    expect(rowsHeightPx(rows)).toBe(rows.reduce((sum, r) => sum + r.heightPx, 0));
    expect(firstRowBelow(rows, 0)).toBe(0);
    expect(firstRowBelow(rows, rows[0]!.heightPx)).toBe(1);
    expect(firstRowBelow(rows, rowsHeightPx(rows))).toBe(rows.length);
  });

  it('asks for the host rows showing in the lane box plus overscan, never header rows', () => {
    const rows = layoutLanes(hostLanes, { laneBy: 'host', groupOf, collapsedGroups: [] });
    expect(hostKeysAround(rows, 0, GROUP_HEADER_HEIGHT_PX + 1, 0)).toEqual(['api-1']);
    expect(hostKeysAround(rows, 0, GROUP_HEADER_HEIGHT_PX + 1, 2)).toEqual(['api-1', 'api-2']);
    expect(hostKeysAround(rows, rowsHeightPx(rows) - 1, 10, 0)).toEqual(['mystery']);
  });
});
