/** Two compared rollouts side by side, aligned at their starts: versions, timing, steps, outcomes and waves at T+ offsets. */
import type { ComparedRollout, RolloutComparison } from '../../src/model/insight';
import { formatClock, formatHostList, formatOffset } from '../insight/compare-format';
import { formatCount, formatDuration } from '../timeline/format-time';

type Row = [label: string, a: string, b: string];

function rowsOf(c: RolloutComparison): Row[] {
  const side = (f: (r: ComparedRollout) => string): [string, string] => [f(c.a), f(c.b)];
  const rows: Row[] = [
    ['Rollout', ...side((r) => r.rolloutId)],
    ['Versions', ...side((r) => `${r.fromVersion ?? '?'} → ${r.toVersion ?? '?'}`)],
    ['Started (UTC)', ...side((r) => formatClock(r.startMs))],
    ['Duration', ...side((r) => formatDuration(r.durationMs))],
    ['Hosts', ...side((r) => formatCount(r.hostCount))],
    ['Host upgrade, median', ...side((r) => (r.medianHostUpgradeMs === null ? 'none finished' : formatDuration(r.medianHostUpgradeMs)))],
  ];
  for (const step of new Set([...c.a.steps, ...c.b.steps].map((s) => s.step))) {
    rows.push([
      `${step}, median / 90th pct`,
      ...side((r) => {
        const s = r.steps.find((x) => x.step === step);
        return s === undefined ? 'no such step' : `${formatDuration(s.medianMs)} / ${formatDuration(s.p90Ms)}`;
      }),
    ]);
  }
  rows.push(['Failed hosts', ...side((r) => formatHostList(r.failedHosts))], ['Rolled back hosts', ...side((r) => formatHostList(r.rolledBackHosts))]);
  rows.push([`Warnings and errors in the first ${formatDuration(c.alignedMs)}`, ...side((r) => formatCount(r.problemCount))]);
  const waves = Math.max(c.a.waves.length, c.b.waves.length);
  for (let i = 0; i < waves; i++) {
    const [wa, wb] = [c.a.waves[i], c.b.waves[i]];
    const label = wa !== undefined && wb !== undefined && wa.wave === wb.wave ? `Wave ${wa.wave}` : `Wave ${i + 1} (in order)`;
    rows.push([
      label,
      ...side((r) => {
        const w = r.waves[i];
        return w === undefined ? 'no such wave' : `wave ${w.wave}: starts ${formatOffset(w.offsetMs)}, ${formatCount(w.hostCount)} hosts, lasts ${formatDuration(w.durationMs)}`;
      }),
    ]);
  }
  const kinds = [...new Set([...c.a.markers, ...c.b.markers].map((m) => m.kind))].filter((k) => !k.startsWith('wave.'));
  for (const kind of kinds) rows.push([kind, ...side((r) => r.markers.filter((m) => m.kind === kind).map((m) => formatOffset(m.offsetMs)).join(', ') || 'never')]);
  return rows;
}

/** The side-by-side table. */
export function InsightCompareTable({ comparison }: { comparison: RolloutComparison }) {
  return (
    <table className="compare-table" data-testid="compare-table">
      <caption>Side by side, aligned at each rollout&apos;s start (T+0)</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">What</span>
          </th>
          <th scope="col">A: {comparison.a.label}</th>
          <th scope="col">B: {comparison.b.label}</th>
        </tr>
      </thead>
      <tbody>
        {rowsOf(comparison).map(([label, a, b]) => (
          <tr key={label} className={a === b ? undefined : 'is-different'}>
            <th scope="row">
              {label}
              {a !== b && <span className="compare-differs"> (differs)</span>}
            </th>
            <td>{a}</td>
            <td>{b}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
