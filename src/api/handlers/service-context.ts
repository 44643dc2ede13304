/** What every handler group shares: the open incident, the app's data folder, and the event emitter. */
import type { IncidentDb } from '../../store/incident-db';
import type { ApiEventName, ApiEvents } from '../contract';
import { ApiError } from '../errors';

/** Shared state and guards handed to each handler group. */
export interface ServiceContext {
  readonly dataDir: string;
  /** True when the service refuses every change. */
  readonly isReadOnly: boolean;
  emit<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void;
  /** The open incident, or null. */
  current(): IncidentDb | null;
  /** The open incident; throws `no_incident` when none is open. */
  requireIncident(): IncidentDb;
  /** The open incident, writable; throws `read_only` when it is not. */
  requireWritable(): IncidentDb;
}

/**
 * Refuses a change outside the incident file (app settings, files on disk) when the service is
 * read-only; `what` completes "… is refused": e.g. "Writing export files".
 */
export function refuseWhenReadOnly(ctx: Pick<ServiceContext, 'isReadOnly'>, what: string): void {
  if (ctx.isReadOnly) throw new ApiError('read_only', `${what} is refused while Hindsight runs read-only; restart it without --read-only to do this.`);
}

/** Builds the guards of a {@link ServiceContext} around a getter for the open incident. */
export function guardsFor(current: () => IncidentDb | null): Pick<ServiceContext, 'requireIncident' | 'requireWritable'> {
  const requireIncident = (): IncidentDb => {
    const incident = current();
    if (!incident) throw new ApiError('no_incident', 'No incident is open; open or create an incident first.');
    return incident;
  };
  return {
    requireIncident,
    requireWritable: () => {
      const incident = requireIncident();
      if (incident.isReadOnly) throw new ApiError('read_only', 'This incident is open read-only; reopen it without --read-only to change it.');
      return incident;
    },
  };
}
