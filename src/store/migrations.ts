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
  // Annotations and the postmortem: action-item owner and due date, soft deletes (so undo and merges
  // keep the uid), event anchors, an edit history, stars on events, and the postmortem draft.
  `
  ALTER TABLE annotations ADD COLUMN owner TEXT;
  ALTER TABLE annotations ADD COLUMN due_date TEXT;
  ALTER TABLE annotations ADD COLUMN deleted_ms INTEGER;

  CREATE TABLE annotation_events (
    annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (annotation_id, event_id)
  ) STRICT;
  CREATE INDEX annotation_events_by_event ON annotation_events (event_id);

  CREATE TABLE annotation_edits (
    id            INTEGER PRIMARY KEY,
    annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    edited_ms     INTEGER NOT NULL,
    author        TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'merge')),
    after         TEXT NOT NULL
  ) STRICT;
  CREATE INDEX annotation_edits_by_annotation ON annotation_edits (annotation_id, id);

  CREATE TABLE stars (
    event_id   INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    author     TEXT NOT NULL DEFAULT '',
    starred_ms INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE postmortem_fields (
    field      TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    updated_ms INTEGER NOT NULL
  ) STRICT;
  `,
  // Runbooks: snapshots of the text a responder read, runs of a runbook with every step action
  // (tick, untick, note) by actor and time, and remembered unlinks of runbook links.
  `
  CREATE TABLE runbook_snapshots (
    id           INTEGER PRIMARY KEY,
    runbook_id   TEXT NOT NULL,
    title        TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    file         TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    UNIQUE (runbook_id, content_hash)
  ) STRICT;

  ALTER TABLE runbook_links ADD COLUMN snapshot_id INTEGER REFERENCES runbook_snapshots(id);
  ALTER TABLE runbook_links ADD COLUMN dismissed_ms INTEGER;
  ALTER TABLE runbook_links ADD COLUMN dismissed_by TEXT;

  CREATE TABLE runbook_runs (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    runbook_id  TEXT NOT NULL,
    title       TEXT NOT NULL,
    snapshot_id INTEGER NOT NULL REFERENCES runbook_snapshots(id),
    started_ms  INTEGER NOT NULL,
    started_by  TEXT NOT NULL,
    created_ms  INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX runbook_runs_by_runbook ON runbook_runs (runbook_id, id);

  CREATE TABLE runbook_step_records (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    run_id      INTEGER NOT NULL REFERENCES runbook_runs(id) ON DELETE CASCADE,
    step_index  INTEGER NOT NULL,
    step_text   TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('tick', 'untick', 'note')),
    note        TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    ts_ms       INTEGER NOT NULL,
    recorded_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX runbook_step_records_by_run ON runbook_step_records (run_id, ts_ms, id);
  CREATE INDEX runbook_step_records_by_time ON runbook_step_records (ts_ms);
  `,
  // Replay: user grouping rules, the per-host replay timelines (a cache rebuilt when events change),
  // and the timeline's level-of-detail counts per lane and time bucket at several resolutions.
  `
  CREATE TABLE grouping_rules (
    id         INTEGER PRIMARY KEY,
    pattern    TEXT NOT NULL,
    group_name TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE replay_hosts (
    host           TEXT PRIMARY KEY,
    inferred_group TEXT NOT NULL,
    group_origin   TEXT NOT NULL,
    event_count    INTEGER NOT NULL,
    first_ts_ms    INTEGER,
    last_ts_ms     INTEGER,
    timeline       BLOB NOT NULL
  ) STRICT;

  CREATE TABLE derived_state (
    name      TEXT PRIMARY KEY,
    built_for TEXT NOT NULL,
    data      TEXT NOT NULL
  ) STRICT;

  CREATE TABLE lod_buckets (
    lane_by     TEXT NOT NULL,
    lane        TEXT NOT NULL,
    level_exp   INTEGER NOT NULL,
    bucket      INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    warn_count  INTEGER NOT NULL,
    other_count INTEGER NOT NULL,
    PRIMARY KEY (lane_by, level_exp, lane, bucket)
  ) STRICT, WITHOUT ROWID;
  `,
  // Import resume and clock skew: how far an import got (committed with each batch, so an import that
  // was killed or cancelled resumes after its last batch, and a grown file imports only its new lines),
  // and a per-source clock correction applied by the read queries (events keep their original ts_ms).
  `
  ALTER TABLE sources ADD COLUMN lines_done INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sources ADD COLUMN bytes_done INTEGER;
  ALTER TABLE sources ADD COLUMN clock_offset_ms INTEGER NOT NULL DEFAULT 0;
  `,
  // Search: a full-text index over events (external content, so the text is stored once), filled at the
  // end of an import by src/store/search-index.ts.
  `
  CREATE VIRTUAL TABLE events_fts USING fts5(message, host, service, kind, content = 'events', content_rowid = 'id');
  `,
  // Insight: mined message patterns (a cache rebuilt when events change) with counts per minute and
  // per host, and the "what changed" findings a user dismissed.
  `
  CREATE TABLE insight_patterns (
    id             INTEGER PRIMARY KEY,
    template       TEXT NOT NULL,
    level          TEXT NOT NULL,
    first_ts_ms    INTEGER NOT NULL,
    last_ts_ms     INTEGER NOT NULL,
    first_event_id INTEGER NOT NULL,
    event_count    INTEGER NOT NULL,
    host_count     INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE insight_pattern_minutes (
    pattern_id  INTEGER NOT NULL,
    minute      INTEGER NOT NULL,
    event_count INTEGER NOT NULL,
    PRIMARY KEY (pattern_id, minute)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE insight_pattern_hosts (
    pattern_id     INTEGER NOT NULL,
    host           TEXT NOT NULL,
    first_ts_ms    INTEGER NOT NULL,
    first_event_id INTEGER NOT NULL,
    event_count    INTEGER NOT NULL,
    minutes        BLOB,
    PRIMARY KEY (pattern_id, host)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE insight_dismissals (
    finding_key  TEXT PRIMARY KEY,
    dismissed_ms INTEGER NOT NULL,
    dismissed_by TEXT NOT NULL DEFAULT ''
  ) STRICT;
  `,
  // Time zones: the IANA zone an import used for times written without a zone, so a reader can tell how
  // naive local times were placed on the UTC timeline.
  `
  ALTER TABLE sources ADD COLUMN time_zone TEXT;
  `,
  // Timeline LOD as compact arrays: one row per lane kind and level holding every lane's cells and running
  // counts (src/store/lod-levels.ts), replacing one row per cell; built at import, loaded by a blob read.
  `
  DROP TABLE lod_buckets;
  DELETE FROM derived_state WHERE name = 'lod';
  CREATE TABLE lod_levels (
    lane_by    TEXT NOT NULL,
    level_exp  INTEGER NOT NULL,
    base_cell  INTEGER NOT NULL,
    lane_keys  TEXT NOT NULL,
    offsets    BLOB NOT NULL,
    cells      BLOB NOT NULL,
    cumulative BLOB NOT NULL,
    PRIMARY KEY (lane_by, level_exp)
  ) STRICT;
  `,
  // Search in time order: events get a rank in (ts_ms, id) order and the full-text index stores matches by
  // rank (contentless: the text stays in events; no per-row token counts, as results are never ranked by
  // relevance), so a page of matches at any instant is a seek (src/store/search-index.ts); replaces
  // events_fts, whose matches were in import order.
  `
  DROP TABLE events_fts;
  DELETE FROM derived_state WHERE name = 'search';
  CREATE TABLE search_order (
    rank     INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    ts_ms    INTEGER NOT NULL
  ) STRICT;
  CREATE VIRTUAL TABLE events_search USING fts5(message, host, service, kind, content = '', columnsize = 0);
  `,
];

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;
