/**
 * Benchmark: linking the shipped runbooks to the sample incident (270k events). Five runs of the one
 * SQL scan that evaluates every runbook's rules and groups matches into links, five runs of the full
 * re-link (scan plus storing links and snapshots), and the cached answer once links are stored.
 * Also the same scan with the rules multiplied to 50 runbooks, to show how it grows with the library.
 * Prints JSON lines with medians (milliseconds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleIncident } from '../src/sample/sample-incident';
import { RunbookLibrary } from '../src/runbooks/runbook-library';
import { MATCH_GAP_MS, RunbookLinker, compileMatchers } from '../src/runbooks/runbook-linker';
import { IncidentDb } from '../src/store/incident-db';
import { findMatchClusters } from '../src/store/runbook-links';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(2));
}

function timed(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-runbooks-'));
  try {
    const path = join(dir, 'sample.hindsight');
    const summary = await writeSampleIncident(path);
    const library = new RunbookLibrary({ shippedDir: join(__dirname, '..', 'runbooks'), dataDir: join(dir, 'data'), isWatching: false });
    const incident = IncidentDb.open(path);
    try {
      const matchers = compileMatchers(library.all());
      const scans = Array.from({ length: RUNS }, () => timed(() => findMatchClusters(incident, matchers, MATCH_GAP_MS)));
      const linker = new RunbookLinker(library);
      const relinks = Array.from({ length: RUNS }, () => timed(() => linker.links(incident, false, true)));
      const cached = Array.from({ length: RUNS }, () => timed(() => linker.links(incident)));
      const many = Array.from({ length: 50 }, (_, index) => ({ ...matchers[index % matchers.length]!, runbookId: `rb-${index}` }));
      const manyScans = Array.from({ length: 3 }, () => timed(() => findMatchClusters(incident, many, MATCH_GAP_MS)));
      const links = linker.links(incident).length;
      console.log(JSON.stringify({ bench: 'runbook-linking', events: summary.totals.events, runbooks: matchers.length, links, scanMedianMs: median(scans), relinkMedianMs: median(relinks), cachedMedianMs: median(cached) }));
      console.log(JSON.stringify({ bench: 'runbook-linking-50', events: summary.totals.events, runbooks: many.length, scanMedianMs: median(manyScans) }));
    } finally {
      incident.close();
      library.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
