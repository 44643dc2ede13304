/**
 * Annotation rows: create, edit, delete (soft, so undo and merges keep the uid), restore, history.
 * NOTE: every edit is committed before the call returns, with `synchronous = FULL` for that commit, so
 * an edit survives the process being killed (and the machine losing power) the moment it is made.
 */
import { randomUUID } from 'node:crypto';
import { isAnnotationKind, type Annotation, type AnnotationEdit, type AnnotationEditAction, type AnnotationFields } from '../model/annotation';
import { ApiError } from '../api/errors';
import type { IncidentDb } from './incident-db';
import type { Database } from './sqlite';

/** A row of `annotations` with its event anchors as a JSON array. */
interface AnnotationRow {
  id: number;
  uid: string;
  kind: string;
  ts_ms: number;
  end_ms: number | null;
  event_ids: string;
  title: string;
  body: string;
  author: string;
  owner: string | null;
  due_date: string | null;
  created_ms: number;
  updated_ms: number;
  deleted_ms: number | null;
}

/** An annotation as stored, including whether (and when) it was deleted. */
export interface StoredAnnotation extends Annotation {
  deletedMs: number | null;
}

const SELECT_ANNOTATION = `
  SELECT a.id, a.uid, a.kind, a.ts_ms, a.end_ms, a.title, a.body, a.author, a.owner, a.due_date,
         a.created_ms, a.updated_ms, a.deleted_ms,
         (SELECT json_group_array(event_id) FROM (SELECT event_id FROM annotation_events WHERE annotation_id = a.id ORDER BY event_id)) AS event_ids
    FROM annotations a`;

function toAnnotation(row: AnnotationRow): StoredAnnotation {
  return {
    id: row.id,
    uid: row.uid,
    kind: isAnnotationKind(row.kind) ? row.kind : 'note',
    tsMs: row.ts_ms,
    endMs: row.end_ms,
    eventIds: JSON.parse(row.event_ids) as number[],
    title: row.title,
    body: row.body,
    author: row.author,
    owner: row.owner,
    dueDate: row.due_date,
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
    deletedMs: row.deleted_ms,
  };
}

/** The editable fields of an annotation. */
export function fieldsOf(annotation: Annotation): AnnotationFields {
  const { kind, tsMs, endMs, eventIds, title, body, owner, dueDate } = annotation;
  return { kind, tsMs, endMs, eventIds, title, body, owner, dueDate };
}

/** Strips the stored-only fields. */
function publicOf(stored: StoredAnnotation): Annotation {
  const { deletedMs: _deletedMs, ...annotation } = stored;
  return annotation;
}

/**
 * Runs `write` in one transaction committed with `synchronous = FULL` (the WAL is synced to disk
 * before the commit returns), then restores the connection's usual setting.
 */
export function durableWrite<T>(db: Database, write: () => T): T {
  const previous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(write)();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}

/** Every annotation in time order; deleted ones only when asked. */
export function listStoredAnnotations(incident: IncidentDb, includeDeleted = false): StoredAnnotation[] {
  const where = includeDeleted ? '' : 'WHERE a.deleted_ms IS NULL';
  const rows = incident.db.prepare(`${SELECT_ANNOTATION} ${where} ORDER BY a.ts_ms, a.id`).all() as AnnotationRow[];
  return rows.map(toAnnotation);
}

/** Every live annotation in time order. */
export function listAnnotations(incident: IncidentDb): Annotation[] {
  return listStoredAnnotations(incident).map(publicOf);
}

/** One annotation by uid, deleted or not; null when the file has none with that uid. */
export function findAnnotation(incident: IncidentDb, uid: string): StoredAnnotation | null {
  const row = incident.db.prepare(`${SELECT_ANNOTATION} WHERE a.uid = ?`).get(uid) as AnnotationRow | undefined;
  return row ? toAnnotation(row) : null;
}

function requireAnnotation(incident: IncidentDb, uid: string): StoredAnnotation {
  const found = findAnnotation(incident, uid);
  if (!found) throw new ApiError('not_found', `There is no annotation ${uid} in this incident; it may have been merged away or belong to another file.`);
  return found;
}

