/**
 * What the e2e global setup hands to the tests: the URLs (with tokens) of two real HTTP shells, one
 * with the sample incident open and one started with no incident, plus a scratch folder.
 */
import { readFileSync } from 'node:fs';

/** Environment variable naming the JSON state file written by the global setup. */
export const E2E_STATE_ENV = 'HINDSIGHT_E2E_STATE';

/** The running shells and folders of this e2e run. */
export interface E2eState {
  /** Shell with the sample incident open. */
  sampleUrl: string;
  /** Shell started without an incident (the start screen). */
  emptyUrl: string;
  /** Folder the tests may write into (new incidents, logs to import). */
  scratchDir: string;
}

/** Reads the state the global setup wrote; fails with a clear message when the suite was started oddly. */
export function readE2eState(): E2eState {
  const file = process.env[E2E_STATE_ENV];
  if (file === undefined) throw new Error(`${E2E_STATE_ENV} is not set: run the suite with \`npx playwright test\` so the global setup starts the shells.`);
  return JSON.parse(readFileSync(file, 'utf8')) as E2eState;
}

/** The token a shell URL carries, for tests that call the API as a script would (never in place of a click). */
export function tokenOf(url: string): string {
  const token = new URL(url).searchParams.get('token');
  if (token === null) throw new Error(`${url} carries no token.`);
  return token;
}
