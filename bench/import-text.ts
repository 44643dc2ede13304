/**
 * Benchmark: end-to-end import of a generated 1,000,000-line text log into a fresh incident, three runs
 * per format: BSD syslog (year inferred, local time in a zone with daylight saving, so the per-hour
 * offset cache is exercised) and log4j with a stack trace every 50th entry (multi-line entries).
 * Prints one JSON line per run and a summary per format with the median.
 * NOTE: peakRssMb is process.resourceUsage().maxRSS, the peak of the whole process so far.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { importPaths } from '../src/importers/import-paths';
import { IncidentDb } from '../src/store/incident-db';
import { median } from './bench-stats';

const LINE_COUNT = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const RUNS = 3;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOSTS = ['api-01', 'api-02', 'storage-07', 'worker-13', 'worker-14'];
const TAGS = ['sshd', 'kernel', 'cron', 'rollout-agent', 'systemd'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Writes `lineCount` lines from `lineAt(i)`; returns the bytes written. */
async function writeLines(path: string, lineCount: number, lineAt: (i: number) => string): Promise<number> {
  const out = createWriteStream(path);
  let chunk = '';
  for (let i = 0; i < lineCount; i++) {
    chunk += `${lineAt(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return statSync(path).size;
}

function syslogLine(i: number): string {
  const secondOfRun = Math.floor(i / 10);
  const day = 1 + Math.floor(secondOfRun / 86_400) % 28;
  const hour = Math.floor(secondOfRun / 3600) % 24;
  const host = HOSTS[i % HOSTS.length]!;
  const tag = TAGS[i % TAGS.length]!;
  return `${MONTHS[2]} ${String(day).padStart(2, ' ')} ${pad(hour)}:${pad(Math.floor(secondOfRun / 60) % 60)}:${pad(secondOfRun % 60)} ${host} ${tag}[${1000 + (i % 5000)}]: wave 3 host ${host} drained, upgrade step ${i % 17} of 17 finished in ${i % 900} ms`;
}

function log4jLine(i: number): string {
  const entry = Math.floor(i / 4);
  const secondOfRun = Math.floor(entry / 10);
  const stamp = `2024-03-${pad(1 + (Math.floor(secondOfRun / 86_400) % 28))} ${pad(Math.floor(secondOfRun / 3600) % 24)}:${pad(Math.floor(secondOfRun / 60) % 60)}:${pad(secondOfRun % 60)},${pad(i % 1000, 3)}`;
  if (entry % 50 === 0) {
    const part = i % 4;
    if (part === 0) return `${stamp} ERROR [worker-${entry % 8}] com.example.rollout.HostUpgrader: upgrade of host ${entry % 300} failed`;
    if (part === 1) return 'java.lang.IllegalStateException: rsync exited with 23';
    if (part === 2) return '\tat com.example.rollout.Rsync.run(Rsync.java:118)';
    return '\t... 14 more';
  }
  return `${stamp} INFO [worker-${i % 8}] com.example.rollout.HostUpgrader: host ${i % 300} passed health check ${i % 5} in ${i % 700} ms`;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function benchFormat(dir: string, name: string, lineAt: (i: number) => string, options: { timeZone: string; year?: number }): Promise<void> {
  const inputPath = join(dir, `${name}.log`);
  const bytes = await writeLines(inputPath, LINE_COUNT, lineAt);
  const rates: number[] = [];
  for (let runIndex = 0; runIndex < RUNS; runIndex++) {
    const incidentPath = join(dir, `${name}-${runIndex}.hindsight`);
    const incident = IncidentDb.open(incidentPath, { create: true });
    const started = process.hrtime.bigint();
    const summary = await importPaths(incident, [inputPath], options);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    incident.close();
    const source = summary.sources[0]!;
    if (source.format !== name || source.lines !== LINE_COUNT || source.unparsed !== 0) {
      throw new Error(`${name}: read as ${source.format}, ${source.lines} lines, ${source.unparsed} unparsed`);
    }
    const linesPerSec = Math.round(LINE_COUNT / seconds);
    rates.push(linesPerSec);
    console.log(JSON.stringify({ bench: `import.text.${name}.run`, run: runIndex + 1, lines: LINE_COUNT, events: source.events, bytes, seconds: Number(seconds.toFixed(3)), linesPerSec, peakRssMb: peakRssMb() }));
    rmSync(incidentPath, { force: true });
  }
  console.log(JSON.stringify({ bench: `import.text.${name}`, lines: LINE_COUNT, bytes, linesPerSec: median(rates), peakRssMb: peakRssMb(), medianOf: RUNS }));
}

/** Runs the benchmark and prints JSON lines. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-text-'));
  try {
    await benchFormat(dir, 'syslog-rfc3164', syslogLine, { timeZone: 'America/New_York', year: 2024 });
    await benchFormat(dir, 'log4j', log4jLine, { timeZone: 'Europe/Berlin' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
