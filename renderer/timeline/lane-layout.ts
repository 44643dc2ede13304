/**
 * The rows the timeline draws, worked out from the lanes of the whole incident (one count each, so the
 * layout and the scroll box's height are known before any counts in view arrive): lanes by source,
 * host, service or group as the API lists them; for host lanes, a header row per group of hosts (hosts'
 * groups come from the rollout model), collapsible. Each row gets a height from how busy it is over the
 * whole incident, so busy lanes are taller (within bounds) and the layout does not jump while zooming.
 * Counts in view are attached separately (`withLanes`), so host lanes can be asked for a window at a
 * time. Heights and offsets are CSS px.
 */
import { NO_GROUP_LANE, type DensityLane, type DensityLaneBy } from '../../src/model/timeline';

/** How the timeline forms lanes: the API's kinds (groups are summed by the service from host lanes). */
export type TimelineLaneBy = DensityLaneBy;

/** Height of the quietest lane, in CSS px. */
export const MIN_LANE_HEIGHT_PX = 18;

/** Height of the busiest lane, in CSS px. */
export const MAX_LANE_HEIGHT_PX = 44;

/** Height of a group's header row, in CSS px. */
export const GROUP_HEADER_HEIGHT_PX = 32;

/** The group of hosts the rollout model does not know (the service sums them under this name too). */
export const UNGROUPED = NO_GROUP_LANE;

/** The key prefix of group header rows (their counts are the group lane of the same name). */
export const GROUP_ROW_PREFIX = 'group:';

/** One drawn row: a lane, or (host lanes only) the header of a group of hosts. */
export interface LaneRow {
  key: string;
  label: string;
  kind: 'lane' | 'group';
  /** The group a header stands for or a host lane under a header belongs to; null for other lanes. */
  group: string | null;
  /** Header rows only: whether the group's host lanes are shown, and how many there are. */
  isExpanded: boolean;
  /** Hosts in the group (group headers, and lanes by group); 0 for other lanes. */
  hostCount: number;
  /** The row's counts in view (empty until they arrive; `layoutLanes` leaves the whole-incident lane). */
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

/** What `layoutLanes` needs besides the lanes. */
export interface LaneLayoutInput {
  laneBy: TimelineLaneBy;
  /** Host name → group, from the rollout model (empty until loaded). */
  groupOf: ReadonlyMap<string, string>;
  collapsedGroups: readonly string[];
}

/**
 * The rows to draw, top to bottom, with offsets from the top of the first row, from every lane of the
 * incident with its whole-incident total (`lanes`: the API's lanes of `laneBy`, in its order).
 */
export function layoutLanes(lanes: readonly DensityLane[], input: LaneLayoutInput): LaneRow[] {
  const { laneBy, groupOf, collapsedGroups } = input;
  const rows: LaneRow[] = [];
  let topPx = 0;
  const push = (row: Omit<LaneRow, 'topPx'>) => {
    rows.push({ ...row, topPx });
    topPx += row.heightPx;
  };
  const maxTotal = Math.max(0, ...lanes.map((lane) => lane.total));
  if (laneBy !== 'host') {
    const hostCounts = new Map<string, number>();
    if (laneBy === 'group') for (const group of groupOf.values()) hostCounts.set(group, (hostCounts.get(group) ?? 0) + 1);
    for (const lane of lanes) {
      push({ key: lane.key, label: lane.label, kind: 'lane', group: null, isExpanded: true, hostCount: hostCounts.get(lane.key) ?? 0, lane, heightPx: laneHeightPx(lane.total, maxTotal) });
    }
    return rows;
  }
  const collapsed = new Set(collapsedGroups);
  for (const [group, hosts] of hostsByGroup(lanes, groupOf)) {
    const isExpanded = !collapsed.has(group);
    const total = hosts.reduce((sum, host) => sum + host.total, 0);
    const header: DensityLane = { key: `${GROUP_ROW_PREFIX}${group}`, label: group, total, counts: { error: [], warn: [], other: [] } };
    push({ key: header.key, label: group, kind: 'group', group, isExpanded, hostCount: hosts.length, lane: header, heightPx: GROUP_HEADER_HEIGHT_PX });
    if (!isExpanded) continue;
    for (const lane of hosts) push({ key: lane.key, label: lane.label, kind: 'lane', group, isExpanded: true, hostCount: 0, lane, heightPx: laneHeightPx(lane.total, maxTotal) });
  }
  return rows;
}

/** Rows with their counts in view from `lanes` (keyed as rows are); rows not answered yet get `empty`. */
export function withLanes(rows: readonly LaneRow[], lanes: ReadonlyMap<string, DensityLane>, empty: DensityLane): LaneRow[] {
  return rows.map((row) => ({ ...row, lane: lanes.get(row.key) ?? empty }));
}

/**
 * For lanes by host: the host keys of the rows showing in a box `boxHeightPx` tall scrolled down
 * `scrollTopPx`, plus `overscanRows` rows either side (the lane window to ask the service for).
 */
export function hostKeysAround(rows: readonly LaneRow[], scrollTopPx: number, boxHeightPx: number, overscanRows: number): string[] {
  const first = firstRowBelow(rows, scrollTopPx);
  let last = first;
  while (last < rows.length && rows[last]!.topPx < scrollTopPx + boxHeightPx) last += 1;
  const keys: string[] = [];
  for (let index = Math.max(0, first - overscanRows); index < Math.min(rows.length, last + overscanRows); index++) {
    if (rows[index]!.kind === 'lane') keys.push(rows[index]!.key);
  }
  return keys;
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
