/**
 * Numbered schema migrations of the incident file. Migration N brings `PRAGMA user_version` from N-1 to N.
 * NOTE: never edit a migration that has shipped; add a new one. docs/schema.md documents the result.
 * NOTE: the events table has no CHECK constraints on purpose: they halved bulk-import speed (measured
 * here); the importer guarantees `level` and `ts_sub_ns` ranges instead.
 */

/** `PRAGMA application_id` of every incident file: "HSGT". Marks a SQLite file as a Hindsight incident. */
export const APPLICATION_ID = 0x48534754;

/** The SQL of each migration, in order; index 0 is migration 1. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE incident_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    path           TEXT NOT NULL,
    format         TEXT NOT NULL,
    content_hash   TEXT,
    size_bytes     INTEGER NOT NULL DEFAULT 0,
    line_count     INTEGER NOT NULL DEFAULT 0,
    event_count    INTEGER NOT NULL DEFAULT 0,
    unparsed_count INTEGER NOT NULL DEFAULT 0,
    first_ts_ms    INTEGER,
    last_ts_ms     INTEGER,
    status         TEXT NOT NULL DEFAULT 'importing' CHECK (status IN ('importing', 'complete', 'failed')),
    error          TEXT,
    imported_at_ms INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ts_ms      INTEGER NOT NULL,
    ts_sub_ns  INTEGER NOT NULL DEFAULT 0,
    end_ms     INTEGER,
    host       TEXT,
    service    TEXT,
    level      TEXT NOT NULL DEFAULT 'unknown',
    kind       TEXT,
    message    TEXT NOT NULL,
    attrs      TEXT NOT NULL DEFAULT '{}',
    line_start INTEGER NOT NULL,
    line_end   INTEGER NOT NULL,
    raw        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX events_by_time ON events (ts_ms, id);
  CREATE INDEX events_by_source_time ON events (source_id, ts_ms);

  CREATE TABLE unparsed (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    line_start     INTEGER NOT NULL,
    line_end       INTEGER NOT NULL,
    raw            TEXT NOT NULL,
    reason         TEXT NOT NULL,
    context_ts_ms  INTEGER
  ) STRICT;
  CREATE INDEX unparsed_by_source ON unparsed (source_id, line_start);
  CREATE INDEX unparsed_by_time ON unparsed (context_ts_ms);

  CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    ts_ms       INTEGER NOT NULL,
    end_ms      INTEGER,
    event_id    INTEGER REFERENCES events(id) ON DELETE SET NULL,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX annotations_by_time ON annotations (ts_ms);

  CREATE TABLE runbook_links (
    id          INTEGER PRIMARY KEY,
    runbook_id  TEXT NOT NULL,
    title       TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
    event_id    INTEGER REFERENCES events(id) ON DELETE SET NULL,
    ts_ms       INTEGER NOT NULL,
    end_ms      INTEGER,
    match_count INTEGER NOT NULL DEFAULT 0,
    snapshot    TEXT,
    created_ms  INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX runbook_links_by_time ON runbook_links (ts_ms);
  `,
];

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;
