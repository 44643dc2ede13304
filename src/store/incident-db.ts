/**
 * Opens, creates and migrates incident files (`*.hindsight`, one SQLite database each).
 * Refuses foreign files and files from a newer Hindsight without writing a byte to them.
 */
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../api/errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { openDatabase, type Database } from './sqlite';

/** How to open an incident file. */
export interface OpenIncidentOptions {
  /** Create the file when it does not exist (or is empty). */
  create?: boolean;
  /** Open without write access (the file is never migrated then). */
  readOnly?: boolean;
  /** Title stored in a newly created incident; defaults to the file name. */
  title?: string;
}

/** Page size of new incident files. */
const PAGE_SIZE_BYTES = 16_384;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** An open incident file. Owns its connection; call `close()` when done. */
export class IncidentDb {
  private constructor(
    readonly db: Database,
    readonly path: string,
    readonly isReadOnly: boolean,
  ) {}

  /** Opens (and, with `create`, creates) the incident at `path`, migrating an older schema forward. */
  static open(path: string, options: OpenIncidentOptions = {}): IncidentDb {
    const exists = existsSync(path);
    const isEmpty = exists && statSync(path).isFile() && statSync(path).size === 0;
    if (!exists || isEmpty) {
      if (!options.create) {
        throw new ApiError('not_found', `There is no incident file at ${path}; check the path or create a new incident.`);
      }
      return IncidentDb.create(path, options.title ?? titleFromPath(path));
    }
    if (!statSync(path).isFile()) {
      throw new ApiError('not_an_incident', `${path} is a folder, not an incident file; choose a .hindsight file.`);
    }
    inspectExisting(path, options.readOnly === true);
    const db = openDatabase(path, { readonly: options.readOnly === true, fileMustExist: true });
    try {
      configure(db, options.readOnly === true);
      if (!options.readOnly) migrate(db);
      return new IncidentDb(db, path, options.readOnly === true);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /**
   * Builds the new incident in a scratch file beside `path` and renames it into place, so a process
   * killed while creating never leaves a half-made file at `path` (one without its application id
   * would be refused as foreign from then on).
   */
  private static create(path: string, title: string): IncidentDb {
    const scratchPath = join(dirname(path), `.${basename(path)}.creating-${process.pid}`);
    let db: Database;
    try {
      db = openDatabase(scratchPath);
    } catch (err) {
      throw new ApiError('io_error', `Could not create ${path} (${(err as Error).message}); choose a folder you can write to.`);
    }
    try {
      // NOTE: page size can only be chosen before the first write (and before WAL); 16 KiB pages made
      // bulk imports of ~450-byte event rows about a third faster than the 4 KiB default (measured here).
      db.pragma(`page_size = ${PAGE_SIZE_BYTES}`);
      configure(db, false);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db);
      const setMeta = db.prepare('INSERT OR REPLACE INTO incident_meta (key, value) VALUES (?, ?)');
      db.transaction(() => {
        setMeta.run('title', title);
        setMeta.run('created_ms', String(Date.now()));
      })();
      db.close();
      renameSync(scratchPath, path);
    } catch (err) {
      if (db.open) db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchPath}${suffix}`, { force: true });
      throw err;
    }
    const created = openDatabase(path, { fileMustExist: true });
    configure(created, false);
    return new IncidentDb(created, path, false);
  }

  /** Reads one incident_meta value. */
  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM incident_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Writes one incident_meta value. */
  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO incident_meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** The schema version recorded in the file. */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Closes the connection (checkpointing the WAL when writable). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The default incident title: the file name without its extension. */
export function titleFromPath(path: string): string {
  return basename(path).replace(/\.hindsight$/i, '') || 'Untitled incident';
}

function configure(db: Database, isReadOnly: boolean): void {
  if (!isReadOnly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function migrate(db: Database): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (let version = from; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Byte offset of the application id in SQLite's 100-byte file header (big-endian 32-bit). */
const APPLICATION_ID_OFFSET = 68;

/**
 * SQLite's codes for a file that a process killed mid-write left with a hot rollback journal (an
 * import's bulk load uses one) or a WAL index to rebuild: a read-only connection cannot repair it.
 */
const INTERRUPTED_WRITE_CODES: readonly string[] = ['SQLITE_READONLY_ROLLBACK', 'SQLITE_READONLY_RECOVERY', 'SQLITE_READONLY_CANTINIT'];

/** The application id and schema version, read through a read-only connection. */
function readIdentity(path: string): { appId: number; version: number } {
  const probe = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    return { appId: probe.pragma('application_id', { simple: true }) as number, version: probe.pragma('user_version', { simple: true }) as number };
  } finally {
    probe.close();
  }
}

/** Lets a writable connection finish SQLite's own recovery (rolling back the hot journal, rebuilding the WAL index). */
function recoverInterruptedWrite(path: string): void {
  const db = openDatabase(path, { fileMustExist: true });
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } finally {
    db.close();
  }
}

/**
 * Checks an existing file is a Hindsight incident this build can read, opening it read-only. A file a
 * killed Hindsight left mid-write is recovered first (for a writable open), but only when its header
 * already carries Hindsight's application id, so a foreign file is never written.
 */
function inspectExisting(path: string, isReadOnly: boolean): void {
  const header = Buffer.alloc(100);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, header.length, 0);
  } catch (err) {
    throw new ApiError('io_error', `Could not read ${path} (${(err as Error).message}); check that the file exists and you may read it.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    throw new ApiError('not_an_incident', `${path} is not a Hindsight incident file (it is not a SQLite database); open a .hindsight file or import this file into an incident instead.`);
  }
  const foreign = new ApiError('not_an_incident', `${path} is a SQLite database but not a Hindsight incident; open a .hindsight file created by Hindsight.`);
  let identity: { appId: number; version: number };
  try {
    identity = readIdentity(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !INTERRUPTED_WRITE_CODES.includes(code)) throw err;
    if (header.readInt32BE(APPLICATION_ID_OFFSET) !== APPLICATION_ID) throw foreign;
    if (isReadOnly) {
      throw new ApiError('io_error', `${path} was left half-written by a Hindsight that stopped (a crash or a kill); open it once normally, not read-only, so SQLite can put it back to its last saved state.`);
    }
    recoverInterruptedWrite(path);
    identity = readIdentity(path);
  }
  if (identity.appId !== APPLICATION_ID) throw foreign;
  if (identity.version > SCHEMA_VERSION) {
    throw new ApiError(
      'newer_schema',
      `${path} was written by a newer version of Hindsight (schema ${identity.version}, this version reads up to ${SCHEMA_VERSION}); update Hindsight to open it.`,
    );
  }
  // NOTE: a read-only open cannot migrate, and this version's queries expect its own tables.
  if (isReadOnly && identity.version < SCHEMA_VERSION) {
    throw new ApiError(
      'older_schema',
      `${path} was written by an older version of Hindsight (schema ${identity.version}, this version uses ${SCHEMA_VERSION}); open it once for writing to upgrade it, then open it read-only.`,
    );
  }
}
