/**
 * The one implementation of the Hindsight API, over the incident file that is open right now.
 * Electron IPC, the HTTP shell and the tests all call these handlers through `dispatch`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { IncidentInfo } from '../model/incident';
import { importPaths } from '../importers/import-paths';
import { writeSampleIncident } from '../sample/sample-incident';
import { queryDensity } from '../store/density-query';
import { eventsAround, getEvent, listUnparsed, stepEvent } from '../store/event-queries';
import { IncidentDb } from '../store/incident-db';
import { listSources, readIncidentInfo } from '../store/incident-queries';
import type { ApiEventName, ApiEvents, ApiHandlers, AppStatus } from './contract';
import { ApiError } from './errors';
import { RecentIncidents } from './recent-incidents';

/** What a transport gives the service: where app data lives and how to publish events. */
export interface ServiceOptions {
  /** Folder for app data: recent incidents, the generated sample incident. */
  dataDir: string;
  /** Publishes an event to every subscribed client. */
  emit: <E extends ApiEventName>(name: E, payload: ApiEvents[E]) => void;
  /** Open incidents read-only and refuse every change (for showing an incident to a room). */
  readOnly?: boolean;
}

/** A running service: the API handlers plus lifecycle calls for the shells. */
export interface HindsightService {
  handlers: ApiHandlers;
  /** Opens (or, with `create`, creates) an incident file and makes it the current one. */
  openIncident(path: string, create?: boolean): IncidentInfo;
  /** Closes the open incident, if any. */
  close(): void;
}

/** File name of the generated sample incident inside the data folder. */
export const SAMPLE_FILE_NAME = 'sample.hindsight';

/** Creates the service. Nothing is open until a handler or `openIncident` opens an incident. */
export function createService(options: ServiceOptions): HindsightService {
  const { dataDir, emit } = options;
  const isReadOnly = options.readOnly === true;
  const recent = new RecentIncidents(dataDir);
  let current: IncidentDb | null = null;
  let sampleInProgress: Promise<unknown> | null = null;

  const requireIncident = (): IncidentDb => {
    if (!current) throw new ApiError('no_incident', 'No incident is open; open or create an incident first.');
    return current;
  };
  const requireWritable = (): IncidentDb => {
    const incident = requireIncident();
    if (incident.isReadOnly) throw new ApiError('read_only', 'This incident is open read-only; reopen it without --read-only to change it.');
    return incident;
  };
  const status = (): AppStatus => ({
    incident: current ? readIncidentInfo(current) : null,
    recent: recent.list(),
    defaultDir: dataDir,
  });
  const closeCurrent = (): void => {
    current?.close();
    current = null;
  };
  const openIncident = (path: string, create = false): IncidentInfo => {
    if (create && isReadOnly) throw new ApiError('read_only', 'Hindsight is running read-only; restart it without --read-only to create incidents.');
    const absolute = resolve(path);
    if (create && existsSync(absolute)) {
      throw new ApiError('io_error', `${absolute} already exists; choose another name or open it instead.`);
    }
    if (create && !absolute.endsWith('.hindsight')) {
      throw new ApiError('invalid_argument', `Incident files end in .hindsight; name it ${absolute}.hindsight instead.`);
    }
    const next = IncidentDb.open(absolute, { create, readOnly: isReadOnly });
    closeCurrent();
    current = next;
    const info = readIncidentInfo(next);
    recent.remember(absolute, info.title);
    emit('incident.changed', { incident: info });
    return info;
  };

  const handlers: ApiHandlers = {
    'app.status': () => status(),
    'incident.openSample': async () => {
      const samplePath = join(dataDir, SAMPLE_FILE_NAME);
      if (!existsSync(samplePath)) {
        if (isReadOnly) throw new ApiError('read_only', 'The sample incident has not been generated yet; run `hindsight demo` first or start without --read-only.');
        mkdirSync(dataDir, { recursive: true });
        sampleInProgress ??= writeSampleIncident(samplePath, { onProgress: (progress) => emit('import.progress', progress) }).finally(() => {
          sampleInProgress = null;
        });
        await sampleInProgress;
      }
      return openIncident(samplePath);
    },
    'incident.create': ({ path, title }) => {
      const info = openIncident(path, true);
      if (!title) return info;
      requireWritable().setMeta('title', title);
      return readIncidentInfo(requireIncident());
    },
    'incident.open': ({ path }) => openIncident(path),
    'incident.close': () => {
      closeCurrent();
      emit('incident.changed', { incident: null });
      return status();
    },
    'incident.info': () => readIncidentInfo(requireIncident()),
    'incident.sources': () => listSources(requireIncident()),
    'import.paths': async ({ paths }) => {
      const incident = requireWritable();
      const summary = await importPaths(incident, paths, { onProgress: (progress) => emit('import.progress', progress) });
      emit('incident.changed', { incident: readIncidentInfo(incident) });
      return summary;
    },
    'timeline.density': ({ fromMs, toMs, bucketCount, laneBy }) => queryDensity(requireIncident(), fromMs, toMs, bucketCount, laneBy),
    'events.around': ({ tsMs, before, after }) => eventsAround(requireIncident(), tsMs, before, after),
    'events.get': ({ id }) => getEvent(requireIncident(), id),
    'events.step': ({ fromTsMs, fromId, direction, levelAtLeast }) => stepEvent(requireIncident(), fromTsMs, fromId, direction, levelAtLeast),
    'unparsed.list': ({ sourceId, limit, offset }) => listUnparsed(requireIncident(), sourceId, limit, offset),
  };

  return { handlers, openIncident, close: closeCurrent };
}
