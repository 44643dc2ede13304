/**
 * The process the kill trials SIGKILL. It loads the import command, prints `ready`, waits for a line on
 * standard input, then runs what `hindsight import <incident> <log> --json` runs (runImportCommand,
 * src/cli/import-command.ts: open or create, import, build derived tables, close). Loading before the
 * go-ahead lets a trial start the next child while the current one is checked, and aim its kill at the
 * import rather than at Node's start-up; skipping commander and the other commands keeps loading short.
 * Usage: node bin/run-ts.mjs test/support/import-child.ts <incident> <log>
 */
import { once } from 'node:events';
import { runImportCommand } from '../../src/cli/import-command';

const [incidentPath, logPath] = process.argv.slice(2);
if (incidentPath === undefined || logPath === undefined) {
  process.stderr.write('Usage: import-child <incident> <log>\n');
  process.exit(2);
}
const io = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text), isErrTty: false };
process.stdout.write('ready\n');
void once(process.stdin, 'data').then(async () => {
  process.stdin.pause();
  process.exitCode = await runImportCommand(io, incidentPath, [logPath], { json: true });
});
