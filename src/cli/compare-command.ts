/**
 * `hindsight insight compare <incident> [other]`: two rollouts aligned at their starts, side by side,
 * with the patterns, bursts and phases that differ. Both files are only read. See docs/cli.md.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { clock, count, duration, offset } from '../insight/wording';
import type { ComparedBurst, ComparedPattern, ComparedRollout, RolloutComparison } from '../model/insight';
import { IncidentDb } from '../store/incident-db';
import { compareIncidentRollouts } from '../store/insight-report';
import type { CommandOutput } from './export-command';

function hostList(hosts: string[]): string {
  return hosts.length === 0 ? '0' : `${count(hosts.length)}: ${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ' …' : ''}`;
}

function rows(c: RolloutComparison): [string, string, string][] {
  const side = (f: (r: ComparedRollout) => string): [string, string] => [f(c.a), f(c.b)];
  const out: [string, string, string][] = [
    ['', ...side((r) => r.label)],
    ['rollout', ...side((r) => r.rolloutId)],
    ['versions', ...side((r) => `${r.fromVersion ?? '?'} → ${r.toVersion ?? '?'}`)],
    ['started (UTC)', ...side((r) => clock(r.startMs))],
    ['duration', ...side((r) => duration(r.durationMs))],
    ['hosts', ...side((r) => count(r.hostCount))],
    ['waves', ...side((r) => count(r.waveCount))],
    ['host upgrade (median)', ...side((r) => (r.medianHostUpgradeMs === null ? '–' : duration(r.medianHostUpgradeMs)))],
  ];
  const steps = [...new Set([...c.a.steps, ...c.b.steps].map((s) => s.step))];
  for (const step of steps) {
    out.push([`${step} (median / p90)`, ...side((r) => {
      const s = r.steps.find((x) => x.step === step);
      return s === undefined ? '–' : `${duration(s.medianMs)} / ${duration(s.p90Ms)}`;
    })]);
  }
  out.push(['failed', ...side((r) => hostList(r.failedHosts))], ['rolled back', ...side((r) => hostList(r.rolledBackHosts))]);
  out.push(['warnings and errors', ...side((r) => count(r.problemCount))]);
  const waves = Math.max(c.a.waves.length, c.b.waves.length);
  for (let i = 0; i < waves; i++) {
    out.push([i === 0 ? 'wave starts' : '', ...side((r) => {
      const w = r.waves[i];
      return w === undefined ? '' : `${w.wave}: ${offset(w.offsetMs)} (${count(w.hostCount)} hosts)`;
    })]);
  }
  return out;
}

function patternLine(p: ComparedPattern): string {
  return `  [${p.level}] \`${p.template}\`: ${count(p.countA)} in A, ${count(p.countB)} in B; first at ${offset(p.firstOffsetMs)} (${clock(p.firstTsMs)}) on ${count(p.hostCount)} hosts`;
}

function burstLine(b: ComparedBurst): string {
  const also = b.alsoLanes.length === 0 ? '' : `; also on ${b.alsoLanes.join(', ')}`;
  return `  ${b.lane} at ${offset(b.offsetMs)} (${clock(b.tsMs)}): ${count(b.total)} warnings and errors in ${duration(b.endMs - b.tsMs)}, usual ${count(b.baseline)} a minute; the other rollout had ${count(b.otherTotal)} then${also}`;
}

/** The comparison as text: a side-by-side table, then what differs. */
export function comparisonText(c: RolloutComparison): string {
  const table = rows(c);
  const labelWidth = Math.max(...table.map(([label]) => label.length)) + 2;
  const columnWidth = Math.max(...table.map(([, a]) => a.length)) + 2;
  const lines = table.map(([label, a, b]) => `${label.padEnd(labelWidth)}${a.padEnd(columnWidth)}${b}`.trimEnd());
  const list = <T>(title: string, items: T[], line: (item: T) => string) => [title, ...(items.length === 0 ? ['  none'] : items.map(line))];
  return [
    `A: ${c.a.rolloutId} in ${c.a.incidentPath}`,
    `B: ${c.b.rolloutId} in ${c.b.incidentPath}`,
    `Aligned at their starts (T+0); compared over the first ${duration(c.alignedMs)} of each. These are heuristics: differences to check, not causes.`,
    '',
    ...lines,
    '',
    ...list('Differences:', c.phaseDifferences, (s) => `  ${s}`),
    ...list('Patterns only in A:', c.onlyInA, patternLine),
    ...list('Patterns only in B:', c.onlyInB, patternLine),
    ...list('Bursts only in A:', c.burstsOnlyInA, burstLine),
    ...list('Bursts only in B:', c.burstsOnlyInB, burstLine),
  ].join('\n');
}

/** Adds `compare` under the `insight` command. */
export function registerCompareCommand(insight: Command, io: CommandOutput): void {
  insight
    .command('compare')
    .description('Compare two rollouts aligned at their starts: two in one incident, or one in each of two incident files.')
    .argument('<incident>', 'incident file (*.hindsight) with rollout A')
    .argument('[other]', 'another incident file with rollout B (default: rollout B is in the first file)')
    .option('--rollout-a <id>', 'rollout A by id (default: the first rollout of <incident>)')
    .option('--rollout-b <id>', 'rollout B by id (default: the first rollout of [other], else the second of <incident>)')
    .option('--json', 'print the comparison as one JSON object (see docs/cli.md)')
    .action(function (this: Command, incidentPath: string, otherPath: string | undefined) {
      const options = this.optsWithGlobals<{ json?: boolean; rolloutA?: string; rolloutB?: string }>();
      const incident = IncidentDb.open(resolve(incidentPath), { readOnly: true });
      try {
        const comparison = compareIncidentRollouts(incident, {
          ...(options.rolloutA === undefined ? {} : { a: options.rolloutA }),
          ...(options.rolloutB === undefined ? {} : { b: options.rolloutB }),
          ...(otherPath === undefined ? {} : { otherPath: resolve(otherPath) }),
        });
        io.out(options.json ? `${JSON.stringify(comparison)}\n` : `${comparisonText(comparison)}\n`);
      } finally {
        incident.close();
      }
    });
}
