/**
 * The timeline's runbook lane: under the lanes, a thin bar for every runbook link (from its first to its
 * last match) and a button for every recorded step (✓ tick, ↺ untick, ✎ note) with who did it.
 * Clicking either moves the playhead there and opens the runbook. The lane is labelled in the gutter
 * beside it (Timeline.tsx); bars are for the mouse, as the Runbooks tab lists the same links.
 */
import type { RunbookMarker } from '../../src/model/runbook';
import { formatClock } from './clock';
import { useApp, useHindsight } from '../state/app-context';

import { xAtTime } from '../timeline/viewport-maths';
import { useRunbookQuery } from './use-runbook-query';

/** Rows of link bars (one per runbook, up to this many; more share rows), each LINK_ROW_PX tall. */
const LINK_ROWS = 8;
const LINK_ROW_PX = 5;

/** Height of the runbook lane under the lanes, in CSS px: the link rows, then the row of step buttons. */
export const RUNBOOK_STRIP_PX = 4 + LINK_ROWS * LINK_ROW_PX + 20;

const GLYPH = { tick: '✓', untick: '↺', note: '✎' } as const;
const VERB = { tick: 'ticked', untick: 'unticked', note: 'noted on' } as const;

/** The lane, drawn `topPx` below the top of a timeline `widthPx` wide. */
export function RunbookMarkers({ widthPx, topPx }: { widthPx: number; topPx: number }) {
  const { store } = useApp();
  const viewport = useHindsight((s) => s.viewport);
  const markers = useRunbookQuery<RunbookMarker[]>((c) => c.api['runbooks.markers']({ fromMs: -8.64e15, toMs: 8.64e15 }), []);
  const library = useRunbookQuery((c) => c.api['runbooks.library']({}), []);
  if (widthPx <= 0) return null;
  const visible = (markers ?? []).filter((m) => (m.type === 'link' ? (m.endMs ?? m.tsMs) : m.tsMs) >= viewport.fromMs && m.tsMs <= viewport.toMs);
  const links = visible.filter((m) => m.type === 'link');
  const steps = visible.filter((m) => m.type === 'step');
  const severityOf = new Map((library?.runbooks ?? []).map((runbook) => [runbook.id, runbook.severity]));
  const rowOf = new Map([...new Set((markers ?? []).flatMap((m) => (m.type === 'link' ? [m.runbookId] : [])))].sort().map((id, index) => [id, index % LINK_ROWS]));
  const go = (tsMs: number, runbookId: string) => {
    const state = store.getState();
    state.setPlayhead(tsMs);
    state.openRunbook(runbookId);
  };
  return (
    <div className="runbook-markers" style={{ top: topPx, height: RUNBOOK_STRIP_PX, width: widthPx }} data-testid="runbook-lane">
      <span className="visually-hidden">
        Runbook lane: {links.length} runbook links and {steps.length} recorded steps in view.
      </span>
      {links.map((m) => {
        if (m.type !== 'link') return null;
        const leftPx = Math.max(0, xAtTime(viewport, m.tsMs, widthPx));
        const rightPx = Math.min(widthPx, xAtTime(viewport, m.endMs ?? m.tsMs, widthPx));
        const label = `${m.title}: ${m.origin === 'auto' ? `${m.matchCount} matching events` : 'linked by hand'} from ${formatClock(m.tsMs)}`;
        return (
          <div
            key={`l${m.linkId}`}
            className={`runbook-link-bar origin-${m.origin} severity-${severityOf.get(m.runbookId) ?? 'medium'}`}
            style={{ left: leftPx, width: Math.max(3, rightPx - leftPx), top: 3 + (rowOf.get(m.runbookId) ?? 0) * LINK_ROW_PX }}
            title={`${label} (click to open)`}
            aria-hidden="true"
            data-testid="runbook-link-bar"
            onClick={() => go(m.tsMs, m.runbookId)}
          />
        );
      })}
      {steps.map((m) => {
        if (m.type !== 'step') return null;
        const leftPx = Math.min(Math.max(0, xAtTime(viewport, m.tsMs, widthPx) - 8), widthPx - 16);
        const label = `${m.actor} ${VERB[m.action]} step ${m.stepIndex + 1} of ${m.title} at ${formatClock(m.tsMs)}: ${m.stepText}`;
        return (
          <button
            key={`s${m.recordId}`}
            type="button"
            className={`runbook-step-marker action-${m.action}`}
            style={{ left: leftPx }}
            aria-label={label}
            title={label}
            data-testid="runbook-step-marker"
            onClick={() => go(m.tsMs, m.runbookId)}
          >
            {GLYPH[m.action]}
          </button>
        );
      })}
    </div>
  );
}
