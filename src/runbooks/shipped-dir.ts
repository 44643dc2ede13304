/**
 * Where the runbooks that ship with the app live: `HINDSIGHT_RUNBOOKS_DIR` when set, the packaged
 * app's resources folder (Forge copies `runbooks/` there as an extra resource), or the `runbooks/`
 * folder of the source tree found by walking up from this module or the working directory.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped runbook folder, or null when none can be found. */
export function shippedRunbooksDir(): string | null {
  const fromEnv = process.env.HINDSIGHT_RUNBOOKS_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = resourcesPath === undefined ? [] : [join(resourcesPath, 'runbooks')];
  for (const start of [moduleDir(), process.cwd()]) {
    if (start === null) continue;
    let dir = start;
    for (let depth = 0; depth < 8; depth += 1) {
      if (existsSync(join(dir, 'package.json'))) candidates.push(join(dir, 'runbooks'));
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isDirectory()) ?? null;
}

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}
