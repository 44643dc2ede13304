/**
 * Starts the real HTTP shell for the e2e suite (run through `node bin/run-ts.mjs`), generating the
 * sample incident first when `--sample` names a file that does not exist yet. Prints one JSON line,
 * `{ "url": ... }`, once listening, and closes the shell on SIGTERM or SIGINT.
 *
 * Usage: node bin/run-ts.mjs test/support/e2e-serve.ts --data <dir> [--sample <file.hindsight>]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSampleIncident } from '../../src/sample/sample-incident';
import { startHttpShell } from '../../src/server/http-shell';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, sample: { type: 'string' } } });
  if (values.data === undefined) throw new Error('--data <dir> is required.');
  const incidentPath = values.sample;
  if (incidentPath !== undefined && !existsSync(incidentPath)) await writeSampleIncident(incidentPath);
  const shell = await startHttpShell({
    dataDir: values.data,
    rendererDir: resolve(__dirname, '../../.vite/renderer/main_window'),
    ...(incidentPath === undefined ? {} : { incidentPath }),
  });
  process.stdout.write(`${JSON.stringify({ url: shell.url })}\n`);
  const stop = () => void shell.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
