/**
 * What the workers that build derived tables (fleet-worker.ts, lod-worker.ts) share: their input, and
 * reading the incident's committed events on their own read-only connection.
 */
import { IncidentDb } from './incident-db';
import { lodFingerprint } from './lod-build';

/** What a derived-table worker is started with. */
export interface DerivedWorkerInput {
  incidentPath: string;
}

/**
 * Opens the incident read-only and runs `read` in one read transaction, with the fingerprint of exactly
 * the events it sees (others may commit meanwhile); closes the connection after.
 */
export function readCommitted<T>({ incidentPath }: DerivedWorkerInput, read: (incident: IncidentDb, builtFor: string) => T): T {
  const incident = IncidentDb.open(incidentPath, { readOnly: true });
  try {
    return incident.db.transaction(() => read(incident, lodFingerprint(incident)))();
  } finally {
    incident.close();
  }
}
