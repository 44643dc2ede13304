/**
 * Crash trials: the real import command is SIGKILLed 100 times at seeded random moments (from opening
 * the incident to closing it). After each kill the incident passes `PRAGMA integrity_check`, no source
 * looks complete without every line, and importing the same file again resumes the source and ends
 * exactly like a clean import (same events, same line accounting, same search index). The mechanics are
 * in test/support/kill-trial.ts; `node scripts/kill-trials.mjs --trials 1000` runs many more.
 */
import { describe, expect, it } from 'vitest';
import { countStages, prepareKillTrials, runKillTrials } from '../support/kill-trial';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** About 4.2 MB of JSON lines: two of the importer's read chunks, so kills land between committed batches too. */
const LINE_COUNT = 20_000;
const TRIALS = 100;
const SEED = 20261110;

describe('killing an import at random moments', () => {
  it(`survives ${TRIALS} SIGKILLs: the incident stays intact, nothing half-imported looks complete, and the next import resumes to exactly a clean import`, async () => {
    const plan = await prepareKillTrials(tempDir(), LINE_COUNT, SEED);
    expect(plan.reference).toMatchObject({ sources: 1, lines: LINE_COUNT, events: LINE_COUNT, searchRows: LINE_COUNT });
    const outcomes = await runKillTrials(plan, TRIALS, SEED);
    expect(outcomes).toHaveLength(TRIALS);
    const stages = countStages(outcomes);
    // Not vacuous: some kills must have landed inside the import, leaving a source to resume.
    expect(stages['mid-import'], JSON.stringify(stages)).toBeGreaterThan(0);
  }, 300_000);
});
