/** Dismissed "what changed" findings, remembered in the incident by finding key. */
import type { IncidentDb } from './incident-db';

/** Keys of every dismissed finding. */
export function dismissedKeys(incident: IncidentDb): Set<string> {
  return new Set(incident.db.prepare('SELECT finding_key FROM insight_dismissals').pluck().all() as string[]);
}

/** Marks a finding dismissed (or not); idempotent. */
export function setDismissed(incident: IncidentDb, key: string, isDismissed: boolean, author: string): void {
  if (isDismissed) {
    incident.db.prepare('INSERT OR REPLACE INTO insight_dismissals (finding_key, dismissed_ms, dismissed_by) VALUES (?, ?, ?)').run(key, Date.now(), author);
  } else {
    incident.db.prepare('DELETE FROM insight_dismissals WHERE finding_key = ?').run(key);
  }
}
