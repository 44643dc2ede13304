/**
 * Opens, creates and migrates incident files (`*.hindsight`, one SQLite database each).
 * Refuses foreign files and files from a newer Hindsight without writing a byte to them.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
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
    inspectExisting(path);
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

  private static create(path: string, title: string): IncidentDb {
    let db: Database;
    try {
      db = openDatabase(path);
    } catch (err) {
      throw new ApiError('io_error', `Could not create ${path} (${(err as Error).message}); choose a folder you can write to.`);
    }
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
    return new IncidentDb(db, path, false);
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

/** Checks an existing file is a Hindsight incident this build can read, opening it read-only. */
function inspectExisting(path: string): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, header.length, 0);
  } catch (err) {
    throw new ApiError('io_error', `Could not read ${path} (${(err as Error).message}); check that the file exists and you may read it.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new ApiError('not_an_incident', `${path} is not a Hindsight incident file (it is not a SQLite database); open a .hindsight file or import this file into an incident instead.`);
  }
  const probe = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new ApiError('not_an_incident', `${path} is a SQLite database but not a Hindsight incident; open a .hindsight file created by Hindsight.`);
    }
    if (version > SCHEMA_VERSION) {
      throw new ApiError(
        'newer_schema',
        `${path} was written by a newer version of Hindsight (schema ${version}, this version reads up to ${SCHEMA_VERSION}); update Hindsight to open it.`,
      );
    }
  } finally {
    probe.close();
  }
}
