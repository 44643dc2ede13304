/**
 * Crash trials for imports: run the real `hindsight import` in a child process (import-child.ts), kill
 * it with SIGKILL at a seeded random moment, then check what a user would find — the incident passes
 * `PRAGMA integrity_check`, no source looks complete unless every line is in it, and importing the same
 * file again resumes the source and ends with exactly what a clean import gives. Shared by
 * test/integration/kill-trials.test.ts (100 trials) and scripts/kill-trials.mjs (as many as asked).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeJsonLinesFile, seededRandom } from '../../bench/jsonl-generator';
import { buildDerivedTables } from '../../src/store/derived-tables';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';

const REPO = resolve(__dirname, '../..');
const RUN_TS = join(REPO, 'bin', 'run-ts.mjs');
const CHILD = join(REPO, 'test', 'support', 'import-child.ts');

/** What a clean import of the trial log gives; every trial must end with the same. */
export interface ImportFingerprint {
  sources: number;
  lines: number;
  events: number;
  unparsed: number;
  /** Sums over every event row (line numbers, times, message lengths), so a duplicate or a gap shows. */
  lineStartSum: number;
  tsMsSum: number;
  messageChars: number;
  /** Documents in the full-text index, so a derived table rebuilt after the kill is checked too. */
  searchRows: number;
}

/** Where the import was when the kill landed. */
export type KillStage = 'no-incident-yet' | 'no-source-yet' | 'mid-import' | 'source-complete' | 'finished-before-kill';

/** One trial's result (the trial threw if any check failed). */
export interface TrialOutcome {
  trial: number;
  delayMs: number;
  stage: KillStage;
  /** Lines the killed import had committed (0 when there was no source yet). */
  linesDoneAtKill: number;
}

/** A prepared run: the log, what a clean import gives, and how long one takes in the child. */
export interface KillTrialPlan {
  dir: string;
  logPath: string;
  lineCount: number;
  reference: ImportFingerprint;
  /** Go-ahead to exit of one clean child import, in ms; kills are spread over a little more than this. */
  cleanImportMs: number;
}

/** A child that has loaded the import code and waits for its go-ahead. */
interface WarmChild {
  child: ChildProcess;
  incidentPath: string;
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** What the child wrote to stderr so far. */
  stderr(): string;
}

