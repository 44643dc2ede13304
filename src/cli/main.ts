/**
 * The `hindsight` command line: import, query, serve, demo, export, merge and formats. `main` returns the exit code:
 * 0 on success, 1 when the command failed (one sentence on stderr), 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ApiError, toErrorData } from '../api/errors';
import { FORMATS } from '../importers/registry';
import { DEFAULT_MAX_ROWS } from '../store/read-only-query';
import { DEFAULT_QUERY_TIME_LIMIT_MS, runTimedReadOnlyQuery } from '../store/read-only-query-runner';
import { importJson, importText, queryJson, queryText } from './output';
import { registerExportCommands } from './export-command';
import { registerClockCommand } from './clock-command';
import { runImportCommand, type ImportCommandOptions } from './import-command';
import { registerStateCommand } from './state-command';
import { registerInsightCommand } from './insight-command';

/** Exit code of a command that failed. */
export const EXIT_FAILURE = 1;
/** Exit code of a command line that could not be understood. */
export const EXIT_USAGE = 2;

/** Where the CLI writes; tests and embedders may pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress is shown only then). */
  isErrTty: boolean;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isErrTty: process.stderr.isTTY === true,
};

/** The package root (two levels above src/cli). */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer the browser shell serves. */
export const RENDERER_DIR = join(PACKAGE_ROOT, '.vite', 'renderer', 'main_window');

/** App data folder for `serve`: $HINDSIGHT_DATA_DIR, else ~/.hindsight. */
export function dataDir(): string {
  return process.env.HINDSIGHT_DATA_DIR || join(homedir(), '.hindsight');
}

function integerOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return parsed;
  };
}

/** Builds the program; `io` receives all output. */
export function buildProgram(io: CliIo = processIo, outcome: { exitCode: number } = { exitCode: 0 }): Command {
  const program = new Command('hindsight')
    .description('Replay a rollout, follow the runbook, write down what broke.\nIncidents are single SQLite files (*.hindsight).')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('import')
    .description('Import log files or folders into an incident file, creating the incident if it does not exist.')
    .argument('<incident>', 'incident file (*.hindsight); created when missing')
    .argument('<path...>', 'files, folders (walked recursively; hidden files skipped), .zip/.tar.gz/.tgz archives, or - for standard input')
    .option('--json', 'print one JSON object with per-file and total counts (see docs/cli.md)')
    .option('--format <name>', `read every file as this format instead of sniffing (${FORMATS.map((f) => f.name).join(', ')})`)
    .option('--tz <zone>', 'IANA time zone for times written without one, e.g. Europe/Berlin (default: this machine\'s zone)')
    .option('--year <yyyy>', 'year for timestamps written without one (BSD syslog, glog); default: from each file\'s date', integerOption('--year', 1970, 9999))
    .option('--follow', 'after importing, keep reading the files (and new files in the folders) as they grow, until Ctrl+C')
    .action(async (incidentPath: string, paths: string[], options: ImportCommandOptions) => {
      outcome.exitCode = await runImportCommand(io, incidentPath, paths, options);
    });

  program
    .command('query')
    .description('Run one read-only SQL statement against an incident file (the schema is in docs/schema.md).')
    .argument('<incident>', 'incident file (*.hindsight)')
    .argument('<sql>', 'one SELECT (or other read-only) statement')
    .option('--json', 'print { columns, rows, truncated, maxRows } as JSON')
    .option('--max-rows <n>', `return at most this many rows (default ${DEFAULT_MAX_ROWS})`, integerOption('--max-rows', 1, 10_000_000), DEFAULT_MAX_ROWS)
    .option('--time-limit <seconds>', `stop the query after this many seconds (default ${DEFAULT_QUERY_TIME_LIMIT_MS / 1000})`, integerOption('--time-limit', 1, 86_400), DEFAULT_QUERY_TIME_LIMIT_MS / 1000)
    .action(async (incidentPath: string, sql: string, options: { json?: boolean; maxRows: number; timeLimit: number }) => {
      const result = await runTimedReadOnlyQuery(resolve(incidentPath), sql, { maxRows: options.maxRows, timeLimitMs: options.timeLimit * 1000 });
      io.out(options.json ? `${JSON.stringify(queryJson(result))}\n` : `${queryText(result)}\n`);
    });

  program
    .command('serve')
    .description('Serve the Hindsight UI to a browser on this machine (for when the desktop app cannot run).')
    .argument('[incident]', 'incident file to open at start')
    .option('--port <n>', 'TCP port (default: a free one)', integerOption('--port', 0, 65535), 0)
    .option('--host <h>', 'address to listen on (default 127.0.0.1; anything else prints a warning: other machines can then connect)', '127.0.0.1')
    .option('--read-only', 'open incidents read-only and refuse every change')
    .action(async (incidentPath: string | undefined, options: { port: number; host: string; readOnly?: boolean }) => {
      if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
        throw new ApiError('not_found', `The UI is not built (no ${join(RENDERER_DIR, 'index.html')}); run \`npm run build\` first.`);
      }
      const { startHttpShell } = await import('../server/http-shell');
      const shell = await startHttpShell({
        incidentPath: incidentPath === undefined ? undefined : resolve(incidentPath),
        host: options.host,
        port: options.port,
        dataDir: dataDir(),
        rendererDir: RENDERER_DIR,
        readOnly: options.readOnly === true,
      });
      if (shell.warning) io.err(`${shell.warning}\n`);
      if (options.readOnly) io.out('Read-only: viewers can look, but every change is refused.\n');
      io.out(`Hindsight is serving at ${shell.url}\nPress Ctrl+C to stop.\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await shell.close();
    });

  program
    .command('demo')
    .description('Write the sample incident (a simulated rolling OS upgrade) to a new incident file.')
    .argument('<incident>', 'incident file to create (must not exist)')
    .option('--seed <n>', 'random seed; the same seed writes the same incident', integerOption('--seed', 0, 2 ** 31 - 1))
    .option('--json', 'print the import summary as JSON (same shape as import --json)')
    .action(async (incidentPath: string, options: { seed?: number; json?: boolean }) => {
      const { writeSampleIncident } = await import('../sample/sample-incident');
      const summary = await writeSampleIncident(resolve(incidentPath), options.seed === undefined ? {} : { seed: options.seed });
      io.out(options.json ? `${JSON.stringify(importJson(summary))}\n` : `${importText(summary)}\n`);
    });

  registerExportCommands(program, io);
  registerClockCommand(program, io.out);
  registerStateCommand(program, io);
  registerInsightCommand(program, io);

  program
    .command('formats')
    .description('List the log formats the importer knows.')
    .option('--json', 'print [{ name, description }] as JSON')
    .action((options: { json?: boolean }) => {
      const formats = FORMATS.map((f) => ({ name: f.name, description: f.description }));
      if (options.json) io.out(`${JSON.stringify(formats)}\n`);
      else io.out(`${formats.map((f) => `${f.name.padEnd(14)} ${f.description}`).join('\n')}\n`);
    });

  return program;
}

/** Runs the CLI with `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[] = process.argv, io: CliIo = processIo): Promise<number> {
  const outcome = { exitCode: 0 };
  const program = buildProgram(io, outcome);
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv);
    return outcome.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    io.err(`${toErrorData(err).message}\n`);
    return EXIT_FAILURE;
  }
}
