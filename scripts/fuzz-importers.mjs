#!/usr/bin/env node
// The longer importer fuzz run: the same properties as test/unit/fuzz/importers.fuzz.test.ts with many
// more runs per format and a 50 MiB single line. Usage: node scripts/fuzz-importers.mjs [runs] [seed]
// (defaults 200 runs, a random seed; the seed is printed so a failure can be replayed).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.argv[2] ?? '200';
const seed = process.argv[3] ?? String(Math.floor(Math.random() * 2 ** 31));
process.stdout.write(`Fuzzing every registered importer: ${runs} runs per format, seed ${seed}, 50 MiB giant line.\n`);
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/unit/fuzz', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HINDSIGHT_FUZZ_RUNS: runs, HINDSIGHT_FUZZ_SEED: seed, HINDSIGHT_FUZZ_GIANT_MIB: '50' },
});
process.exit(result.status ?? 1);
