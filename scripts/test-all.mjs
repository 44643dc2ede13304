#!/usr/bin/env node
// `npm test`: every check CI runs, in order, stopping at the first failure.
// Type-check, lint, unit + integration tests, Forge's Vite bundles, then Playwright end to end.
import { spawnSync } from 'node:child_process';

const steps = [
  ['native module check', 'node', ['scripts/ensure-native.mjs']],
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['unit and integration tests', 'npx', ['vitest', 'run']],
  ['Forge Vite bundles', 'node', ['scripts/build-bundles.mjs']],
  ['end-to-end tests (Chromium)', 'npx', ['playwright', 'test']],
];

for (const [name, command, args] of steps) {
  const startedMs = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\nnpm test failed at "${name}" after ${seconds} s; the output above says why.`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${name}: ok (${seconds} s) ===`);
}
console.log('\nAll checks passed.');