function startChild(incidentPath: string, logPath: string): WarmChild {
  const child = spawn(process.execPath, [RUN_TS, CHILD, incidentPath, logPath], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const ready = new Promise<void>((done, fail) => {
    child.stdout?.once('data', () => done());
    void exited.then((code) => fail(new Error(`the import child exited (${code}) before it was ready: ${stderr}`)));
  });
  // A prepared child that is never used (the last trial failed) is killed; that is not an error by itself.
  ready.catch(() => undefined);
  // NOTE: the child's stdout must keep draining, or a full pipe would block it and skew kill moments.
  child.stdout?.resume();
  return { child, incidentPath, ready, exited, stderr: () => stderr };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function fail(message: string): never {
  throw new Error(message);
}

/** The fingerprint of an incident's imported content. */
export function fingerprintOf(incident: IncidentDb): ImportFingerprint {
  const db = incident.db;
  const sources = db.prepare("SELECT COUNT(*) AS sources, COALESCE(SUM(line_count), 0) AS lines FROM sources WHERE status = 'complete'").get() as { sources: number; lines: number };
  const events = db.prepare('SELECT COUNT(*) AS events, COALESCE(SUM(line_start), 0) AS lineStartSum, COALESCE(SUM(ts_ms), 0) AS tsMsSum, COALESCE(SUM(LENGTH(message)), 0) AS messageChars FROM events').get() as {
    events: number;
    lineStartSum: number;
    tsMsSum: number;
    messageChars: number;
  };
  const unparsed = db.prepare('SELECT COUNT(*) FROM unparsed').pluck().get() as number;
  const searchRows = db.prepare('SELECT COUNT(*) FROM search_order').pluck().get() as number;
  return { ...sources, ...events, unparsed, searchRows };
}

/** Writes the log and imports it cleanly in this process and once in a child, to know what to expect. */
export async function prepareKillTrials(dir: string, lineCount: number, seed = 20261110): Promise<KillTrialPlan> {
  const logPath = join(dir, 'rollout.jsonl');
  writeJsonLinesFile(logPath, lineCount, seed);
  const referencePath = join(dir, 'reference.hindsight');
  const incident = IncidentDb.open(referencePath, { create: true });
  let reference: ImportFingerprint;
  try {
    await importPaths(incident, [logPath]);
    buildDerivedTables(incident);
    reference = fingerprintOf(incident);
  } finally {
    incident.close();
  }
  const warm = startChild(join(dir, 'timing.hindsight'), logPath);
  await warm.ready;
  const startedMs = performance.now();
  warm.child.stdin?.end('go\n');
  const code = await warm.exited;
  const cleanImportMs = performance.now() - startedMs;
  if (code !== 0) fail(`a clean child import exited with ${code}`);
  removeIncident(warm.incidentPath);
  return { dir, logPath, lineCount, reference, cleanImportMs };
}

function removeIncident(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** What the killed import left, checked before anything touches the file. */
function inspectKilled(incidentPath: string, lineCount: number): { stage: KillStage; linesDone: number } {
  if (!existsSync(incidentPath) || statSync(incidentPath).size === 0) return { stage: 'no-incident-yet', linesDone: 0 };
  const incident = IncidentDb.open(incidentPath);
  try {
    const integrity = incident.db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') fail(`integrity_check after the kill: ${integrity}`);
    const rows = incident.db.prepare('SELECT id, status, line_count, lines_done, event_count, unparsed_count FROM sources').all() as {
      id: number;
      status: string;
      line_count: number;
      lines_done: number;
      event_count: number;
      unparsed_count: number;
    }[];
    if (rows.length > 1) fail(`the killed import left ${rows.length} sources for one file`);
    const source = rows[0];
    if (source === undefined) return { stage: 'no-source-yet', linesDone: 0 };
    const stored = incident.db.prepare('SELECT (SELECT COUNT(*) FROM events WHERE source_id = ?) + (SELECT COUNT(*) FROM unparsed WHERE source_id = ?)').pluck().get(source.id, source.id) as number;
    if (stored !== source.event_count + source.unparsed_count) fail(`source counts ${source.event_count}+${source.unparsed_count} but ${stored} rows are stored`);
    if (source.status === 'complete') {
      if (source.line_count !== lineCount || stored !== lineCount) fail(`a source marked complete holds ${stored} of ${lineCount} lines`);
      return { stage: 'source-complete', linesDone: source.lines_done };
    }
    if (source.status !== 'importing' && source.status !== 'failed') fail(`unexpected source status ${source.status}`);
    if (stored !== source.lines_done) fail(`an unfinished source records ${source.lines_done} lines done but stores ${stored} rows`);
    return { stage: 'mid-import', linesDone: source.lines_done };
  } finally {
    incident.close();
  }
}

/** Imports the file again in this process and checks it resumed and ended exactly like a clean import. */
async function resumeAndCompare(plan: KillTrialPlan, incidentPath: string, linesDoneAtKill: number, stage: KillStage): Promise<void> {
  const incident = IncidentDb.open(incidentPath, { create: true });
  try {
    const summary = await importPaths(incident, [plan.logPath]);
    buildDerivedTables(incident);
    const source = summary.sources[0] ?? fail('the re-import returned no source');
    if (stage === 'mid-import' && source.resumedAfterLine !== linesDoneAtKill) {
      fail(`the re-import did not resume after line ${linesDoneAtKill} (resumedAfterLine ${String(source.resumedAfterLine)})`);
    }
    const integrity = incident.db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') fail(`integrity_check after the re-import: ${integrity}`);
    const got = fingerprintOf(incident);
    if (JSON.stringify(got) !== JSON.stringify(plan.reference)) fail(`after the re-import ${JSON.stringify(got)}, a clean import gives ${JSON.stringify(plan.reference)}`);
  } finally {
    incident.close();
  }
}

/**
 * Runs `trials` trials: each kills a child import after a random delay (seeded by `seed`), inspects
 * the incident, re-imports and compares. The next child loads while the current trial is checked.
 * Throws on the first failed check, naming the trial, its delay and the seed.
 */
export async function runKillTrials(plan: KillTrialPlan, trials: number, seed: number, onTrial?: (outcome: TrialOutcome) => void): Promise<TrialOutcome[]> {
  const random = seededRandom(seed);
  const windowMs = plan.cleanImportMs * 1.1;
  const outcomes: TrialOutcome[] = [];
  const incidentOf = (trial: number): string => join(plan.dir, `trial-${trial}.hindsight`);
  let next = startChild(incidentOf(0), plan.logPath);
  try {
    for (let trial = 0; trial < trials; trial++) {
      const current = next;
      await current.ready;
      if (trial + 1 < trials) next = startChild(incidentOf(trial + 1), plan.logPath);
      const delayMs = Math.round(random() * windowMs);
      current.child.stdin?.end('go\n');
      const finished = await Promise.race([current.exited.then(() => true), sleep(delayMs).then(() => false)]);
      if (!finished) current.child.kill('SIGKILL');
      const code = await current.exited;
      try {
        if (finished && code !== 0) fail(`the import finished before the kill but exited with ${code}: ${current.stderr()}`);
        const inspected = inspectKilled(current.incidentPath, plan.lineCount);
        const stage: KillStage = finished ? 'finished-before-kill' : inspected.stage;
        await resumeAndCompare(plan, current.incidentPath, inspected.linesDone, stage);
        const outcome = { trial, delayMs, stage, linesDoneAtKill: inspected.linesDone };
        outcomes.push(outcome);
        onTrial?.(outcome);
      } catch (err) {
        throw new Error(`Kill trial ${trial} (seed ${seed}, killed ${delayMs} ms after the go-ahead): ${(err as Error).message}`, { cause: err });
      }
      removeIncident(current.incidentPath);
    }
  } finally {
    if (next.child.exitCode === null) next.child.kill('SIGKILL');
  }
  return outcomes;
}

/** Trials per stage, for the summary line. */
export function countStages(outcomes: readonly TrialOutcome[]): Record<KillStage, number> {
  const counts: Record<KillStage, number> = { 'no-incident-yet': 0, 'no-source-yet': 0, 'mid-import': 0, 'source-complete': 0, 'finished-before-kill': 0 };
  for (const outcome of outcomes) counts[outcome.stage]++;
  return counts;
}
