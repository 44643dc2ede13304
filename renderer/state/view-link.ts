/**
 * The view as a link: playhead, visible range, filter, lane kind, folded groups, axis reading and
 * selected range, encoded as URL-hash parameters (`#t=…&from=…&to=…&q=…&fold=api`). The HTTP shell keeps the page's hash in
 * step so a copied URL (or a reload) reopens the same view; Electron uses the same parameters after
 * `hindsight://open?` (see docs/deep-links.md). Times are UTC epoch ms, so links are exact.
 */
import type { TimelineLaneBy } from '../timeline/lane-layout';
import type { HindsightState } from './store';
import type { AxisMode, TimeRange } from './view-slice';

/** The parts of the view a link carries. */
export interface ViewLink {
  playheadMs: number;
  /** The visible range; null when the link gives only a moment (`#t=…`), which the view then pages to. */
  viewport: TimeRange | null;
  filterText: string;
  laneBy: TimelineLaneBy;
  /** Folded host groups (lanes by host). */
  collapsedGroups: readonly string[];
  axisMode: AxisMode;
  selectedRange: TimeRange | null;
}

const LANE_KINDS: readonly TimelineLaneBy[] = ['source', 'host', 'service', 'group'];
const AXIS_MODES: readonly AxisMode[] = ['utc', 'local', 'relative'];

/** The link parameters of a state (without the leading `#`). */
export function encodeViewLink(state: ViewLink): string {
  const params = new URLSearchParams();
  params.set('t', String(Math.round(state.playheadMs)));
  if (state.viewport !== null) {
    params.set('from', String(Math.round(state.viewport.fromMs)));
    params.set('to', String(Math.round(state.viewport.toMs)));
  }
  if (state.filterText !== '') params.set('q', state.filterText);
  if (state.laneBy !== 'source') params.set('lanes', state.laneBy);
  for (const group of state.collapsedGroups) params.append('fold', group);
  if (state.axisMode !== 'utc') params.set('axis', state.axisMode);
  if (state.selectedRange !== null) params.set('sel', `${Math.round(state.selectedRange.fromMs)}-${Math.round(state.selectedRange.toMs)}`);
  return params.toString();
}

/** Reads link parameters (a hash with or without `#`); null when they hold no view. Unknown values fall back to defaults. */
export function decodeViewLink(hash: string): ViewLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const num = (name: string): number | null => {
    const text = params.get(name);
    if (text === null || !/^-?\d+$/.test(text)) return null;
    return Number(text);
  };
  const playheadMs = num('t');
  const fromMs = num('from');
  const toMs = num('to');
  if (playheadMs === null) return null;
  const hasRange = params.has('from') || params.has('to');
  if (hasRange && (fromMs === null || toMs === null || toMs <= fromMs)) return null;
  const lanes = params.get('lanes') as TimelineLaneBy | null;
  const axis = params.get('axis') as AxisMode | null;
  const sel = /^(-?\d+)-(-?\d+)$/.exec(params.get('sel') ?? '');
  const selectedRange = sel !== null && Number(sel[2]) > Number(sel[1]) ? { fromMs: Number(sel[1]), toMs: Number(sel[2]) } : null;
  return {
    playheadMs,
    viewport: hasRange ? { fromMs: fromMs!, toMs: toMs! } : null,
    filterText: params.get('q') ?? '',
    laneBy: lanes !== null && LANE_KINDS.includes(lanes) ? lanes : 'source',
    collapsedGroups: params.getAll('fold').filter((group) => group !== ''),
    axisMode: axis !== null && AXIS_MODES.includes(axis) ? axis : 'utc',
    selectedRange,
  };
}

/** Applies a decoded link to the store (the playhead last, so it is not paged by the old viewport). */
export function applyViewLink(state: HindsightState, link: ViewLink): void {
  state.setFilterText(link.filterText);
  state.setLaneBy(link.laneBy);
  state.setCollapsedGroups(link.collapsedGroups);
  state.setAxisMode(link.axisMode);
  state.setSelectedRange(link.selectedRange);
  if (link.viewport !== null) state.setViewport(link.viewport);
  state.setPlayhead(link.playheadMs);
}
