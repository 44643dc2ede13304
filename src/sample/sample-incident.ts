/**
 * The sample incident: a simulated rolling OS upgrade of a production fleet, written as real-looking
 * log files and imported into a new incident file, so a user can try Hindsight without their own logs.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../api/errors';
import { importPaths } from '../importers/import-paths';
import type { ImportProgress, ImportSummary } from '../model/incident';
import { buildDerivedTables } from '../store/derived-tables';
import { IncidentDb } from '../store/incident-db';
import { DEFAULT_SAMPLE_SEED, writeSampleLogs, type SampleLogOptions } from './sample-logs';

export { DEFAULT_SAMPLE_SEED } from './sample-logs';

/** Title stored in the sample incident. */
export const SAMPLE_TITLE = 'Rolling OS upgrade — production fleet, 2026-11-10';

/**
 * Generates the sample logs (deterministic for a seed) and imports them into a new incident at `path`.
 * Refuses to touch an existing file: the caller deletes it first when it wants a fresh sample. A failed
 * import removes the half-written incident so the next attempt starts clean.
 */
export async function writeSampleIncident(
  path: string,
  options: SampleLogOptions & { onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportSummary> {
  if (existsSync(path)) {
    throw new ApiError('io_error', `${path} already exists; delete it or choose another path for the sample incident.`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-sample-'));
  try {
    const { files } = await writeSampleLogs(dir, { seed: options.seed ?? DEFAULT_SAMPLE_SEED, scale: options.scale ?? 1 });
    const incident = IncidentDb.open(path, { create: true, title: SAMPLE_TITLE });
    try {
      const summary = await importPaths(
        incident,
        files.map((file) => file.path),
        { onProgress: options.onProgress },
      );
      incident.setMeta('title', SAMPLE_TITLE);
      buildDerivedTables(incident);
      incident.close();
      return summary;
    } catch (err) {
      incident.close();
      await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(path + suffix, { force: true })));
      throw err;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
