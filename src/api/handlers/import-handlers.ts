/**
 * Handlers of the import methods (src/api/methods/import-methods.ts): import paths (one at a time, so a
 * cancel means the running one), cancel, live follow of the open incident, and clock correction.
 */
import { Follower } from '../../importers/follow';
import { importPaths, type ImportOptions } from '../../importers/import-paths';
import { UPLOAD_CHUNK_BYTES } from '../../importers/upload-limits';
import { UPLOAD_PATH_PREFIX, UploadStore, type PendingUpload } from '../../importers/uploads';
import type { ImportSummary } from '../../model/incident';
import { relabelSourcePaths } from '../../store/source-labels';
import type { IncidentDb } from '../../store/incident-db';
import { listSources, readIncidentInfo } from '../../store/incident-queries';
import { buildDerivedTablesInTurns } from '../../store/derived-tables';
import { keepFleetBuilder } from '../../store/replay-cache';
import { warmInsightPatterns } from '../../store/insight-patterns';
import { buildLod } from '../../store/lod-build';
import { setClockOffset } from '../../store/source-progress';
import type { ApiHandlers } from '../contract';
import { ApiError } from '../errors';
import type { ImportResults } from '../methods/import-methods';
import { refuseWhenReadOnly, type ServiceContext } from './service-context';

/** Least time between two `incident.changed` events caused by followed files, in ms. */
const FOLLOW_NOTIFY_MIN_MS = 300;

/** Creates the import handlers. */
export function createImportHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof ImportResults> {
  let running: AbortController | null = null;
  let follower: Follower | null = null;
  let lastNotifyMs = 0;
  let pendingNotify: NodeJS.Timeout | null = null;
  const uploads = new UploadStore(ctx.dataDir);

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

  const importOptions = (options: Pick<ImportOptions, 'format' | 'timeZone' | 'year'>): ImportOptions => ({
    ...options,
    signal: running?.signal,
    onProgress: (progress) => ctx.emit('import.progress', progress),
  });

  /** Runs one import at a time (so a cancel means the running one), then rebuilds derived tables and tells clients. */
  const runImport = async (incident: IncidentDb, work: (incident: IncidentDb) => Promise<ImportSummary>): Promise<ImportSummary> => {
    if (running !== null) throw new ApiError('invalid_argument', 'An import is already running; wait for it to finish or cancel it first.');
    running = new AbortController();
    try {
      const summary = await work(incident);
      await buildDerivedTablesInTurns(incident);
      ctx.emit('incident.changed', { incident: readIncidentInfo(incident) });
      // NOTE: mined after the import returns, in chunks that yield to other calls; a failure here resurfaces on the next `insight.findings`.
      warmInsightPatterns(incident, (progress) => ctx.emit('insight.progress', progress)).catch(() => undefined);
      return summary;
    } finally {
      running = null;
    }
  };

  return {
    'import.paths': async ({ paths, format, timeZone, year }) => runImport(ctx.requireWritable(), (incident) => importPaths(incident, paths, importOptions({ format, timeZone, year }))),
    'import.uploadBegin': ({ fileName, sizeBytes }) => {
      const incident = ctx.requireWritable();
      refuseWhenReadOnly(ctx, 'Uploading files');
      const upload = uploads.begin(incident.path, fileName, sizeBytes);
      return { uploadId: upload.id, name: upload.name, chunkBytes: UPLOAD_CHUNK_BYTES };
    },
    'import.uploadChunk': ({ uploadId, offsetBytes, dataBase64 }) => {
      const incident = ctx.requireWritable();
      return { receivedBytes: uploads.append(incident.path, uploadId, offsetBytes, Buffer.from(dataBase64, 'base64')) };
    },
    'import.uploadFinish': async ({ uploadIds, format, timeZone, year }) => {
      const incident = ctx.requireWritable();
      if (running !== null) throw new ApiError('invalid_argument', 'An import is already running; wait for it to finish or cancel it first.');
      const taken = uploads.take(incident.path, uploadIds);
      try {
        return await runImport(incident, async (target) => {
          // NOTE: a source labelled `upload:<name>` is relabelled to this copy's path first, so a cut-short
          // or grown upload continues its source (resume.ts matches by path), then labelled back.
          for (const upload of taken) relabelSourcePaths(target, uploadLabel(upload), upload.filePath);
          try {
            const summary = await importPaths(target, taken.map((upload) => upload.filePath), importOptions({ format, timeZone, year }));
            return labelSummary(summary, taken);
          } finally {
            for (const upload of taken) relabelSourcePaths(target, upload.filePath, uploadLabel(upload));
          }
        });
      } finally {
        for (const upload of taken) uploads.discard(upload);
      }
    },
    'import.uploadCancel': ({ uploadIds }) => {
      const incident = ctx.requireWritable();
      return { discarded: uploads.cancel(incident.path, uploadIds) };
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
      // NOTE: built now (once, in turns) rather than on the first followed lines, which should reach the views
      // within a second; a failure resurfaces on the next fleet query, which builds the model itself.
      keepFleetBuilder(incident).catch(() => undefined);
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

/** The path an uploaded file's source is known by. */
function uploadLabel(upload: PendingUpload): string {
  return `${UPLOAD_PATH_PREFIX}${upload.name}`;
}

/** The summary with every path of an upload's temporary copy replaced by its `upload:<name>` label. */
function labelSummary(summary: ImportSummary, taken: readonly PendingUpload[]): ImportSummary {
  const label = (path: string): string => {
    for (const upload of taken) {
      if (path === upload.filePath || path.startsWith(`${upload.filePath}!`)) return uploadLabel(upload) + path.slice(upload.filePath.length);
    }
    return path;
  };
  const relabelReason = (reason: string): string => taken.reduce((text, upload) => text.split(upload.filePath).join(uploadLabel(upload)), reason);
  return {
    ...summary,
    sources: summary.sources.map((source) => ({ ...source, path: label(source.path), skippedReason: source.skippedReason === null ? null : relabelReason(source.skippedReason) })),
    refused: summary.refused?.map((refused) => ({ ...refused, path: label(refused.path), reason: relabelReason(refused.reason) })),
  };
}
