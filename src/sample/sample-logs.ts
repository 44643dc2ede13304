/**
 * Writes the sample incident's log files into a folder: the rollout controller, the fleet journal, the
 * health checks, the API gateway and the responders' chat. Same seed and scale → byte-identical files.
 */
import { join } from 'node:path';
import { ApiError } from '../api/errors';
import { writeLines } from './log-lines';
import { Prng } from './prng';
import { buildScenario, type Scenario } from './scenario';
import { CHAT_LOG_FILE, chatLogLines } from './writers/chat-log';
import { GATEWAY_LOG_FILE, gatewayLogLines } from './writers/gateway-log';
import { HEALTHCHECK_LOG_FILE, healthcheckLogLines } from './writers/healthcheck-log';
import { JOURNAL_LOG_FILE, journalLogLines } from './writers/journal-log';
import { ROLLOUT_LOG_FILE, rolloutLogLines } from './writers/rollout-log';

/** Seed of the sample incident that ships with the app. */
export const DEFAULT_SAMPLE_SEED = 20261110;

/** How to generate the sample logs. `scale` multiplies the fleet (1 ≈ 300 hosts, ≈ 270k lines). */
export interface SampleLogOptions {
  seed?: number;
  scale?: number;
}

/** One written file. */
export interface SampleLogFile {
  path: string;
  lines: number;
  bytes: number;
}

/** What was written, with the scenario it came from (for tests and callers that want to explain it). */
export interface SampleLogs {
  scenario: Scenario;
  files: SampleLogFile[];
}

/** Generates the scenario and writes each log file into the existing folder `dir`. */
export async function writeSampleLogs(dir: string, options: SampleLogOptions = {}): Promise<SampleLogs> {
  const seed = options.seed ?? DEFAULT_SAMPLE_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 20) {
    throw new ApiError('invalid_argument', `The sample scale must be above 0 and at most 20 (got ${scale}); 1 is the full fleet.`);
  }
  const scenario = buildScenario(seed, scale);
  const prng = new Prng(seed ^ 0x5eed);
  const outputs: [string, () => string[]][] = [
    [ROLLOUT_LOG_FILE, () => rolloutLogLines(scenario, prng.fork('rollout'))],
    [JOURNAL_LOG_FILE, () => journalLogLines(scenario, prng.fork('journal'))],
    [HEALTHCHECK_LOG_FILE, () => healthcheckLogLines(scenario, prng.fork('healthcheck'))],
    [GATEWAY_LOG_FILE, () => gatewayLogLines(scenario, prng.fork('gateway'))],
    [CHAT_LOG_FILE, () => chatLogLines(scenario)],
  ];
  const files: SampleLogFile[] = [];
  for (const [name, build] of outputs) {
    const lines = build();
    const path = join(dir, name);
    files.push({ path, lines: lines.length, bytes: await writeLines(path, lines) });
  }
  return { scenario, files };
}
