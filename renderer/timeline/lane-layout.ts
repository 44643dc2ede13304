/**
 * The rows the timeline draws, worked out from a density answer: lanes by source, host or service as
 * the API gives them; lanes by group summed from host lanes (hosts' groups come from the rollout
 * model); for host lanes, a header row per group with the group's summed density, collapsible. Each
 * row gets a height from how busy it is over the whole incident, so busy lanes are taller (within
 * bounds) and the layout does not jump while zooming. Heights and offsets are CSS px.
 */
import type { DensityLane, DensityResult, LaneBy } from '../../src/model/timeline';

/** How the timeline forms lanes: the API's kinds, plus hosts summed by their rollout group. */
export type TimelineLaneBy = LaneBy | 'group';

/** The lane kind to ask the density API for (groups are summed from host lanes). */
export function apiLaneBy(laneBy: TimelineLaneBy): LaneBy {
  return laneBy === 'group' ? 'host' : laneBy;
}

/** Height of the quietest lane, in CSS px. */
export const MIN_LANE_HEIGHT_PX = 18;

/** Height of the busiest lane, in CSS px. */
export const MAX_LANE_HEIGHT_PX = 44;

/** Height of a group's header row, in CSS px. */
export const GROUP_HEADER_HEIGHT_PX = 32;

/** The group of hosts the rollout model does not know. */
export const UNGROUPED = '(no group)';

/** One drawn row: a lane, or (host lanes only) the header of a group of hosts. */
export interface LaneRow {
  key: string;
  label: string;
  kind: 'lane' | 'group';
  /** The group a header stands for or a host lane under a header belongs to; null for other lanes. */
  group: string | null;
  /** Header rows only: whether the group's host lanes are shown, and how many there are. */
  isExpanded: boolean;
  hostCount: number;
  lane: DensityLane;
  topPx: number;
  heightPx: number;
}

/** Height of a lane with `total` events when the busiest lane has `maxTotal`: square-root scale, within bounds. */
export function laneHeightPx(total: number, maxTotal: number): number {
  if (maxTotal <= 0 || total <= 0) return MIN_LANE_HEIGHT_PX;
  const ratio = Math.sqrt(Math.min(1, total / maxTotal));
  return Math.round(MIN_LANE_HEIGHT_PX + ratio * (MAX_LANE_HEIGHT_PX - MIN_LANE_HEIGHT_PX));
}

function emptyLane(key: string, label: string, bucketCount: number): DensityLane {
  return {
    key,
    label,
    total: 0,
    counts: { error: new Array<number>(bucketCount).fill(0), warn: new Array<number>(bucketCount).fill(0), other: new Array<number>(bucketCount).fill(0) },
  };
}

function addInto(target: DensityLane, lane: DensityLane): void {
  target.total += lane.total;
  for (const band of ['error', 'warn', 'other'] as const) {
    const into = target.counts[band];
    const from = lane.counts[band];
    for (let i = 0; i < into.length; i++) into[i]! += from[i] ?? 0;
  }
}

/** Host lanes in order of their group (groups sorted by name, unknown hosts last), each with its group. */
function hostsByGroup(lanes: readonly DensityLane[], groupOf: ReadonlyMap<string, string>): Map<string, DensityLane[]> {
  const groups = new Map<string, DensityLane[]>();
  for (const lane of lanes) {
    const group = groupOf.get(lane.key) ?? UNGROUPED;
    const list = groups.get(group);
    if (list) list.push(lane);
    else groups.set(group, [lane]);
  }
  const names = [...groups.keys()].sort((a, b) => (a === UNGROUPED ? 1 : b === UNGROUPED ? -1 : a.localeCompare(b)));
  return new Map(names.map((name) => [name, groups.get(name)!]));
}

/** Host lanes summed per group (one lane per group, keyed by the group name). */
export function sumByGroup(density: DensityResult, groupOf: ReadonlyMap<string, string>): DensityLane[] {
  return [...hostsByGroup(density.lanes, groupOf)].map(([group, hosts]) => {
    const sum = emptyLane(group, group, density.bucketCount);
    for (const host of hosts) addInto(sum, host);
    return sum;
  });
}

/** What `layoutLanes` needs besides the density answer. */
export interface LaneLayoutInput {
  laneBy: TimelineLaneBy;
  /** Host name → group, from the rollout model (empty until loaded). */
  groupOf: ReadonlyMap<string, string>;
  collapsedGroups: readonly string[];
  /** Events per lane key over the whole incident (for heights); lanes missing here use the answer's totals. */
  totals: ReadonlyMap<string, number> | null;
}

/** The rows to draw, top to bottom, with offsets from the top of the first row. */
export function layoutLanes(density: DensityResult, input: LaneLayoutInput): LaneRow[] {
  const { laneBy, groupOf, collapsedGroups, totals } = input;
  const totalOf = (lane: DensityLane): number => totals?.get(lane.key) ?? lane.total;
  const rows: LaneRow[] = [];
  let topPx = 0;
  const push = (row: Omit<LaneRow, 'topPx'>) => {
    rows.push({ ...row, topPx });
    topPx += row.heightPx;
  };
  if (laneBy === 'group') {
    const groups = sumByGroup(density, groupOf);
    const groupTotals = new Map<string, number>();
    for (const lane of density.lanes) {
      const group = groupOf.get(lane.key) ?? UNGROUPED;
      groupTotals.set(group, (groupTotals.get(group) ?? 0) + totalOf(lane));
    }
    const maxTotal = Math.max(0, ...groupTotals.values());
    for (const lane of groups) {
      const hostCount = density.lanes.filter((host) => (groupOf.get(host.key) ?? UNGROUPED) === lane.key).length;
      push({ key: lane.key, label: lane.label, kind: 'lane', group: null, isExpanded: true, hostCount, lane, heightPx: laneHeightPx(groupTotals.get(lane.key) ?? 0, maxTotal) });
    }
    return rows;
  }
  const maxTotal = Math.max(0, ...density.lanes.map(totalOf));
  if (laneBy !== 'host') {
    for (const lane of density.lanes) push({ key: lane.key, label: lane.label, kind: 'lane', group: null, isExpanded: true, hostCount: 0, lane, heightPx: laneHeightPx(totalOf(lane), maxTotal) });
    return rows;
  }
  const collapsed = new Set(collapsedGroups);
  for (const [group, hosts] of hostsByGroup(density.lanes, groupOf)) {
    const sum = emptyLane(`group:${group}`, group, density.bucketCount);
    for (const host of hosts) addInto(sum, host);
    const isExpanded = !collapsed.has(group);
    push({ key: sum.key, label: group, kind: 'group', group, isExpanded, hostCount: hosts.length, lane: sum, heightPx: GROUP_HEADER_HEIGHT_PX });
    if (!isExpanded) continue;
    for (const lane of hosts) push({ key: lane.key, label: lane.label, kind: 'lane', group, isExpanded: true, hostCount: 0, lane, heightPx: laneHeightPx(totalOf(lane), maxTotal) });
  }
  return rows;
}

/** Total height of `rows`, in CSS px. */
export function rowsHeightPx(rows: readonly LaneRow[]): number {
  const last = rows[rows.length - 1];
  return last === undefined ? 0 : last.topPx + last.heightPx;
}

/** The index of the first row whose bottom is below `offsetPx` (binary search; rows are in order). */
export function firstRowBelow(rows: readonly LaneRow[], offsetPx: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.topPx + rows[mid]!.heightPx <= offsetPx) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
