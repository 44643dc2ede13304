/**
 * One import in a fresh process, for bench/import-jsonl.ts: `node bin/run-ts.mjs bench/import-child.ts
 * <input> <incident>` imports the input into a new incident, builds the derived tables phase by phase
 * (as every import path does), and prints one JSON object with the timings and this process's peak RSS,
 * so memory figures are the import's own and not the benchmark harness's.
 */
import { importPaths } from '../src/importers/import-paths';
import { buildDerivedTables } from '../src/store/derived-tables';
import { IncidentDb } from '../src/store/incident-db';
import { buildLod } from '../src/store/lod-build';
import { fleetModelOf } from '../src/store/replay-cache';
import { buildSearchIndex } from '../src/store/search-index';
import { secondsSince } from './bench-stats';

function msSince(startedNs: bigint): number {
  return Math.round(secondsSince(startedNs) * 1000);
}

async function main(): Promise<void> {
  const [inputPath, incidentPath] = process.argv.slice(2);
  if (inputPath === undefined || incidentPath === undefined) throw new Error('usage: import-child.ts <input> <incident>');
  const incident = IncidentDb.open(incidentPath, { create: true });
  const startedCpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const summary = await importPaths(incident, [inputPath]);
  const storeSeconds = secondsSince(started);
  let phase = process.hrtime.bigint();
  buildLod(incident);
  const lodMs = msSince(phase);
  phase = process.hrtime.bigint();
  buildSearchIndex(incident);
  const searchIndexMs = msSince(phase);
  phase = process.hrtime.bigint();
  fleetModelOf(incident);
  const fleetModelMs = msSince(phase);
  // Anything else the import paths build (a no-op for the tables above, which are now current).
  phase = process.hrtime.bigint();
  buildDerivedTables(incident);
  const otherDerivedMs = msSince(phase);
  const endToEndSeconds = secondsSince(started);
  const cpu = process.cpuUsage(startedCpu);
  incident.close();
  process.stdout.write(
    `${JSON.stringify({
      events: summary.totals.events,
      storeSeconds,
      endToEndSeconds,
      lodMs,
      searchIndexMs,
      fleetModelMs,
      otherDerivedMs,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
