/** Handlers of the incident methods (src/api/methods/incident-methods.ts): open, create, close. */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncidentInfo } from '../../model/incident';
import { writeSampleIncident } from '../../sample/sample-incident';
import { IncidentDb } from '../../store/incident-db';
import { warmLod } from '../../store/lod-index';
import { listSources, readIncidentInfo } from '../../store/incident-queries';
import type { ApiHandlers, AppStatus } from '../contract';
import { ApiError } from '../errors';
import type { IncidentResults } from '../methods/incident-methods';
import { RecentIncidents } from '../recent-incidents';
import type { ServiceContext } from './service-context';

/** File name of the generated sample incident inside the data folder. */
export const SAMPLE_FILE_NAME = 'sample.hindsight';

/** The incident handlers, plus the open/close calls the shells use directly. */
export interface IncidentHandlers {
  handlers: Pick<ApiHandlers, keyof IncidentResults>;
  openIncident(path: string, create?: boolean): IncidentInfo;
  closeIncident(): void;
}

/** Creates the incident handlers; `setCurrent` replaces the service's open incident. */
export function createIncidentHandlers(ctx: ServiceContext, setCurrent: (incident: IncidentDb | null) => void): IncidentHandlers {
  const recent = new RecentIncidents(ctx.dataDir);
  let sampleInProgress: Promise<unknown> | null = null;

  const status = (): AppStatus => {
    const incident = ctx.current();
    return { incident: incident ? readIncidentInfo(incident) : null, recent: recent.list(), defaultDir: ctx.dataDir };
  };
  const closeIncident = (): void => {
    ctx.current()?.close();
    setCurrent(null);
  };
  const openIncident = (path: string, create = false): IncidentInfo => {
    if (create && ctx.isReadOnly) throw new ApiError('read_only', 'Hindsight is running read-only; restart it without --read-only to create incidents.');
    const absolute = resolve(path);
    if (create && existsSync(absolute)) throw new ApiError('io_error', `${absolute} already exists; choose another name or open it instead.`);
    if (create && !absolute.endsWith('.hindsight')) {
      throw new ApiError('invalid_argument', `Incident files end in .hindsight; name it ${absolute}.hindsight instead.`);
    }
    const next = IncidentDb.open(absolute, { create, readOnly: ctx.isReadOnly });
    closeIncident();
    setCurrent(next);
    // NOTE: loads the timeline's counts now, so no viewer's first density request waits for a read.
    warmLod(next);
    const info = readIncidentInfo(next);
    recent.remember(absolute, info.title);
    ctx.emit('incident.changed', { incident: info });
    return info;
  };

  const handlers: IncidentHandlers['handlers'] = {
    'app.status': () => status(),
    'incident.openSample': async () => {
      const samplePath = join(ctx.dataDir, SAMPLE_FILE_NAME);
      if (!existsSync(samplePath)) {
        if (ctx.isReadOnly) throw new ApiError('read_only', 'The sample incident has not been generated yet; run `hindsight demo` first or start without --read-only.');
        mkdirSync(ctx.dataDir, { recursive: true });
        sampleInProgress ??= writeSampleIncident(samplePath, { onProgress: (progress) => ctx.emit('import.progress', progress) }).finally(() => {
          sampleInProgress = null;
        });
        await sampleInProgress;
      }
      return openIncident(samplePath);
    },
    'incident.create': ({ path, title }) => {
      const info = openIncident(path, true);
      if (!title) return info;
      const incident = ctx.requireWritable();
      incident.setMeta('title', title);
      return readIncidentInfo(incident);
    },
    'incident.open': ({ path }) => openIncident(path),
    'incident.close': () => {
      closeIncident();
      ctx.emit('incident.changed', { incident: null });
      return status();
    },
    'incident.info': () => readIncidentInfo(ctx.requireIncident()),
    'incident.sources': () => listSources(ctx.requireIncident()),
  };
  return { handlers, openIncident, closeIncident };
}
