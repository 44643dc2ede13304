/**
 * The importer's only way to write an incident: one source row per imported file, its events and
 * unparsed lines inserted with prepared statements in batched transactions.
 * NOTE: a transaction never stays open across an `await`: each `batch()` is one synchronous
 * transaction, so readers on other connections see whole batches.
 */
import type { NewEvent } from '../model/event';
import type { SourceImportSummary } from '../model/incident';
import type { IncidentDb } from './incident-db';
import type { Database } from './sqlite';

/** What is known about a file when its import starts. */
export interface SourceStart {
  name: string;
  path: string;
  format: string;
  sizeBytes: number;
  /** IANA zone the importer used for times written without a zone (`sources.time_zone`). */
  timeZone?: string;
}

/** Columns bound per event row (the source id is written into the statement, not bound). */
const EVENT_COLUMNS = 12;

/** Events per multi-row INSERT: fewer statement runs per row, well under SQLite's 32,766 parameters. */
const EVENTS_PER_INSERT = 64;

/**
 * The events indexes as migration 1 creates them.
 * NOTE: keep in step with src/store/migrations.ts; bulk loads drop and recreate exactly these.
 */
const EVENT_INDEXES: readonly { name: string; sql: string }[] = [
  { name: 'events_by_time', sql: 'CREATE INDEX IF NOT EXISTS events_by_time ON events (ts_ms, id)' },
  { name: 'events_by_source_time', sql: 'CREATE INDEX IF NOT EXISTS events_by_source_time ON events (source_id, ts_ms)' },
];

/**
 * Lets filtered density and host queries read (time, level, source, host, service) from the index alone.
 * NOTE: not in a migration: a bulk load into an empty incident creates it (see beginBulkLoad), and the
 * search index build creates it when missing (search-index.ts).
 */
export const FILTER_COVER_INDEX = { name: 'events_filter_cover', sql: 'CREATE INDEX IF NOT EXISTS events_filter_cover ON events (ts_ms, level, source_id, host, service)' };

/** An event this long before the latest one of its source is far out of order (for the indexes of a bulk load). */
const FAR_OUT_OF_ORDER_MS = 60_000;

/** A bulk load under way; see {@link beginBulkLoad}. */
export interface BulkLoad {
  /** After each batch of `writer`: drops the indexes once its events turn out to be far out of time order. */
  afterBatch(writer: SourceWriter): void;
  /** Builds any index that was dropped and puts the connection back as it was. */
  end(): void;
}

/**
 * Prepares an incident for a bulk import. Into an empty incident, the events indexes (and the search's
 * covering index) are kept and grow with the rows: for rows in time order that costs about what building
 * them at the end does (measured here: 3.0 s vs 3.1 s for 1M lines), and the end then has no long index
 * build blocking the service (0.5 s, and 0.4 s for the covering index, per 1M events). Rows far out of order
 * make every insert a random index write (a shuffled 1M-line file took 35 s instead of 3.7 s), so once a
 * source shows that, the indexes are dropped and built once at `end()`. Any index missing from an earlier
 * interrupted import is rebuilt first. The journal is a rollback journal while the import runs.
 */
export function beginBulkLoad(incident: IncidentDb): BulkLoad {
  const db = incident.db;
  ensureEventIndexes(db);
  const isEmpty = db.prepare('SELECT 1 FROM events LIMIT 1').get() === undefined;
  if (isEmpty) db.exec(FILTER_COVER_INDEX.sql);
  let mayDropIndexes = isEmpty;
  const isRollbackJournal = switchJournalMode(db, 'truncate');
  // NOTE: the writer only ever inserts rows for the source it created, so per-row foreign-key checks
  // (about a quarter of insert time, measured here) are switched off for the load and back on after.
  db.pragma('foreign_keys = OFF');
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  // NOTE: 16 MiB of page cache for the load and the index builds at its end: measured here, 64 MiB was no
  // faster at 1M or 5M lines and raised the import's peak memory by ~50 MB.
  db.pragma('cache_size = -16384');
  return {
    afterBatch: (writer) => {
      if (!mayDropIndexes || !writer.isFarOutOfOrder()) return;
      mayDropIndexes = false;
      db.transaction(() => {
        for (const index of [...EVENT_INDEXES, FILTER_COVER_INDEX]) db.exec(`DROP INDEX IF EXISTS ${index.name}`);
      })();
    },
    end: () => {
      try {
        ensureEventIndexes(db);
      } finally {
        db.pragma('foreign_keys = ON');
        db.pragma(`cache_size = ${cacheSize}`);
        if (isRollbackJournal) switchJournalMode(db, 'wal');
      }
    },
  };
}

