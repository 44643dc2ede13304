/**
 * Playwright global setup: builds the renderer if it is missing, then starts two real HTTP shells
 * (`test/support/e2e-serve.ts`): one on a freshly generated sample incident, one with no incident.
 * Their URLs go to a JSON file named by HINDSIGHT_E2E_STATE; the returned teardown stops them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_STATE_ENV, type E2eState } from './e2e-state';

const projectDir = join(__dirname, '..', '..');

/** Longest wait for a shell to print its URL (the sample is generated first: 200k+ events), in ms. */
const START_TIMEOUT_MS = 300_000;

function startShell(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(projectDir, 'bin', 'run-ts.mjs'), join(projectDir, 'test', 'support', 'e2e-serve.ts'), ...args], {
    cwd: projectDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`The e2e shell did not start within ${START_TIMEOUT_MS / 1000} s.\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The e2e shell exited with code ${code} before printing its URL.\n${stderr}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the shells; resolves to the teardown that stops them and removes the temp folder. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(projectDir, '.vite', 'renderer', 'main_window', 'index.html'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: projectDir, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('`npm run build` failed; the e2e suite needs the built renderer.');
  }
  const rootDir = mkdtempSync(join(tmpdir(), 'hindsight-e2e-'));
  const scratchDir = join(rootDir, 'scratch');
  for (const dir of ['sample-data', 'empty-data', 'scratch']) mkdirSync(join(rootDir, dir));
  const startedMs = Date.now();
  const started = await Promise.allSettled([
    startShell(['--data', join(rootDir, 'sample-data'), '--sample', join(rootDir, 'sample.hindsight')]),
    startShell(['--data', join(rootDir, 'empty-data')]),
  ]);
  const [sample, empty] = started.map((result) => (result.status === 'fulfilled' ? result.value : null));
  if (sample == null || empty == null) {
    await Promise.all([sample, empty].map((shell) => (shell == null ? Promise.resolve() : stop(shell.child))));
    rmSync(rootDir, { recursive: true, force: true });
    throw started.find((result) => result.status === 'rejected')?.reason;
  }
  process.stdout.write(`e2e shells ready in ${((Date.now() - startedMs) / 1000).toFixed(1)} s (sample generated and imported)\n`);
  const state: E2eState = { sampleUrl: sample.url, emptyUrl: empty.url, scratchDir };
  const stateFile = join(rootDir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(state));
  process.env[E2E_STATE_ENV] = stateFile;
  return async () => {
    await Promise.all([stop(sample.child), stop(empty.child)]);
    rmSync(rootDir, { recursive: true, force: true });
  };
}
