#!/usr/bin/env node
// Runs one TypeScript file through tsx, e.g. `node bin/run-ts.mjs bench/run-all.ts [args...]`.
// Both tsx hooks are registered: the package is CommonJS by default, so .ts files load through require.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

const [, , script, ...rest] = process.argv;
if (!script) {
  process.stderr.write('Usage: node bin/run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
registerCjs();
registerEsm();
process.argv = [process.argv[0], resolve(script), ...rest];
await import(pathToFileURL(resolve(script)).href);
