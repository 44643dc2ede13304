/**
 * The postmortem draft: one row per field in `postmortem_fields` (title, status, authors, and each
 * section), so concurrent editors and merges replace one field at a time. Writes are durable.
 */
import {
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUSES,
  type PostmortemDraft,
  type PostmortemSection,
  type PostmortemStatus,
} from '../model/postmortem';
import { durableWrite } from './annotation-store';
import type { IncidentDb } from './incident-db';
import { titleFromPath } from './incident-db';

/** A change to the draft: any subset of its fields. */
export interface PostmortemPatch {
  title?: string;
  status?: PostmortemStatus;
  authors?: string[];
  sections?: Partial<Record<PostmortemSection, string>>;
}

/** A stored field with its last writer, for merging. */
export interface PostmortemFieldRow {
  field: string;
  value: string;
  author: string;
  updated_ms: number;
}

/** Every stored field of the draft. */
export function readPostmortemFields(incident: IncidentDb): PostmortemFieldRow[] {
  return incident.db.prepare('SELECT field, value, author, updated_ms FROM postmortem_fields ORDER BY field').all() as PostmortemFieldRow[];
}

/** The draft; fields never written are empty (the title defaults to the incident's). */
export function readPostmortemDraft(incident: IncidentDb): PostmortemDraft {
  const rows = new Map(readPostmortemFields(incident).map((row) => [row.field, row]));
  const sections = Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, rows.get(`section.${s}`)?.value ?? ''])) as Record<PostmortemSection, string>;
  const status = rows.get('status')?.value;
  const authors = rows.get('authors')?.value;
  const updatedMs = Math.max(...[...rows.values()].map((row) => row.updated_ms));
  return {
    title: rows.get('title')?.value ?? incident.getMeta('title') ?? titleFromPath(incident.path),
    status: (POSTMORTEM_STATUSES as readonly string[]).includes(status ?? '') ? (status as PostmortemStatus) : 'draft',
    authors: authors ? (JSON.parse(authors) as string[]) : [],
    sections,
    updatedMs: rows.size === 0 ? null : updatedMs,
  };
}

/** Writes the fields present in `patch`, committed durably; returns the draft afterwards. */
export function updatePostmortemDraft(incident: IncidentDb, patch: PostmortemPatch, author: string): PostmortemDraft {
  const nowMs = Date.now();
  const write = incident.db.prepare('INSERT OR REPLACE INTO postmortem_fields (field, value, author, updated_ms) VALUES (?, ?, ?, ?)');
  durableWrite(incident.db, () => {
    if (patch.title !== undefined) write.run('title', patch.title, author, nowMs);
    if (patch.status !== undefined) write.run('status', patch.status, author, nowMs);
    if (patch.authors !== undefined) write.run('authors', JSON.stringify(patch.authors), author, nowMs);
    for (const [section, value] of Object.entries(patch.sections ?? {})) write.run(`section.${section}`, value, author, nowMs);
  });
  return readPostmortemDraft(incident);
}
