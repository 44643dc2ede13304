#!/usr/bin/env node
// The longer crash-trial run: the same trials as test/integration/kill-trials.test.ts (SIGKILL the real
// import command at a seeded random moment, check the incident, re-import, compare with a clean import),
// as many times as asked, on a larger log (12.6 MB by default, so the parse worker thread runs too).
// Usage: node scripts/kill-trials.mjs [--trials 1000] [--lines 60000] [--seed N]
// Prints one line per 50 trials and a summary; exits 1 on the first failed trial and keeps its folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/cjs/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    lines: { type: 'string', default: '60000' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
  },
});
const trials = Number(values.trials);
const lines = Number(values.lines);
const seed = Number(values.seed);
if (![trials, lines, seed].every((value) => Number.isInteger(value) && value >= 0) || trials === 0 || lines === 0) {
  process.stderr.write('Usage: node scripts/kill-trials.mjs [--trials N] [--lines N] [--seed N] (positive whole numbers)\n');
  process.exit(2);
}

register();
const { countStages, prepareKillTrials, runKillTrials } = createRequire(import.meta.url)(join(root, 'test', 'support', 'kill-trial.ts'));
const dir = mkdtempSync(join(tmpdir(), 'hindsight-kill-trials-'));
const startedMs = performance.now();
process.stdout.write(`Kill trials: ${trials} trials, ${lines} lines, seed ${seed}, in ${dir}\n`);
try {
  const plan = await prepareKillTrials(dir, lines, seed);
  process.stdout.write(`A clean import takes ${Math.round(plan.cleanImportMs)} ms in the child; kills land from 0 to ${Math.round(plan.cleanImportMs * 1.1)} ms after its go-ahead.\n`);
  const outcomes = await runKillTrials(plan, trials, seed, (outcome) => {
    if ((outcome.trial + 1) % 50 === 0) process.stdout.write(`  ${outcome.trial + 1}/${trials} trials passed\n`);
  });
  const stages = countStages(outcomes);
  const resumedAfterBatches = outcomes.filter((outcome) => outcome.stage === 'mid-import' && outcome.linesDoneAtKill > 0).length;
  process.stdout.write(`All ${outcomes.length} trials passed in ${Math.round((performance.now() - startedMs) / 1000)} s.\n`);
  process.stdout.write(`Where the kills landed: ${Object.entries(stages).map(([stage, count]) => `${stage} ${count}`).join(', ')}; ${resumedAfterBatches} resumed after committed batches.\n`);
  process.stdout.write(`${JSON.stringify({ trials: outcomes.length, lines, seed, failed: 0, stages, resumedAfterBatches })}\n`);
  rmSync(dir, { recursive: true, force: true });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nThe incident and log are kept in ${dir}; rerun with --seed ${seed} to repeat.\n`);
  process.exitCode = 1;
}