/**
 * Switches the journal mode, returning false when SQLite refuses (another connection has the file open).
 * NOTE: a bulk load appends pages; a rollback journal does not copy appended pages at all, whereas WAL
 * writes every page twice (once to the WAL, once at checkpoint). Measured here: about 30% faster imports.
 * Both modes are crash-safe; the file returns to WAL when the load ends.
 */
function switchJournalMode(db: Database, mode: 'truncate' | 'wal'): boolean {
  try {
    return db.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
  } catch {
    return false;
  }
}

function ensureEventIndexes(db: Database): void {
  db.transaction(() => {
    for (const index of EVENT_INDEXES) db.exec(index.sql);
  })();
}

/** True when some complete source of exactly this size exists (then a content hash is worth computing up front). */
export function hasCompleteSourceOfSize(incident: IncidentDb, sizeBytes: number): boolean {
  return incident.db.prepare("SELECT 1 FROM sources WHERE status = 'complete' AND size_bytes = ? LIMIT 1").get(sizeBytes) !== undefined;
}

/** The complete source with this SHA-256 content hash, if the file was imported before. */
export function findCompleteSourceByHash(incident: IncidentDb, contentHash: string): SourceImportSummary | null {
  const row = incident.db
    .prepare(
      `SELECT id, path, format, line_count, event_count, unparsed_count, first_ts_ms, last_ts_ms
         FROM sources WHERE status = 'complete' AND content_hash = ? ORDER BY id LIMIT 1`,
    )
    .get(contentHash) as
    | { id: number; path: string; format: string; line_count: number; event_count: number; unparsed_count: number; first_ts_ms: number | null; last_ts_ms: number | null }
    | undefined;
  if (!row) return null;
  return {
    sourceId: row.id,
    path: row.path,
    format: row.format,
    lines: row.line_count,
    events: row.event_count,
    unparsed: row.unparsed_count,
    firstTsMs: row.first_ts_ms,
    lastTsMs: row.last_ts_ms,
    skippedReason: null,
  };
}

/**
 * Writes one source: create with {@link SourceWriter.begin}; add rows inside {@link SourceWriter.batch}
 * (one synchronous transaction per call); then `finish` or `fail`.
 */
export class SourceWriter {
  private readonly insertEvent;
  private readonly insertEvents;
  /** Parameters of up to EVENTS_PER_INSERT events waiting for one multi-row INSERT. */
  private readonly pendingParams: unknown[] = new Array<unknown>(EVENT_COLUMNS * EVENTS_PER_INSERT);
  private pendingCount = 0;
  private readonly insertUnparsed;
  private readonly updateCounts;
  private readonly runBatch;
  /** Input lines and bytes (of the decompressed text) the current batch brings the source to; null bytes when unknown. */
  private linesDone = 0;
  private bytesDone: number | null = null;
  private isInBatch = false;
  private lastEventTsMs: number | null = null;
  private eventCount = 0;
  private unparsedCount = 0;
  private firstTsMs: number | null = null;
  private lastTsMs: number | null = null;
  /** Events written by this writer more than FAR_OUT_OF_ORDER_MS before the latest before them. */
  private farOutOfOrderCount = 0;
  private writtenCount = 0;

