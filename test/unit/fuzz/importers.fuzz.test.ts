/**
 * Property-based tests of every registered format through the public importPaths: hostile bytes never
 * crash or hang an import, and every line of every source is accounted for (in an event's line range
 * or an unparsed record, never both). Runs are few here to keep CI cheap; set HINDSIGHT_FUZZ_RUNS or
 * run scripts/fuzz-importers.mjs for a longer search.
 * NOTE: the formats come from the registry, so a newly registered format is fuzzed automatically.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../../src/importers/import-paths';
import { FORMATS } from '../../../src/importers/registry';
import { IncidentDb } from '../../../src/store/incident-db';
import { useTempDirs } from '../../support/temp-dir';
import { accountSources, deeplyNestedJson, hostileFile } from './importer-fuzz-support';

const tempDir = useTempDirs();
/** Property runs per format (CI default 4). */
const RUNS = Number(process.env.HINDSIGHT_FUZZ_RUNS ?? 4);
/** Size of the giant single line, in MiB (default 8; the longer script uses 50). */
const GIANT_LINE_MIB = Number(process.env.HINDSIGHT_FUZZ_GIANT_MIB ?? 8);
/** Per-test time limit, in milliseconds: generous, and growing with the number of runs. */
const TEST_TIMEOUT_MS = 60_000 + RUNS * 5_000;
const SEED = process.env.HINDSIGHT_FUZZ_SEED === undefined ? undefined : Number(process.env.HINDSIGHT_FUZZ_SEED);

function expectAccounted(incident: IncidentDb): void {
  for (const account of accountSources(incident)) {
    expect(account, account.path).toMatchObject({ uncoveredLines: 0, doublyCoveredLines: 0, outOfRange: 0 });
    expect(account.status, account.path).toBe('complete');
  }
}

describe('importing hostile files', () => {
  it.each([...FORMATS.map((format) => format.name), '(sniffed)'])('%s: arbitrary, truncated, mis-encoded and NUL-filled files import with every line accounted for', async (formatName) => {
    const dir = tempDir();
    const incident = IncidentDb.open(join(dir, 'fuzz.hindsight'), { create: true });
    let fileIndex = 0;
    try {
      await fc.assert(
        fc.asyncProperty(hostileFile(), async (bytes) => {
          const path = join(dir, `input-${fileIndex++}.log`);
          writeFileSync(path, bytes);
          await importPaths(incident, [path], { format: formatName === '(sniffed)' ? undefined : formatName, timeZone: 'UTC' });
          expectAccounted(incident);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    } finally {
      incident.close();
    }
  }, TEST_TIMEOUT_MS);

  it('flags a giant single line instead of crashing, and keeps the lines around it', async () => {
    const dir = tempDir();
    const path = join(dir, 'giant.jsonl');
    const giant = Buffer.alloc(GIANT_LINE_MIB * 1024 * 1024, 'x');
    writeFileSync(path, Buffer.concat([Buffer.from('{"ts":"2026-11-10T14:00:00Z","msg":"before"}\n'), giant, Buffer.from('\n{"ts":"2026-11-10T14:00:01Z","msg":"after"}\n')]));
    const incident = IncidentDb.open(join(dir, 'giant.hindsight'), { create: true });
    try {
      const summary = await importPaths(incident, [path], { timeZone: 'UTC' });
      expect(summary.sources[0]).toMatchObject({ lines: 3, events: 2, unparsed: 1 });
      expectAccounted(incident);
    } finally {
      incident.close();
    }
  }, TEST_TIMEOUT_MS);

  it('reads deeply nested JSON without a stack overflow', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested.jsonl');
    writeFileSync(path, `${deeplyNestedJson(20_000)}\n{"ts":"2026-11-10T14:00:01Z","msg":"after"}\n`);
    const incident = IncidentDb.open(join(dir, 'nested.hindsight'), { create: true });
    try {
      const summary = await importPaths(incident, [path], { timeZone: 'UTC' });
      expect(summary.sources[0]?.lines).toBe(2);
      expectAccounted(incident);
    } finally {
      incident.close();
    }
  }, 60_000);

  it('walks a folder with symlink loops without hanging, importing each real file once', async () => {
    const dir = tempDir();
    const logs = join(dir, 'logs');
    mkdirSync(join(logs, 'nested'), { recursive: true });
    writeFileSync(join(logs, 'nested', 'app.jsonl'), '{"ts":"2026-11-10T14:00:00Z","msg":"one"}\n');
    symlinkSync(logs, join(logs, 'nested', 'loop'));
    symlinkSync(join(logs, 'nested'), join(logs, 'back'));
    symlinkSync(join(logs, 'self'), join(logs, 'self'));
    const incident = IncidentDb.open(join(dir, 'loops.hindsight'), { create: true });
    try {
      const summary = await importPaths(incident, [logs], { timeZone: 'UTC' });
      expect(summary.totals.events).toBe(1);
      expectAccounted(incident);
    } finally {
      incident.close();
    }
  }, 60_000);
});
