/**
 * What differs between two compared rollouts: sentences on phases, then the patterns and bursts seen on
 * one side only. Each item jumps the playhead: to where it happened when that side is in the open
 * incident, else to the same T+ offset of the open incident's rollout (what was happening here then).
 */
import type { ReactNode } from 'react';
import type { ComparedBurst, ComparedPattern, RolloutComparison } from '../../src/model/insight';
import { formatClock, formatOffset } from '../insight/compare-format';
import { formatCount, formatDuration } from '../timeline/format-time';

/** Where a jump goes: a moment (and range) in the open incident. */
export interface CompareJump {
  tsMs: number;
  endMs: number | null;
}

/** Props of {@link InsightCompareDiffs}. */
export interface InsightCompareDiffsProps {
  comparison: RolloutComparison;
  onJump(jump: CompareJump): void;
}

function jumpOf(c: RolloutComparison, side: 'a' | 'b', tsMs: number, offsetMs: number, endMs: number | null): { jump: CompareJump; label: string } {
  const mine = side === 'a' ? c.a : c.b;
  if (mine.isOpenIncident) return { jump: { tsMs, endMs }, label: `Jump to ${formatClock(tsMs)}` };
  const here = c.a.isOpenIncident ? c.a : c.b;
  return { jump: { tsMs: here.startMs + offsetMs, endMs: null }, label: `Same moment here (${formatOffset(offsetMs)})` };
}

function PatternItem({ c, p, onJump }: { c: RolloutComparison; p: ComparedPattern; onJump(jump: CompareJump): void }) {
  const { jump, label } = jumpOf(c, p.side, p.firstTsMs, p.firstOffsetMs, null);
  const text = `${p.level} \`${p.template}\`: ${formatCount(p.countA)} in A, ${formatCount(p.countB)} in B; first at ${formatOffset(p.firstOffsetMs)} on ${formatCount(p.hostCount)} hosts`;
  return (
    <li className="compare-item" data-testid="compare-pattern">
      <span>{text}</span>
      <button type="button" onClick={() => onJump(jump)} aria-label={`${label}: ${p.template}`}>
        {label}
      </button>
    </li>
  );
}

function BurstItem({ c, b, onJump }: { c: RolloutComparison; b: ComparedBurst; onJump(jump: CompareJump): void }) {
  const { jump, label } = jumpOf(c, b.side, b.tsMs, b.offsetMs, b.endMs);
  const also = b.alsoLanes.length === 0 ? '' : ` (also seen on ${b.alsoLanes.join(', ')})`;
  const text = `${b.lane} at ${formatOffset(b.offsetMs)}: ${formatCount(b.total)} warnings and errors in ${formatDuration(b.endMs - b.tsMs)}, usually ${formatCount(b.baseline)} a minute; the other rollout had ${formatCount(b.otherTotal)} then${also}`;
  return (
    <li className="compare-item" data-testid="compare-burst">
      <span>{text}</span>
      <button type="button" onClick={() => onJump(jump)} aria-label={`${label}: burst on ${b.lane} at ${formatOffset(b.offsetMs)}`}>
        {label}
      </button>
    </li>
  );
}

function Section<T>({ title, items, empty, render }: { title: string; items: T[]; empty: string; render(item: T, i: number): ReactNode }) {
  return (
    <section className="compare-section" aria-label={title}>
      <h4>
        {title} ({items.length})
      </h4>
      {items.length === 0 ? <p className="muted">{empty}</p> : <ul className="compare-list">{items.map(render)}</ul>}
    </section>
  );
}

/** The lists. */
export function InsightCompareDiffs({ comparison: c, onJump }: InsightCompareDiffsProps) {
  return (
    <div className="compare-diffs">
      <Section title="Differences in phases and outcomes" items={c.phaseDifferences} empty="Hosts, waves, step durations and outcomes match closely." render={(s) => <li key={s}>{s}</li>} />
      <Section title={`Patterns only in A (${c.a.label})`} items={c.onlyInA} empty="None." render={(p) => <PatternItem key={p.template} c={c} p={p} onJump={onJump} />} />
      <Section title={`Patterns only in B (${c.b.label})`} items={c.onlyInB} empty="None." render={(p) => <PatternItem key={p.template} c={c} p={p} onJump={onJump} />} />
      <Section title={`Bursts only in A (${c.a.label})`} items={c.burstsOnlyInA} empty="None." render={(b) => <BurstItem key={`${b.lane}${b.tsMs}`} c={c} b={b} onJump={onJump} />} />
      <Section title={`Bursts only in B (${c.b.label})`} items={c.burstsOnlyInB} empty="None." render={(b) => <BurstItem key={`${b.lane}${b.tsMs}`} c={c} b={b} onJump={onJump} />} />
    </div>
  );
}