  private constructor(
    private readonly db: Database,
    /** The id of the source row. */
    readonly sourceId: number,
    private start: SourceStart,
  ) {
    const insertInto = 'INSERT INTO events (source_id, ts_ms, ts_sub_ns, end_ms, host, service, level, kind, message, attrs, line_start, line_end, raw) VALUES ';
    // NOTE: the source id is an integer from SQLite itself, so writing it into the SQL is safe; one fewer bound value per row.
    const row = `(${Math.trunc(sourceId)}, ${new Array(EVENT_COLUMNS).fill('?').join(', ')})`;
    this.insertEvent = db.prepare(insertInto + row);
    this.insertEvents = db.prepare(insertInto + new Array(EVENTS_PER_INSERT).fill(row).join(', '));
    this.insertUnparsed = db.prepare(
      'INSERT INTO unparsed (source_id, line_start, line_end, raw, reason, context_ts_ms) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateCounts = db.prepare(
      `UPDATE sources SET event_count = ?, unparsed_count = ?, line_count = ?, first_ts_ms = ?, last_ts_ms = ?,
              lines_done = MAX(lines_done, ?), bytes_done = COALESCE(?, bytes_done) WHERE id = ?`,
    );
    this.runBatch = db.transaction((write: () => void) => {
      this.isInBatch = true;
      try {
        write();
        this.writePendingEvents();
      } finally {
        this.isInBatch = false;
        this.pendingCount = 0;
      }
      this.updateCounts.run(
        this.eventCount,
        this.unparsedCount,
        this.eventCount + this.unparsedCount,
        this.firstTsMs,
        this.lastTsMs,
        this.linesDone,
        this.bytesDone,
        this.sourceId,
      );
    });
  }

  /** Creates the source row with status `importing`. */
  static begin(incident: IncidentDb, start: SourceStart): SourceWriter {
    const result = incident.db
      .prepare("INSERT INTO sources (name, path, format, size_bytes, status, imported_at_ms) VALUES (?, ?, ?, ?, 'importing', ?)")
      .run(start.name, start.path, start.format, start.sizeBytes, Date.now());
    const sourceId = Number(result.lastInsertRowid);
    if (start.timeZone !== undefined) incident.db.prepare('UPDATE sources SET time_zone = ? WHERE id = ?').run(start.timeZone, sourceId);
    return new SourceWriter(incident.db, sourceId, start);
  }

  /**
   * Continues a source an earlier import left `importing` (killed or cancelled), or a complete one whose
   * file has grown: counts carry on from the row, and the source is `importing` again until `finish`.
   */
  static resume(incident: IncidentDb, sourceId: number): SourceWriter {
    const row = incident.db
      .prepare('SELECT name, path, format, size_bytes, event_count, unparsed_count, first_ts_ms, last_ts_ms, lines_done FROM sources WHERE id = ?')
      .get(sourceId) as
      | { name: string; path: string; format: string; size_bytes: number; event_count: number; unparsed_count: number; first_ts_ms: number | null; last_ts_ms: number | null; lines_done: number }
      | undefined;
    if (!row) throw new Error(`There is no source ${sourceId} to resume.`);
    incident.db.prepare("UPDATE sources SET status = 'importing', error = NULL WHERE id = ?").run(sourceId);
    const writer = new SourceWriter(incident.db, sourceId, { name: row.name, path: row.path, format: row.format, sizeBytes: row.size_bytes });
    writer.eventCount = row.event_count;
    writer.unparsedCount = row.unparsed_count;
    writer.firstTsMs = row.first_ts_ms;
    writer.lastTsMs = row.last_ts_ms;
    writer.linesDone = row.lines_done;
    const last = incident.db.prepare('SELECT ts_ms FROM events WHERE source_id = ? ORDER BY id DESC LIMIT 1').get(sourceId) as { ts_ms: number } | undefined;
    writer.lastEventTsMs = last?.ts_ms ?? null;
    return writer;
  }

  /**
   * Records how far the input is read once the next batch commits: `linesDone` input lines, and
   * `bytesDone` bytes of the (decompressed) text, when the caller knows it exactly.
   */
  setReached(linesDone: number, bytesDone: number | null = null): void {
    this.linesDone = linesDone;
    this.bytesDone = bytesDone;
  }

  /** Events written so far. */
  get events(): number {
    return this.eventCount;
  }

  /** Unparsed lines written so far. */
  get unparsed(): number {
    return this.unparsedCount;
  }

  /**
   * Runs `write` (which calls addEvent / addUnparsed) in one transaction and updates the source's
   * counts, so other connections see whole batches. `write` must be synchronous.
   * NOTE: rows reach SQLite within this call (events in multi-row INSERTs of EVENTS_PER_INSERT,
   * the rest at the end), never buffered across batches, so parsed objects die young.
   */
  batch(write: () => void): void {
    this.runBatch(write);
  }

