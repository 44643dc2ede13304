/**
 * Starts one of the core's worker-thread entries (the parse worker, the fleet worker) from wherever the
 * code runs: the bundled `<name>.js` beside this code when it exists (the Electron build puts every
 * entry next to main.js in .vite/build), else the TypeScript source through tsx (CLI, tests, benchmarks).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Starts the worker whose bundle is `<bundledName>.js` and whose source is `sourcePath` (absolute, .ts). */
export function startWorker(bundledName: string, sourcePath: string, workerData?: unknown): Worker {
  const bundled = join(__dirname, `${bundledName}.js`);
  if (existsSync(bundled)) return new Worker(bundled, { workerData });
  // NOTE: a worker does not inherit the parent's tsx hooks, and `--import tsx` in execArgv does not
  // reach worker threads on Node 20, so the worker registers tsx itself before loading the entry.
  const tsxApi = createRequire(__filename).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsxApi)}).register();\nrequire(${JSON.stringify(sourcePath)});`, { eval: true, workerData });
}
