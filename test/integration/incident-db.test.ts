import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { IncidentDb } from '../../src/store/incident-db';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/store/migrations';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the open to be refused');
}

describe('incident file', () => {
  it('creates a WAL database marked as a Hindsight incident at the current schema', () => {
    const path = join(tempDir(), 'a.hindsight');
    const incident = IncidentDb.open(path, { create: true });
    expect(incident.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(incident.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(incident.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(incident.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(incident.getMeta('title')).toBe('a');
    const tables = incident.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['sources', 'events', 'unparsed', 'annotations', 'runbook_links', 'incident_meta']));
    incident.close();
    const reopened = IncidentDb.open(path);
    expect(reopened.getMeta('title')).toBe('a');
    reopened.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    const err = refusal(() => IncidentDb.open(join(tempDir(), 'missing.hindsight')));
    expect(err.code).toBe('not_found');
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const path = join(tempDir(), 'notes.hindsight');
    writeFileSync(path, 'these are my notes, not a database\n');
    const before = sha(path);
    const err = refusal(() => IncidentDb.open(path));
    expect(err.code).toBe('not_an_incident');
    expect(err.message).toMatch(/not a Hindsight incident/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a SQLite database of another application and does not modify it', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    const before = sha(path);
    const err = refusal(() => IncidentDb.open(path));
    expect(err.code).toBe('not_an_incident');
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file written by a newer version, with a message saying to update', () => {
    const path = join(tempDir(), 'future.hindsight');
    IncidentDb.open(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha(path);
    const err = refusal(() => IncidentDb.open(path));
    expect(err.code).toBe('newer_schema');
    expect(err.message).toMatch(/newer version of Hindsight.*update Hindsight/);
    expect(sha(path)).toBe(before);
  });

  it('refuses to open a file of an older schema read-only (it cannot be upgraded then), saying how to upgrade it, and leaves it as it was', () => {
    const path = join(tempDir(), 'older.hindsight');
    IncidentDb.open(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    raw.close();
    const before = sha(path);
    const err = refusal(() => IncidentDb.open(path, { readOnly: true }));
    expect(err.code).toBe('older_schema');
    expect(err.message).toMatch(/older version of Hindsight.*open it once for writing/);
    expect(sha(path)).toBe(before);
  });

  it('opens read-only without writing', () => {
    const path = join(tempDir(), 'ro.hindsight');
    IncidentDb.open(path, { create: true }).close();
    const incident = IncidentDb.open(path, { readOnly: true });
    expect(incident.isReadOnly).toBe(true);
    expect(() => incident.setMeta('title', 'x')).toThrow(/readonly/i);
    incident.close();
  });
});
