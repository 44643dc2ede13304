#!/usr/bin/env node
// `npm test`: every check CI runs, in order, stopping at the first failure.
// Type-check, lint, unit + integration tests, Forge's Vite bundles, then Playwright end to end.
// Ends with one plain line, "N passed, N failed, N skipped", summing the two test runners' counts.
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

const steps = [
  { name: 'native module check', command: 'node', args: ['scripts/ensure-native.mjs'] },
  { name: 'type-check', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: 'npx', args: ['eslint', '--max-warnings', '0', '.'] },
  { name: 'unit and integration tests', command: 'npx', args: ['vitest', 'run'], count: vitestCounts },
  { name: 'Forge Vite bundles', command: 'node', args: ['scripts/build-bundles.mjs'] },
  { name: 'end-to-end tests (Chromium)', command: 'npx', args: ['playwright', 'test'], count: playwrightCounts },
];

const totals = { passed: 0, failed: 0, skipped: 0 };

/** Counts from vitest's closing "Tests  1 failed | 595 passed | 2 skipped (598)" line. */
function vitestCounts(output) {
  const line = output.split('\n').find((l) => /^\s*Tests\s+\d/.test(l)) ?? '';
  return { passed: numberBefore(line, 'passed'), failed: numberBefore(line, 'failed'), skipped: numberBefore(line, 'skipped') };
}

/** Counts from Playwright's closing "  28 passed (1.3m)" / "  1 skipped" / "  2 failed" lines. */
function playwrightCounts(output) {
  const count = (word) => output.split('\n').reduce((sum, l) => sum + (new RegExp(`^\\s+(\\d+) ${word}\\b`).exec(l)?.[1] ?? 0) * 1, 0);
  return { passed: count('passed') + count('flaky'), failed: count('failed'), skipped: count('skipped') };
}

function numberBefore(line, word) {
  return Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
}

function run(step) {
  return new Promise((done) => {
    const child = spawn(step.command, step.args, { stdio: ['inherit', step.count ? 'pipe' : 'inherit', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('close', (status) => done({ status, output: stripVTControlCharacters(output) }));
  });
}

for (const step of steps) {
  const startedMs = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const { status, output } = await run(step);
  if (step.count) {
    const counts = step.count(output);
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\nnpm test failed at "${step.name}" after ${seconds} s; the output above says why.`);
    console.log(`${totals.passed} passed, ${Math.max(1, totals.failed)} failed, ${totals.skipped} skipped`);
    process.exit(status ?? 1);
  }
  console.log(`=== ${step.name}: ok (${seconds} s) ===`);
}
console.log('\nAll checks passed.');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
