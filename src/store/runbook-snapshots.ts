/** Snapshots of runbook text kept in the incident, so the file shows what the responder actually read. */
import type { IncidentDb } from './incident-db';

/** The runbook text to snapshot, as the library has it now. */
export interface SnapshotSource {
  runbookId: string;
  title: string;
  contentHash: string;
  file: string;
  text: string;
}

/** A stored snapshot. */
export interface RunbookSnapshot extends SnapshotSource {
  id: number;
  createdMs: number;
}

/** Stores `source` unless an identical snapshot exists; returns the snapshot's id. */
export function ensureSnapshot(incident: IncidentDb, source: SnapshotSource, nowMs = Date.now()): number {
  const { db } = incident;
  const existing = db.prepare('SELECT id FROM runbook_snapshots WHERE runbook_id = ? AND content_hash = ?').get(source.runbookId, source.contentHash) as
    | { id: number }
    | undefined;
  if (existing !== undefined) return existing.id;
  const result = db
    .prepare('INSERT INTO runbook_snapshots (runbook_id, title, content_hash, file, text, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
    .run(source.runbookId, source.title, source.contentHash, source.file, source.text, nowMs);
  return Number(result.lastInsertRowid);
}

/** A snapshot by id, or undefined. */
export function getSnapshot(incident: IncidentDb, id: number): RunbookSnapshot | undefined {
  const row = incident.db.prepare('SELECT * FROM runbook_snapshots WHERE id = ?').get(id) as
    | { id: number; runbook_id: string; title: string; content_hash: string; file: string; text: string; created_ms: number }
    | undefined;
  if (row === undefined) return undefined;
  return { id: row.id, runbookId: row.runbook_id, title: row.title, contentHash: row.content_hash, file: row.file, text: row.text, createdMs: row.created_ms };
}

/** The newest snapshot of a runbook, for incidents opened where the runbook file is not available. */
export function latestSnapshotOf(incident: IncidentDb, runbookId: string): RunbookSnapshot | undefined {
  const row = incident.db.prepare('SELECT id FROM runbook_snapshots WHERE runbook_id = ? ORDER BY id DESC LIMIT 1').get(runbookId) as { id: number } | undefined;
  return row === undefined ? undefined : getSnapshot(incident, row.id);
}
