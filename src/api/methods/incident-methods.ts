/** API methods about the app and the incident file as a whole: open, create, close (importing is in import-methods.ts). */
import { z } from 'zod';
import type { IncidentInfo, SourceInfo } from '../../model/incident';
import { filePathSchema, noArgs } from './schemas';

/** Argument schemas of the incident methods. */
export const incidentArgs = {
  /** What is open right now, and the recent incidents. */
  'app.status': noArgs,
  /** Generate (once) and open the bundled sample incident. */
  'incident.openSample': noArgs,
  /** Create a new, empty incident file at `path` and open it. */
  'incident.create': z.object({ path: filePathSchema, title: z.string().max(200).optional() }).strict(),
  /** Open an existing incident file. */
  'incident.open': z.object({ path: filePathSchema }).strict(),
  /** Close the open incident. */
  'incident.close': noArgs,
  /** Summary of the open incident. */
  'incident.info': noArgs,
  /** Every imported source with its counts and status. */
  'incident.sources': noArgs,
} as const;

/** A recently opened incident, for the start screen. */
export interface RecentIncident {
  path: string;
  title: string;
  openedAtMs: number;
}

/** State of the app as a whole. */
export interface AppStatus {
  incident: IncidentInfo | null;
  recent: RecentIncident[];
  /** Directory where new incidents are created by default. */
  defaultDir: string;
}

/** Result types of the incident methods. */
export interface IncidentResults {
  'app.status': AppStatus;
  'incident.openSample': IncidentInfo;
  'incident.create': IncidentInfo;
  'incident.open': IncidentInfo;
  'incident.close': AppStatus;
  'incident.info': IncidentInfo;
  'incident.sources': SourceInfo[];
}