  /**
   * Writes the event read from lines `lineNumber`..`lineEnd` (1-based, inclusive; one line by default),
   * whose exact text is `raw`. Only inside `batch`.
   */
  addEvent(e: NewEvent, lineNumber: number, raw: string, lineEnd = lineNumber): void {
    this.assertInBatch();
    const params = this.pendingParams;
    let at = this.pendingCount * EVENT_COLUMNS;
    params[at++] = e.tsMs;
    params[at++] = e.tsSubNs;
    params[at++] = e.endMs;
    params[at++] = e.host;
    params[at++] = e.service;
    params[at++] = e.level;
    params[at++] = e.kind;
    params[at++] = e.message;
    params[at++] = e.attrsJson;
    params[at++] = lineNumber;
    params[at++] = lineEnd;
    params[at] = raw;
    if (++this.pendingCount === EVENTS_PER_INSERT) {
      this.insertEvents.run(params);
      this.pendingCount = 0;
    }
    this.eventCount++;
    this.writtenCount++;
    this.lastEventTsMs = e.tsMs;
    if (this.firstTsMs === null || e.tsMs < this.firstTsMs) this.firstTsMs = e.tsMs;
    if (this.lastTsMs === null || e.tsMs > this.lastTsMs) this.lastTsMs = e.tsMs;
    else if (e.tsMs < this.lastTsMs - FAR_OUT_OF_ORDER_MS) this.farOutOfOrderCount++;
  }

  /** Whether more than 1% (and over 1,000) of the events this writer wrote came far out of time order. */
  isFarOutOfOrder(): boolean {
    return this.farOutOfOrderCount > 1000 && this.farOutOfOrderCount * 100 > this.writtenCount;
  }

  /** Records the format the source turned out to be in (a followed file was empty when it was sniffed). Only inside `batch`. */
  setFormat(format: string): void {
    this.assertInBatch();
    this.db.prepare('UPDATE sources SET format = ? WHERE id = ?').run(format, this.sourceId);
    this.start = { ...this.start, format };
  }

  /** Writes an unreadable line, placed in time at the preceding event of this source. Only inside `batch`. */
  addUnparsed(lineNumber: number, raw: string, reason: string, lineEnd = lineNumber): void {
    this.assertInBatch();
    this.insertUnparsed.run(this.sourceId, lineNumber, lineEnd, raw, reason, this.lastEventTsMs);
    this.unparsedCount++;
  }

  /** Inserts the events still waiting, one by one. */
  private writePendingEvents(): void {
    const params = this.pendingParams;
    for (let i = 0; i < this.pendingCount; i++) this.insertEvent.run(params.slice(i * EVENT_COLUMNS, (i + 1) * EVENT_COLUMNS));
    this.pendingCount = 0;
  }

  private assertInBatch(): void {
    if (!this.isInBatch) throw new Error('SourceWriter rows must be added inside batch()');
  }

  /**
   * Marks the source complete. `lineCount` is every line of the file; `sizeBytes` its size on disk now
   * (it may have grown since `begin`); `bytesDone` the decompressed bytes read, when known exactly.
   */
  finish(contentHash: string, lineCount: number, sizeBytes: number = this.start.sizeBytes, bytesDone: number | null = null): SourceImportSummary {
    this.db
      .prepare(
        `UPDATE sources SET status = 'complete', content_hash = ?, line_count = ?, event_count = ?, unparsed_count = ?,
                first_ts_ms = ?, last_ts_ms = ?, error = NULL, lines_done = ?, size_bytes = ?, bytes_done = COALESCE(?, bytes_done) WHERE id = ?`,
      )
      .run(contentHash, lineCount, this.eventCount, this.unparsedCount, this.firstTsMs, this.lastTsMs, lineCount, sizeBytes, bytesDone, this.sourceId);
    return {
      sourceId: this.sourceId,
      path: this.start.path,
      format: this.start.format,
      lines: lineCount,
      events: this.eventCount,
      unparsed: this.unparsedCount,
      firstTsMs: this.firstTsMs,
      lastTsMs: this.lastTsMs,
      skippedReason: null,
    };
  }

  /** Marks the source failed with `message` (one sentence for the user); rows already written stay. */
  fail(message: string): void {
    this.db.prepare("UPDATE sources SET status = 'failed', error = ? WHERE id = ?").run(message, this.sourceId);
  }
}
