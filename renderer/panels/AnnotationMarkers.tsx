/**
 * Annotations drawn on the timeline: a line (and a band for ranges) over the lanes, and below them a
 * strip of flag buttons, one per annotation in view; clicking a flag jumps the playhead there and
 * opens it for editing. The flags carry kind, title and time as their accessible names.
 */
import { ANNOTATION_KIND_LABELS } from '../../src/model/annotation';
import { useApp, useHindsight } from '../state/app-context';
import { formatUtcTime } from '../timeline/format-time';
import { xAtTime } from '../timeline/viewport-maths';

/** Height of the flag strip under the lanes, in CSS px. */
export const MARKER_STRIP_PX = 22;

/** Width of one flag, in CSS px; flags at nearly the same time are laid side by side. */
const FLAG_WIDTH_PX = 20;

/** The markers over a timeline `widthPx` wide whose lanes are `lanesHeightPx` tall. */
export function AnnotationMarkers({ widthPx, lanesHeightPx }: { widthPx: number; lanesHeightPx: number }) {
  const { store } = useApp();
  const annotations = useHindsight((s) => s.annotations);
  const viewport = useHindsight((s) => s.viewport);
  const editingUid = useHindsight((s) => s.editingUid);
  if (widthPx <= 0) return null;
  const visible = annotations.filter((a) => (a.endMs ?? a.tsMs) >= viewport.fromMs && a.tsMs <= viewport.toMs);
  const flagLeftPx = flagPositions(visible.map((a) => Math.min(Math.max(0, xAtTime(viewport, a.tsMs, widthPx)), widthPx - 12)));
  return (
    <div className="annotation-markers" style={{ top: 0, height: lanesHeightPx + MARKER_STRIP_PX }}>
      {visible.map((a, index) => {
        const leftPx = Math.max(0, xAtTime(viewport, a.tsMs, widthPx));
        const rightPx = a.endMs === null ? null : Math.min(widthPx, xAtTime(viewport, a.endMs, widthPx));
        const label = `${ANNOTATION_KIND_LABELS[a.kind]}: ${a.title.trim() || 'untitled'} at ${formatUtcTime(a.tsMs)}`;
        return (
          <div key={a.uid} className={`annotation-marker kind-${a.kind}${a.uid === editingUid ? ' is-editing' : ''}`}>
            {rightPx !== null && <div className="annotation-band" style={{ left: leftPx, width: Math.max(2, rightPx - leftPx), height: lanesHeightPx }} />}
            <div className="annotation-line" style={{ left: leftPx, height: lanesHeightPx }} />
            <button
              type="button"
              className="annotation-flag"
              style={{ left: flagLeftPx[index], top: lanesHeightPx + 2 }}
              aria-label={label}
              title={label}
              data-testid="annotation-flag"
              onClick={() => {
                const state = store.getState();
                state.setPlayhead(a.tsMs);
                state.setEditingUid(a.uid);
              }}
            >
              {ANNOTATION_KIND_LABELS[a.kind].slice(0, 1)}
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** Left edges for flags at `xs` (ascending): each at its x, or just right of the previous flag when they would overlap. */
export function flagPositions(xs: readonly number[]): number[] {
  const lefts: number[] = [];
  for (const x of xs) lefts.push(Math.max(x, (lefts[lefts.length - 1] ?? -Infinity) + FLAG_WIDTH_PX + 2));
  return lefts;
}
