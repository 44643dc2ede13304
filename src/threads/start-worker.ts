/**
 * Starting the core's worker-thread entries (the parse worker, the fleet and LOD workers) from wherever
 * the code runs: the bundled `<name>.js` beside this code when it exists (the Electron build puts every
 * entry next to main.js in .vite/build), else the TypeScript source through tsx (CLI, tests, benchmarks).
 * One-shot workers ({@link runWorkerOnce} with {@link answerOnce}) compute one result from their input and end.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * Starts the worker whose bundle is `<bundledName>.js` and whose source is `sourcePath` (absolute, .ts),
 * with V8's young generation capped at `youngGenerationMb` when given (only the young generation: a cap
 * on the whole heap makes a worker that needs more kill the process, not just fail).
 */
export function startWorker(bundledName: string, sourcePath: string, input?: unknown, youngGenerationMb?: number): Worker {
  const options = { workerData: input, resourceLimits: youngGenerationMb === undefined ? {} : { maxYoungGenerationSizeMb: youngGenerationMb } };
  const bundled = join(__dirname, `${bundledName}.js`);
  if (existsSync(bundled)) return new Worker(bundled, options);
  // NOTE: a worker does not inherit the parent's tsx hooks, and `--import tsx` in execArgv does not
  // reach worker threads on Node 20, so the worker registers tsx itself before loading the entry.
  const tsxApi = createRequire(__filename).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsxApi)}).register();\nrequire(${JSON.stringify(sourcePath)});`, { ...options, eval: true });
}

/** What a one-shot worker posts: its result, or why it has none. */
type Answer<T> = { isDone: true; result: T } | { isDone: false; message: string };

/**
 * Runs a one-shot worker (whose entry calls {@link answerOnce}) on `input` and resolves with its result.
 * Rejects with `Could not <task>: <why>.` when it fails or stops without answering.
 */
export function runWorkerOnce<T>(bundledName: string, sourcePath: string, input: unknown, task: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(bundledName, sourcePath, input);
    let isSettled = false;
    const fail = (why: string): void => {
      isSettled = true;
      reject(new Error(`Could not ${task}: ${why.replace(/\.$/, '')}.`));
    };
    worker.once('message', (answer: Answer<T>) => {
      if (!answer.isDone) return fail(answer.message);
      isSettled = true;
      resolve(answer.result);
    });
    worker.once('error', (err) => fail(`the worker failed (${err.message})`));
    worker.once('exit', (code) => {
      if (!isSettled) fail(`the worker stopped unexpectedly (exit code ${code})`);
    });
  });
}

/**
 * The body of a one-shot worker entry: computes the result from the worker's input and posts it to
 * {@link runWorkerOnce}, moving (not copying) the buffers `buffersOf` lists, or posts the error.
 */
export function answerOnce<I, T>(compute: (input: I) => T, buffersOf: (result: T) => Iterable<ArrayBufferLike>): void {
  const port = parentPort;
  if (port === null) throw new Error('This module runs only as a worker thread (see runWorkerOnce).');
  let answer: Answer<T>;
  try {
    answer = { isDone: true, result: compute(workerData as I) };
  } catch (err) {
    port.postMessage({ isDone: false, message: err instanceof Error ? err.message : String(err) } satisfies Answer<T>);
    return;
  }
  // NOTE: a Set, because typed arrays may share one buffer, and a buffer listed twice cannot be moved.
  port.postMessage(answer, [...new Set(buffersOf(answer.result))] as ArrayBuffer[]);
}