function checkFields(incident: IncidentDb, fields: AnnotationFields): void {
  if (fields.endMs !== null && fields.endMs < fields.tsMs) {
    throw new ApiError('invalid_argument', 'An annotation range must end at or after its start; swap the two times.');
  }
  if (fields.eventIds.length === 0) return;
  const placeholders = fields.eventIds.map(() => '?').join(', ');
  const { n } = incident.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE id IN (${placeholders})`).get(...fields.eventIds) as { n: number };
  if (n !== new Set(fields.eventIds).size) {
    throw new ApiError('not_found', 'An annotation can only point at events of this incident; one of the chosen events is not in it.');
  }
}

/**
 * Writes fields, anchors and a history entry for the annotation row `id`, stamping it `nowMs`.
 * NOTE: call inside a transaction (merges pass the colleague's edit time so a second merge is a no-op).
 */
export function writeAnnotationFields(db: Database, id: number, fields: AnnotationFields, author: string, action: AnnotationEditAction, nowMs: number): void {
  db.prepare(
    `UPDATE annotations SET kind = @kind, ts_ms = @tsMs, end_ms = @endMs, event_id = @eventId, title = @title, body = @body,
            owner = @owner, due_date = @dueDate, updated_ms = @nowMs WHERE id = @id`,
  ).run({ ...fields, eventId: fields.eventIds[0] ?? null, nowMs, id });
  db.prepare('DELETE FROM annotation_events WHERE annotation_id = ?').run(id);
  const anchor = db.prepare('INSERT OR IGNORE INTO annotation_events (annotation_id, event_id) VALUES (?, ?)');
  for (const eventId of fields.eventIds) anchor.run(id, eventId);
  recordEdit(db, id, author, action, fields, nowMs);
}

/** Appends one entry to an annotation's edit history (inside a transaction). */
export function recordEdit(db: Database, id: number, author: string, action: AnnotationEditAction, fields: AnnotationFields, nowMs: number): void {
  db.prepare('INSERT INTO annotation_edits (annotation_id, edited_ms, author, action, after) VALUES (?, ?, ?, ?, ?)').run(
    id,
    nowMs,
    author,
    action,
    JSON.stringify(fields),
  );
}

/** Creates an annotation (with a fresh uid unless one is given) and returns it, committed. */
export function createAnnotation(incident: IncidentDb, fields: AnnotationFields, author: string, options: { uid?: string; nowMs?: number } = {}): Annotation {
  checkFields(incident, fields);
  const uid = options.uid ?? randomUUID();
  const nowMs = options.nowMs ?? Date.now();
  if (findAnnotation(incident, uid)) throw new ApiError('invalid_argument', `An annotation with uid ${uid} already exists; update it instead.`);
  durableWrite(incident.db, () => {
    const { lastInsertRowid } = incident.db
      .prepare('INSERT INTO annotations (uid, kind, ts_ms, author, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(uid, fields.kind, fields.tsMs, author, nowMs, nowMs);
    writeAnnotationFields(incident.db, Number(lastInsertRowid), fields, author, 'create', nowMs);
  });
  return publicOf(requireAnnotation(incident, uid));
}

/** Changes some fields of a live annotation; returns the annotation before and after, committed. */
export function updateAnnotation(
  incident: IncidentDb,
  uid: string,
  patch: Partial<AnnotationFields>,
  author: string,
): { before: Annotation; after: Annotation } {
  const stored = requireAnnotation(incident, uid);
  if (stored.deletedMs !== null) throw new ApiError('not_found', 'That annotation was deleted; undo the deletion (or restore it) before editing it.');
  const fields = { ...fieldsOf(stored), ...patch };
  checkFields(incident, fields);
  durableWrite(incident.db, () => writeAnnotationFields(incident.db, stored.id, fields, author, 'update', Date.now()));
  return { before: publicOf(stored), after: publicOf(requireAnnotation(incident, uid)) };
}

/** Deletes (hides) or restores an annotation; the row stays so undo and merges know its uid. */
export function setAnnotationDeleted(incident: IncidentDb, uid: string, isDeleted: boolean, author: string): Annotation {
  const stored = requireAnnotation(incident, uid);
  if ((stored.deletedMs !== null) === isDeleted) return publicOf(stored);
  const nowMs = Date.now();
  durableWrite(incident.db, () => {
    incident.db.prepare('UPDATE annotations SET deleted_ms = ?, updated_ms = ? WHERE id = ?').run(isDeleted ? nowMs : null, nowMs, stored.id);
    recordEdit(incident.db, stored.id, author, isDeleted ? 'delete' : 'restore', fieldsOf(stored), nowMs);
  });
  return publicOf(requireAnnotation(incident, uid));
}

/** The edit history of one annotation, oldest first. */
export function annotationHistory(incident: IncidentDb, uid: string): AnnotationEdit[] {
  const stored = requireAnnotation(incident, uid);
  const rows = incident.db
    .prepare('SELECT id, edited_ms, author, action, after FROM annotation_edits WHERE annotation_id = ? ORDER BY id')
    .all(stored.id) as { id: number; edited_ms: number; author: string; action: AnnotationEditAction; after: string }[];
  return rows.map((row) => ({ id: row.id, uid, editedMs: row.edited_ms, author: row.author, action: row.action, after: JSON.parse(row.after) as AnnotationFields }));
}
