#!/usr/bin/env node
/**
 * Makes sure better-sqlite3 loads under this Node: opens an in-memory database, and if the addon is
 * missing or built for another ABI (e.g. after an Electron rebuild), runs `npm rebuild better-sqlite3`
 * once and checks again. Exits non-zero with one sentence when it still cannot load.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const ABI_PATTERN = /NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED|invalid ELF header|Could not locate the bindings file|cannot open shared object/;

/** Loads better-sqlite3 in a fresh process (a failed dlopen cannot be retried in-process). */
function probe() {
  const script = "const D = require('better-sqlite3'); const db = new D(':memory:'); db.prepare('select 1').get(); db.close();";
  const result = spawnSync(process.execPath, ['-e', script], { cwd: projectDir, encoding: 'utf8' });
  return { isOk: result.status === 0, output: `${result.stderr ?? ''}${result.stdout ?? ''}`.trim() };
}

const first = probe();
if (first.isOk) process.exit(0);
if (!ABI_PATTERN.test(first.output)) {
  console.error(`better-sqlite3 does not load under Node ${process.versions.node}: ${first.output.split('\n').find((line) => line.trim()) ?? 'unknown error'}`);
  process.exit(1);
}
console.error(`better-sqlite3 is not built for Node ${process.versions.node} (ABI ${process.versions.modules}); running \`npm rebuild better-sqlite3\` (about a minute)…`);
const rebuild = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { cwd: projectDir, stdio: 'inherit' });
const second = probe();
if (rebuild.status !== 0 || !second.isOk) {
  console.error('better-sqlite3 still does not load after `npm rebuild better-sqlite3`; check that a C++ toolchain and Node headers are installed, then run it by hand.');
  process.exit(1);
}
console.error('better-sqlite3 rebuilt for this Node and loads.');
