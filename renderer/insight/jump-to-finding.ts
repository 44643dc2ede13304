/** Moves the playhead to a finding and zooms the timeline so its whole range shows, with some context either side. */
import type { InsightFinding } from '../../src/model/insight';
import type { HindsightStore } from '../state/store';

/** Context shown before and after a finding's range, as a share of the range (at least two minutes). */
const CONTEXT_SHARE = 0.5;
const MIN_CONTEXT_MS = 120_000;

/** Jumps to `finding`: playhead at its start, viewport around its range. */
export function jumpToFinding(store: HindsightStore, finding: Pick<InsightFinding, 'tsMs' | 'endMs'>): void {
  const endMs = Math.max(finding.endMs ?? finding.tsMs, finding.tsMs);
  const padMs = Math.max(MIN_CONTEXT_MS, (endMs - finding.tsMs) * CONTEXT_SHARE);
  const state = store.getState();
  state.setViewport({ fromMs: finding.tsMs - padMs, toMs: endMs + padMs });
  state.setPlayhead(finding.tsMs);
}
