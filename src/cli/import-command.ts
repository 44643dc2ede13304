/**
 * `hindsight import`: imports paths (files, folders, archives, `-` for standard input), shows progress on
 * a terminal, stops cleanly on Ctrl+C (at a batch boundary; running the command again resumes), and with
 * `--follow` keeps reading the paths until Ctrl+C.
 */
import { resolve } from 'node:path';
import { Follower, type FollowOptions } from '../importers/follow';
import { importPaths, type ImportOptions } from '../importers/import-paths';
import { STDIN_PATH } from '../importers/stdin-spool';
import type { ImportProgress } from '../model/incident';
import { IncidentDb } from '../store/incident-db';
import { buildDerivedTables, buildDerivedTablesInTurns } from '../store/derived-tables';
import type { CliIo } from './main';
import { importJson, importText } from './output';

/** Options of `hindsight import` besides the paths. */
export interface ImportCommandOptions extends Pick<ImportOptions, 'format' | 'timeZone' | 'year'> {
  /** `--tz`: becomes `timeZone`. */
  tz?: string;
  json?: boolean;
  follow?: boolean;
}

/** Exit code of an import stopped with Ctrl+C (128 + SIGINT), as shells expect. */
export const EXIT_INTERRUPTED = 130;

/** Runs the import command; returns the exit code (0, or {@link EXIT_INTERRUPTED} when cancelled). */
export async function runImportCommand(io: CliIo, incidentPath: string, paths: string[], options: ImportCommandOptions): Promise<number> {
  const incident = IncidentDb.open(resolve(incidentPath), { create: true });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    const showProgress = io.isErrTty && !options.json;
    const { json: _json, follow: _follow, tz, ...importOptions } = options;
    const summary = await importPaths(incident, paths, {
      ...importOptions,
      timeZone: tz ?? importOptions.timeZone,
      signal: controller.signal,
      stdin: paths.includes(STDIN_PATH) ? process.stdin : undefined,
      onProgress: showProgress ? (p) => io.err(`\r${progressLine(p)}\x1b[K`) : undefined,
    });
    if (showProgress) io.err('\r\x1b[K');
    // NOTE: the API's build, so the fleet model of a large import is built on the other core alongside the rest.
    await buildDerivedTablesInTurns(incident);
    io.out(options.json ? `${JSON.stringify(importJson(summary))}\n` : `${importText(summary)}\n`);
    if (summary.cancelled === true) return EXIT_INTERRUPTED;
    if (options.follow === true) await followUntilInterrupted(io, incident, paths.filter((path) => path !== STDIN_PATH), controller.signal, { timeZone: tz ?? importOptions.timeZone, year: importOptions.year });
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    incident.close();
  }
}

/** One progress line: file, percent, lines, rate and time left. */
export function progressLine(p: ImportProgress): string {
  const percent = Math.floor((100 * p.bytesRead) / Math.max(1, p.bytesTotal));
  const rate = p.linesPerSecond === undefined ? '' : `, ${p.linesPerSecond.toLocaleString('en-US')} lines/s`;
  const left = p.remainingMs === undefined || p.remainingMs === null ? '' : `, ${Math.ceil(p.remainingMs / 1000)} s left`;
  const position = p.fileIndex !== undefined && p.fileCount !== undefined && p.fileCount > 1 ? `[${p.fileIndex}/${p.fileCount}] ` : '';
  return `${position}${p.path}: ${p.lines.toLocaleString('en-US')} lines, ${percent}%${rate}${left}`;
}

async function followUntilInterrupted(io: CliIo, incident: IncidentDb, paths: string[], signal: AbortSignal, followOptions: FollowOptions): Promise<void> {
  let appended = 0;
  const follower = new Follower(incident, () => {
    appended++;
  });
  for (const path of paths) await follower.follow(path, followOptions);
  io.err(`Following ${paths.length} path${paths.length === 1 ? '' : 's'}; new lines are imported as they are written. Press Ctrl+C to stop.\n`);
  await new Promise<void>((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
  await follower.poll();
  await follower.stop();
  buildDerivedTables(incident);
  io.err(`Stopped following (${appended} update${appended === 1 ? '' : 's'} imported).\n`);
}
