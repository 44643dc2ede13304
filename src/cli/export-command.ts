/**
 * `hindsight export` (the postmortem as md/html/pdf, the events as Timesketch csv/jsonl or Chrome trace
 * JSON) and `hindsight merge` (a colleague's annotations into this incident). See docs/cli.md.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../model/postmortem';
import { exportIncident } from '../postmortem/export';
import { mergeIncidentNotes } from '../store/annotation-merge';
import { IncidentDb } from '../store/incident-db';

/** Where the commands write (the CLI's io). */
export interface CommandOutput {
  out(text: string): void;
}

function formatOption(value: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  return value as ExportFormat;
}

/** Adds `export` and `merge` to the program. */
export function registerExportCommands(program: Command, io: CommandOutput): void {
  program
    .command('export')
    .description('Export the postmortem (md, html, pdf) or the events (Timesketch csv/jsonl, Chrome trace JSON for Perfetto).')
    .argument('<incident>', 'incident file (*.hindsight)')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, formatOption)
    .option('--out <path>', 'file to write (default: beside the incident, named after it)')
    .option('--json', 'print { format, path, bytes, events, extraPaths } as JSON')
    .action(async (incidentPath: string, options: { format: ExportFormat; out?: string; json?: boolean }) => {
      const incident = IncidentDb.open(resolve(incidentPath));
      try {
        const result = await exportIncident(incident, options.format, options.out === undefined ? undefined : resolve(options.out));
        if (options.json) {
          io.out(`${JSON.stringify({ format: result.format, path: result.path, bytes: result.bytes, events: result.eventCount, extraPaths: result.extraPaths })}\n`);
        } else {
          const what = result.eventCount > 0 ? `${result.eventCount.toLocaleString('en-US')} events` : `${result.bytes.toLocaleString('en-US')} bytes`;
          const extra = result.extraPaths.length > 0 ? ` (and ${result.extraPaths.join(', ')})` : '';
          io.out(`Wrote ${result.path}: ${what}${extra}.\n`);
        }
      } finally {
        incident.close();
      }
    });

  program
    .command('merge')
    .description('Merge annotations, stars and postmortem text from a colleague’s copy of the same incident (no duplicates; the newer edit wins).')
    .argument('<incident>', 'incident file to merge into (*.hindsight)')
    .argument('<from>', 'the colleague’s copy (opened read-only, never changed)')
    .option('--json', 'print the merge summary as JSON')
    .action((incidentPath: string, fromPath: string, options: { json?: boolean }) => {
      const incident = IncidentDb.open(resolve(incidentPath));
      try {
        const summary = mergeIncidentNotes(incident, fromPath);
        if (options.json) {
          io.out(`${JSON.stringify(summary)}\n`);
        } else {
          io.out(
            `Merged ${summary.fromPath}: ${summary.added} added, ${summary.updated} updated, ${summary.deleted} deleted, ${summary.unchanged} unchanged annotations; ` +
              `${summary.starsAdded} stars and ${summary.sectionsUpdated} postmortem fields taken.` +
              (summary.anchorsSkipped > 0 ? ` ${summary.anchorsSkipped} event references were skipped because those events differ between the files.` : '') +
              '\n',
          );
        }
      } finally {
        incident.close();
      }
    });
}
