#!/usr/bin/env node
// The `hindsight` command. Checks that better-sqlite3 is built for this Node (an Electron build
// leaves it for Electron's ABI), repairs it with `npm rebuild better-sqlite3` when it is not, then
// runs src/cli/main.ts through tsx.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ABI_ERROR = /NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED|invalid ELF header|Could not locate the bindings file/;

/** Loads better-sqlite3 and opens a memory database; returns the error, or null when it works. */
function probeSqlite() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (err) {
    for (const key of Object.keys(require.cache)) if (key.includes(`${join('node_modules', 'better-sqlite3')}`)) delete require.cache[key];
    return err;
  }
}

const problem = probeSqlite();
if (problem !== null) {
  if (!ABI_ERROR.test(String(problem?.message ?? problem))) {
    process.stderr.write(`better-sqlite3 could not be loaded (${problem?.message ?? problem}); reinstall dependencies with \`npm ci\`.\n`);
    process.exit(1);
  }
  process.stderr.write('better-sqlite3 is built for Electron, rebuilding it for Node with `npm rebuild better-sqlite3` (about a minute)...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const rebuild = spawnSync(npm, ['rebuild', 'better-sqlite3'], { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (rebuild.status !== 0 || probeSqlite() !== null) {
    process.stderr.write('better-sqlite3 is built for Electron and rebuilding it for Node failed; run `npm rebuild better-sqlite3` in the Hindsight folder and try again.\n');
    process.exit(1);
  }
}

// Both tsx hooks: the package is CommonJS by default, so .ts modules load through require.
registerCjs();
registerEsm();
const cli = await import(pathToFileURL(join(packageRoot, 'src', 'cli', 'main.ts')).href);
const main = cli.main ?? cli.default.main;
process.exitCode = await main(process.argv);
