/**
 * `hindsight insight <incident>`: the ranked "what changed" findings (new message patterns, bursts,
 * silences, periodic jobs colliding with rollout phases), each with its numbers. See docs/cli.md.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { InsightReport } from '../model/insight';
import { IncidentDb } from '../store/incident-db';
import { insightReport } from '../store/insight-report';
import { registerCompareCommand } from './compare-command';
import type { CommandOutput } from './export-command';

function reportText(report: InsightReport, limit: number): string {
  const shown = report.findings.filter((f) => !f.isDismissed).slice(0, limit);
  const header =
    `${report.findings.length} findings from ${report.patternCount.toLocaleString('en-US')} message patterns in ${report.eventCount.toLocaleString('en-US')} events; ` +
    `new patterns are measured from ${report.sinceLabel}. These are heuristics: leads to check, not causes.`;
  const rows = shown.map((f, i) => `${String(i + 1).padStart(3)}. [${f.kind}, score ${f.score}] ${f.title}\n       why: ${f.evidence.numbers.map((n) => `${n.label} ${n.value}`).join('; ')}`);
  return [header, ...rows].join('\n');
}

/** Adds `insight` to the program. */
export function registerInsightCommand(program: Command, io: CommandOutput): void {
  const insight = program
    .command('insight')
    .description('List what changed when the rollout began: new message patterns, bursts, silences, periodic jobs colliding with rollout phases.')
    .argument('<incident>', 'incident file (*.hindsight)')
    .option('--json', 'print the whole report (every finding with its evidence) as one JSON object (see docs/cli.md)')
    .option('--limit <n>', 'show at most this many findings in text output (default 20)', (v) => Math.max(1, Number.parseInt(v, 10) || 20), 20)
    .action((incidentPath: string, options: { json?: boolean; limit: number }) => {
      const incident = IncidentDb.open(resolve(incidentPath));
      try {
        const report = insightReport(incident);
        io.out(options.json ? `${JSON.stringify(report)}\n` : `${reportText(report, options.limit)}\n`);
      } finally {
        incident.close();
      }
    });
  registerCompareCommand(insight, io);
}
