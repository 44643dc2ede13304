/** Stars on events: evidence marks that live beside the (immutable) events, committed durably. */
import type { StarredEvent } from '../model/annotation';
import { ApiError } from '../api/errors';
import { durableWrite } from './annotation-store';
import type { IncidentDb } from './incident-db';

/** Every starred event, in time order. */
export function listStars(incident: IncidentDb): StarredEvent[] {
  const rows = incident.db
    .prepare('SELECT s.event_id, e.ts_ms, s.author, s.starred_ms FROM stars s JOIN events e ON e.id = s.event_id ORDER BY e.ts_ms, e.id')
    .all() as { event_id: number; ts_ms: number; author: string; starred_ms: number }[];
  return rows.map((row) => ({ eventId: row.event_id, tsMs: row.ts_ms, author: row.author, starredMs: row.starred_ms }));
}

/** Stars or unstars an event; returns whether it is starred now. */
export function setStar(incident: IncidentDb, eventId: number, isStarred: boolean, author: string): boolean {
  const exists = incident.db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId);
  if (!exists) throw new ApiError('not_found', `Event ${eventId} is not in this incident; only its own events can be starred.`);
  durableWrite(incident.db, () => {
    if (isStarred) incident.db.prepare('INSERT OR IGNORE INTO stars (event_id, author, starred_ms) VALUES (?, ?, ?)').run(eventId, author, Date.now());
    else incident.db.prepare('DELETE FROM stars WHERE event_id = ?').run(eventId);
  });
  return isStarred;
}
