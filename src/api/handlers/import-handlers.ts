/**
 * Handlers of the import methods (src/api/methods/import-methods.ts): import paths (one at a time, so a
 * cancel means the running one), cancel, live follow of the open incident, and clock correction.
 */
import { Follower } from '../../importers/follow';
import { importPaths } from '../../importers/import-paths';
import type { IncidentDb } from '../../store/incident-db';
import { listSources, readIncidentInfo } from '../../store/incident-queries';
import { buildDerivedTables } from '../../store/derived-tables';
import { warmInsightPatterns } from '../../store/insight-patterns';
import { buildLod } from '../../store/lod-build';
import { setClockOffset } from '../../store/source-progress';
import type { ApiHandlers } from '../contract';
import { ApiError } from '../errors';
import type { ImportResults } from '../methods/import-methods';
import type { ServiceContext } from './service-context';

/** Least time between two `incident.changed` events caused by followed files, in ms. */
const FOLLOW_NOTIFY_MIN_MS = 300;

/** Creates the import handlers. */
export function createImportHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof ImportResults> {
  let running: AbortController | null = null;
  let follower: Follower | null = null;
  let lastNotifyMs = 0;
  let pendingNotify: NodeJS.Timeout | null = null;

  const notifyChanged = (incident: IncidentDb): void => {
    if (pendingNotify !== null) return;
    const waitMs = Math.max(0, lastNotifyMs + FOLLOW_NOTIFY_MIN_MS - Date.now());
    pendingNotify = setTimeout(() => {
      pendingNotify = null;
      lastNotifyMs = Date.now();
      if (ctx.current() === incident) ctx.emit('incident.changed', { incident: readIncidentInfo(incident) });
    }, waitMs);
  };

  /** The follower of the open incident; a follower of an incident since closed is stopped first. */
  const followerFor = async (incident: IncidentDb): Promise<Follower> => {
    if (follower !== null && follower.incident !== incident) {
      const stale = follower;
      follower = null;
      await stale.stop();
    }
    follower ??= new Follower(incident, () => {
      if (ctx.current() !== incident) void follower?.stop();
      else notifyChanged(incident);
    });
    return follower;
  };

  return {
    'import.paths': async ({ paths, format, timeZone, year }) => {
      const incident = ctx.requireWritable();
      if (running !== null) throw new ApiError('invalid_argument', 'An import is already running; wait for it to finish or cancel it first.');
      running = new AbortController();
      try {
        const summary = await importPaths(incident, paths, { format, timeZone, year, signal: running.signal, onProgress: (progress) => ctx.emit('import.progress', progress) });
        buildDerivedTables(incident);
        ctx.emit('incident.changed', { incident: readIncidentInfo(incident) });
        // NOTE: mined after the import returns, in chunks that yield to other calls; a failure here resurfaces on the next `insight.findings`.
        warmInsightPatterns(incident, (progress) => ctx.emit('insight.progress', progress)).catch(() => undefined);
        return summary;
      } finally {
        running = null;
      }
    },
    'import.cancel': () => {
      const wasRunning = running !== null;
      running?.abort();
      return { wasRunning };
    },
    'import.follow': async ({ paths, timeZone, year }) => {
      const incident = ctx.requireWritable();
      const active = await followerFor(incident);
      for (const path of paths) await active.follow(path, { timeZone, year });
      notifyChanged(incident);
      return active.list();
    },
    'import.unfollow': async ({ paths }) => {
      const incident = ctx.requireIncident();
      const active = await followerFor(incident);
      if (paths === undefined) await active.unfollow();
      else for (const path of paths) await active.unfollow(path);
      return active.list();
    },
    'import.following': () => {
      const incident = ctx.current();
      return follower !== null && follower.incident === incident ? follower.list() : [];
    },
    'sources.setClockOffset': ({ sourceId, offsetMs }) => {
      const incident = ctx.requireWritable();
      if (!setClockOffset(incident, sourceId, offsetMs)) throw new ApiError('not_found', `There is no source ${sourceId} in this incident; list them with incident.sources.`);
      buildLod(incident);
      ctx.emit('incident.changed', { incident: readIncidentInfo(incident) });
      return listSources(incident);
    },
  };
}
