/**
 * One import in a fresh process, for bench/import-jsonl.ts: `node bin/run-ts.mjs bench/import-child.ts
 * <input> <incident>` imports the input into a new incident, builds the derived tables as the API and
 * the CLI do (the fleet model in a worker while the timeline counts and the search index are built
 * here), and prints one JSON object with the timings and this process's peak RSS, so memory figures
 * are the import's own and not the benchmark harness's.
 * With `--phases`, the derived tables are instead built one after another on this thread, each timed.
 */
import { importPaths } from '../src/importers/import-paths';
import { buildDerivedTablesInTurns } from '../src/store/derived-tables';
import { IncidentDb } from '../src/store/incident-db';
import { buildLod } from '../src/store/lod-build';
import { fleetModelOf } from '../src/store/replay-cache';
import { buildSearchIndex } from '../src/store/search-index';
import { secondsSince } from './bench-stats';

function msSince(startedNs: bigint): number {
  return Math.round(secondsSince(startedNs) * 1000);
}

/** Builds the LOD, the search index and the fleet model one after another on this thread, timing each. */
function timedPhases(incident: IncidentDb): { lodMs: number; searchIndexMs: number; fleetModelMs: number } {
  let phase = process.hrtime.bigint();
  buildLod(incident);
  const lodMs = msSince(phase);
  phase = process.hrtime.bigint();
  buildSearchIndex(incident);
  const searchIndexMs = msSince(phase);
  phase = process.hrtime.bigint();
  fleetModelOf(incident);
  return { lodMs, searchIndexMs, fleetModelMs: msSince(phase) };
}

async function main(): Promise<void> {
  const [inputPath, incidentPath] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (inputPath === undefined || incidentPath === undefined) throw new Error('usage: import-child.ts <input> <incident>');
  const incident = IncidentDb.open(incidentPath, { create: true });
  const startedCpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const summary = await importPaths(incident, [inputPath]);
  const storeSeconds = secondsSince(started);
  const phases = process.argv.includes('--phases') ? timedPhases(incident) : null;
  const derivedStarted = process.hrtime.bigint();
  await buildDerivedTablesInTurns(incident);
  const derivedMs = msSince(derivedStarted);
  const endToEndSeconds = secondsSince(started);
  const cpu = process.cpuUsage(startedCpu);
  incident.close();
  process.stdout.write(
    `${JSON.stringify({
      events: summary.totals.events,
      storeSeconds,
      endToEndSeconds,
      derivedMs,
      ...phases,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
