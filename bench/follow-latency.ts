/**
 * Benchmark: how long new lines of a followed file take to reach the timeline during a live incident.
 * Opens an incident (the sample, and a generated 1,000,000-event one unless BENCH_FOLLOW_LARGE=0),
 * answers a first view, then follows a new, empty log file and appends a few lines at a time
 * (BENCH_FOLLOW_POLLS times). Each figure runs from the append to the answers the UI asks for after
 * `incident.changed`: whole-incident density, fleet state at the newest line, the event list there and
 * a full-text search. Prints the median and worst over the polls; target: within one second.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Follower } from '../src/importers/follow';
import { importPaths } from '../src/importers/import-paths';
import { writeSampleIncident } from '../src/sample/sample-incident';
import { parseFilter } from '../src/search/filter-parser';
import { queryDensity } from '../src/store/density-query';
import { buildDerivedTables } from '../src/store/derived-tables';
import { eventsAround } from '../src/store/event-queries';
import { IncidentDb } from '../src/store/incident-db';
import { readIncidentInfo } from '../src/store/incident-queries';
import { fleetModelOf, keepFleetBuilder } from '../src/store/replay-cache';
import { median } from './bench-stats';
import { writeJsonLinesFile } from './jsonl-generator';

const POLLS = Number(process.env.BENCH_FOLLOW_POLLS ?? 12);
const LINES_PER_APPEND = 5;
const TARGET_MS = 1000;

const round = (ms: number): number => Number(ms.toFixed(1));

/** The answers the UI asks for after new lines arrive; returns whether the newest line is in them. */
function viewAfterAppend(incident: IncidentDb, newestTsMs: number, marker: string): boolean {
  const info = readIncidentInfo(incident);
  queryDensity(incident, info.firstTsMs!, info.lastTsMs! + 1, 600, 'source');
  fleetModelOf(incident).stateAt(newestTsMs);
  eventsAround(incident, newestTsMs, 50, 150);
  const found = eventsAround(incident, newestTsMs, 50, 150, parseFilter(marker));
  return found.events.some((event) => event.tsMs === newestTsMs);
}

async function measure(label: string, path: string, dir: string): Promise<void> {
  const incident = IncidentDb.open(path);
  const startMs = readIncidentInfo(incident).lastTsMs! + 60_000;
  viewAfterAppend(incident, startMs, 'livemarker');
  const log = join(dir, `${label}-live.jsonl`);
  writeFileSync(log, '');
  let appended = 0;
  const follower = new Follower(incident, () => appended++);
  await follower.follow(log);
  await keepFleetBuilder(incident); // as the import.follow API call does (it does not wait for it)
  const totals: number[] = [];
  const queries: number[] = [];
  let events = 0;
  try {
    for (let poll = 1; poll <= POLLS; poll++) {
      const newestTsMs = startMs + poll * 1000;
      const lines = Array.from({ length: LINES_PER_APPEND }, (_, i) =>
        JSON.stringify({ ts: new Date(newestTsMs - (LINES_PER_APPEND - 1 - i) * 10).toISOString(), level: 'error', host: `live-${poll % 3}`, msg: `livemarker ${poll}.${i}` }),
      );
      const before = appended;
      const appendedAt = performance.now();
      appendFileSync(log, `${lines.join('\n')}\n`);
      while (appended === before) await new Promise((resolve) => setTimeout(resolve, 5));
      const queriedAt = performance.now();
      if (!viewAfterAppend(incident, newestTsMs, 'livemarker')) throw new Error(`poll ${poll}: the appended line is not in the answers`);
      totals.push(performance.now() - appendedAt);
      queries.push(performance.now() - queriedAt);
      // Lines arrive at any moment of the poll cycle, not right after the last poll.
      await new Promise((resolve) => setTimeout(resolve, (poll * 97) % 250));
    }
    events = readIncidentInfo(incident).eventCount;
  } finally {
    await follower.stop();
    incident.close();
  }
  console.log(
    JSON.stringify({
      bench: 'follow.latency',
      incident: label,
      events,
      polls: POLLS,
      appendToViewMsMedian: round(median(totals)),
      appendToViewMsWorst: round(Math.max(...totals)),
      queriesMsMedian: round(median(queries)),
      queriesMsWorst: round(Math.max(...queries)),
      targetMs: TARGET_MS,
    }),
  );
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-follow-'));
  try {
    const samplePath = join(dir, 'sample.hindsight');
    await writeSampleIncident(samplePath);
    await measure('sample', samplePath, dir);
    if (process.env.BENCH_FOLLOW_LARGE !== '0') {
      const largePath = join(dir, 'large.hindsight');
      const logPath = join(dir, 'deploy.jsonl');
      writeJsonLinesFile(logPath, 1_000_000);
      const incident = IncidentDb.open(largePath, { create: true });
      await importPaths(incident, [logPath]);
      buildDerivedTables(incident);
      incident.close();
      rmSync(logPath);
      await measure('generated-1000000', largePath, dir);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
