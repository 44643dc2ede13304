/**
 * Merges the annotations, stars and postmortem fields of a colleague's copy of the same incident into
 * this one, so a team can work without a server. Annotations match by uid and the newer edit wins
 * (a deletion is an edit); stars are unioned; postmortem fields match by name, newer wins. Merging the
 * same copy twice changes nothing the second time.
 * NOTE: event anchors and stars are kept only where the event with that id has the same time and
 * message in both files; a different incident's ids would otherwise point at unrelated events.
 */
import { resolve } from 'node:path';
import { isAnnotationKind, type AnnotationFields, type MergeSummary } from '../model/annotation';
import { ApiError } from '../api/errors';
import { durableWrite, findAnnotation, recordEdit, writeAnnotationFields } from './annotation-store';
import { IncidentDb } from './incident-db';
import { readPostmortemFields, type PostmortemFieldRow } from './postmortem-store';

/** An annotation as read from the colleague's file (any schema version). */
interface TheirAnnotation {
  uid: string;
  fields: AnnotationFields;
  author: string;
  createdMs: number;
  updatedMs: number;
  deletedMs: number | null;
}

function hasTable(incident: IncidentDb, table: string): boolean {
  return incident.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function columnsOf(incident: IncidentDb, table: string): Set<string> {
  return new Set((incident.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

function readTheirs(theirs: IncidentDb): { annotations: TheirAnnotation[]; stars: { eventId: number; author: string; starredMs: number }[]; fields: PostmortemFieldRow[] } {
  const columns = columnsOf(theirs, 'annotations');
  const optional = (name: string): string => (columns.has(name) ? name : `NULL AS ${name}`);
  const anchors = hasTable(theirs, 'annotation_events')
    ? '(SELECT json_group_array(event_id) FROM (SELECT event_id FROM annotation_events WHERE annotation_id = a.id ORDER BY event_id))'
    : "CASE WHEN a.event_id IS NULL THEN '[]' ELSE json_array(a.event_id) END";
  const rows = theirs.db
    .prepare(
      `SELECT a.uid, a.kind, a.ts_ms, a.end_ms, a.title, a.body, a.author, a.created_ms, a.updated_ms,
              ${optional('owner')}, ${optional('due_date')}, ${optional('deleted_ms')}, ${anchors} AS event_ids
         FROM annotations a ORDER BY a.id`,
    )
    .all() as Record<string, unknown>[];
  const annotations = rows.map((row) => ({
    uid: String(row.uid),
    fields: {
      kind: isAnnotationKind(row.kind) ? row.kind : 'note',
      tsMs: Number(row.ts_ms),
      endMs: row.end_ms === null ? null : Number(row.end_ms),
      eventIds: JSON.parse(String(row.event_ids)) as number[],
      title: String(row.title),
      body: String(row.body),
      owner: row.owner === null ? null : String(row.owner),
      dueDate: row.due_date === null ? null : String(row.due_date),
    },
    author: String(row.author),
    createdMs: Number(row.created_ms),
    updatedMs: Number(row.updated_ms),
    deletedMs: row.deleted_ms === null ? null : Number(row.deleted_ms),
  }));
  const stars = hasTable(theirs, 'stars')
    ? (theirs.db.prepare('SELECT event_id AS eventId, author, starred_ms AS starredMs FROM stars').all() as { eventId: number; author: string; starredMs: number }[])
    : [];
  const fields = hasTable(theirs, 'postmortem_fields') ? readPostmortemFields(theirs) : [];
  return { annotations, stars, fields };
}

/** Merges `fromPath` (opened read-only, never changed) into `ours`; returns what changed. */
export function mergeIncidentNotes(ours: IncidentDb, fromPath: string): MergeSummary {
  const absolute = resolve(fromPath);
  if (absolute === resolve(ours.path)) throw new ApiError('invalid_argument', 'That is this incident file itself; choose the colleague’s copy to merge from.');
  const theirs = IncidentDb.open(absolute, { readOnly: true });
  try {
    const data = readTheirs(theirs);
    const eventKey = (incident: IncidentDb) => {
      const statement = incident.db.prepare('SELECT ts_ms, message FROM events WHERE id = ?');
      return (id: number): string | null => {
        const row = statement.get(id) as { ts_ms: number; message: string } | undefined;
        return row ? `${row.ts_ms}\u0000${row.message}` : null;
      };
    };
    const ourKey = eventKey(ours);
    const theirKey = eventKey(theirs);
    const isSameEvent = (id: number): boolean => {
      const key = ourKey(id);
      return key !== null && key === theirKey(id);
    };
    const summary: MergeSummary = { fromPath: absolute, added: 0, updated: 0, deleted: 0, unchanged: 0, starsAdded: 0, sectionsUpdated: 0, anchorsSkipped: 0 };

    durableWrite(ours.db, () => {
      for (const their of data.annotations) {
        const eventIds = their.fields.eventIds.filter(isSameEvent);
        summary.anchorsSkipped += their.fields.eventIds.length - eventIds.length;
        const fields = { ...their.fields, eventIds };
        const mine = findAnnotation(ours, their.uid);
        if (mine === null) {
          const { lastInsertRowid } = ours.db
            .prepare('INSERT INTO annotations (uid, kind, ts_ms, author, created_ms, updated_ms, deleted_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(their.uid, fields.kind, fields.tsMs, their.author, their.createdMs, their.updatedMs, their.deletedMs);
          writeAnnotationFields(ours.db, Number(lastInsertRowid), fields, their.author, 'merge', their.updatedMs);
          summary.added += 1;
        } else if (their.updatedMs <= mine.updatedMs) {
          summary.unchanged += 1;
        } else if (their.deletedMs !== null && mine.deletedMs === null) {
          ours.db.prepare('UPDATE annotations SET deleted_ms = ?, updated_ms = ? WHERE id = ?').run(their.deletedMs, their.updatedMs, mine.id);
          recordEdit(ours.db, mine.id, their.author, 'delete', fields, their.updatedMs);
          summary.deleted += 1;
        } else {
          ours.db.prepare('UPDATE annotations SET deleted_ms = ? WHERE id = ?').run(their.deletedMs, mine.id);
          writeAnnotationFields(ours.db, mine.id, fields, their.author, 'merge', their.updatedMs);
          summary.updated += 1;
        }
      }
      const addStar = ours.db.prepare('INSERT OR IGNORE INTO stars (event_id, author, starred_ms) VALUES (?, ?, ?)');
      for (const star of data.stars) {
        if (!isSameEvent(star.eventId)) {
          summary.anchorsSkipped += 1;
          continue;
        }
        summary.starsAdded += addStar.run(star.eventId, star.author, star.starredMs).changes;
      }
      const mineFields = new Map(readPostmortemFields(ours).map((row) => [row.field, row]));
      const writeField = ours.db.prepare('INSERT OR REPLACE INTO postmortem_fields (field, value, author, updated_ms) VALUES (?, ?, ?, ?)');
      for (const field of data.fields) {
        const mine = mineFields.get(field.field);
        if (mine !== undefined && mine.updated_ms >= field.updated_ms) continue;
        writeField.run(field.field, field.value, field.author, field.updated_ms);
        summary.sectionsUpdated += 1;
      }
    });
    return summary;
  } finally {
    theirs.close();
  }
}
