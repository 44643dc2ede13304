/**
 * User SQL (`hindsight query`) against a real incident file: reads work, every way of writing or of
 * reaching another file is refused with one sentence, a runaway query is stopped by its time limit, and
 * the incident file is byte-for-byte unchanged afterwards.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';
import { refuseUnlessReading, runReadOnlyQuery } from '../../src/store/read-only-query';
import { runTimedReadOnlyQuery } from '../../src/store/read-only-query-runner';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const REPO = resolve(__dirname, '../..');
const FIXTURE = join(REPO, 'test/fixtures/importers/deploy-mixed.jsonl');
const RUNAWAY = 'WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever) SELECT count(*) FROM forever';

async function writeIncident(): Promise<{ dir: string; path: string; hash: () => string }> {
  const dir = tempDir();
  const path = join(dir, 'query.hindsight');
  const incident = IncidentDb.open(path, { create: true });
  await importPaths(incident, [FIXTURE]);
  incident.close();
  return { dir, path, hash: () => createHash('sha256').update(readFileSync(path)).digest('hex') };
}

function refusalOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('the query was not refused');
}

describe('user SQL', () => {
  it('answers reading statements: SELECT, WITH, VALUES, EXPLAIN and reading PRAGMAs', async () => {
    const { path } = await writeIncident();
    expect(runReadOnlyQuery(path, 'SELECT COUNT(*) AS n FROM events').rows).toEqual([[6]]);
    expect(runReadOnlyQuery(path, '-- how many?\n/* errors */ WITH e AS (SELECT * FROM events) SELECT COUNT(*) FROM e').rows).toEqual([[6]]);
    expect(runReadOnlyQuery(path, 'VALUES (1), (2)').rows).toEqual([[1], [2]]);
    expect(runReadOnlyQuery(path, 'EXPLAIN QUERY PLAN SELECT * FROM events').columns).toContain('detail');
    expect(runReadOnlyQuery(path, 'PRAGMA table_info(events)').rows.length).toBeGreaterThan(3);
    expect(runReadOnlyQuery(path, 'PRAGMA user_version').rows[0]?.[0]).toBeGreaterThan(0);
    expect(runReadOnlyQuery(path, "SELECT name FROM pragma_table_list WHERE name = 'events'").rows).toEqual([['events']]);
  });

  it('refuses writes, ATTACH/DETACH, state-changing PRAGMAs and transactions, and leaves the file unchanged', async () => {
    const { dir, path, hash } = await writeIncident();
    const before = hash();
    const refused = [
      'DELETE FROM events',
      'UPDATE events SET level = 1',
      'INSERT INTO incident_meta (key, value) VALUES (1, 2)',
      'DROP TABLE events',
      'CREATE TABLE evil (x)',
      'WITH x AS (SELECT 1) DELETE FROM events',
      `ATTACH DATABASE '${join(dir, 'other.db')}' AS other`,
      'DETACH DATABASE main',
      'PRAGMA journal_mode=delete',
      'PRAGMA journal_mode = DELETE',
      'PRAGMA journal_mode(delete)',
      'PRAGMA user_version = 99',
      'PRAGMA query_only = OFF',
      'PRAGMA writable_schema = ON',
      'PRAGMA main.user_version = 1',
      'VACUUM',
      `VACUUM INTO '${join(dir, 'copy.db')}'`,
      'BEGIN',
      'REINDEX',
      'ANALYZE',
      '/* looks harmless */ -- still\n  delete from events',
      'PRAGMA journal_mode',
    ];
    for (const sql of refused) {
      const error = refusalOf(() => runReadOnlyQuery(path, sql));
      expect(error.code, sql).toBe('read_only');
      expect(error.message, sql).toMatch(/only reads; use a SELECT statement\.$/);
      expect(error.message.split(/\.\s/), sql).toHaveLength(1);
    }
    expect(refusalOf(() => runReadOnlyQuery(path, 'SELECT 1; DELETE FROM events')).code).toBe('invalid_argument');
    expect(refusalOf(() => runReadOnlyQuery(path, `SELECT 1; ATTACH '${join(dir, 'other.db')}' AS other`)).message).toMatch(/more than one SQL statement/);
    expect(refusalOf(() => runReadOnlyQuery(path, "SELECT load_extension('/tmp/evil.so')")).code).toBe('invalid_argument');
    expect(hash()).toBe(before);
    expect(existsSync(join(dir, 'other.db'))).toBe(false);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    expect(runReadOnlyQuery(path, 'SELECT COUNT(*) FROM events').rows).toEqual([[6]]);
  });

  it('classifies statements before they run (the deny rules in isolation)', () => {
    for (const sql of ['SELECT 1', ' with a as (select 1) select * from a', 'EXPLAIN SELECT 1', 'PRAGMA index_list(events)', 'pragma page_count;']) {
      expect(() => refuseUnlessReading(sql), sql).not.toThrow();
    }
    for (const sql of ['EXPLAIN DELETE FROM events', 'PRAGMA cache_size', 'PRAGMA page_count(3)', 'SAVEPOINT a', 'REPLACE INTO t VALUES (1)']) {
      expect(() => refuseUnlessReading(sql), sql).toThrow(ApiError);
    }
  });

  it('stops a runaway WITH RECURSIVE query at its time limit with a clear error', async () => {
    const { path, hash } = await writeIncident();
    const before = hash();
    const failure = await runTimedReadOnlyQuery(path, RUNAWAY, { timeLimitMs: 500 }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      code: 'timeout',
      message: 'The query ran longer than the 0.5 s time limit and was stopped; add a LIMIT or a narrower WHERE clause, or raise --time-limit.',
    });
    await expect(runTimedReadOnlyQuery(path, 'SELECT COUNT(*) FROM events', { timeLimitMs: 10_000 })).resolves.toMatchObject({ rows: [[6]] });
    await expect(runTimedReadOnlyQuery(path, 'DELETE FROM events')).rejects.toMatchObject({ code: 'read_only' });
    await expect(runTimedReadOnlyQuery(path, "SELECT x'00ff'")).resolves.toMatchObject({ rows: [[Buffer.from([0, 255])]] });
    expect(hash()).toBe(before);
  });

  it('hindsight query --time-limit stops a runaway query with exit 1 and one sentence', async () => {
    const { dir, path } = await writeIncident();
    const result = spawnSync(process.execPath, [join(REPO, 'bin', 'hindsight.mjs'), 'query', path, RUNAWAY, '--time-limit', '1'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, HINDSIGHT_DATA_DIR: join(dir, 'data') },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe('The query ran longer than the 1 s time limit and was stopped; add a LIMIT or a narrower WHERE clause, or raise --time-limit.');
  });
});
