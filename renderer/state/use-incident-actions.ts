/**
 * The incident-level commands (open the sample, open, create, import, close) with the busy state,
 * progress and error reporting every caller needs. Components call these; they never talk to the
 * API for these commands themselves.
 */
import { useMemo } from 'react';
import type { ImportSummary } from '../../src/model/incident';
import { useApp } from './app-context';
import { formatBytes } from '../timeline/format-time';
import { errorSentence } from './errors';
import { UploadCancelled, uploadFiles } from './upload-files';

/** The commands, each resolving to whether it succeeded (errors are already shown to the user). */
export interface IncidentActions {
  openSample(): Promise<boolean>;
  openIncident(path: string): Promise<boolean>;
  createIncident(path: string): Promise<boolean>;
  importPaths(paths: string[]): Promise<ImportSummary | null>;
  /** Imports dropped files: by path where the transport gives one (Electron), else uploaded (browser). */
  importFiles(files: readonly File[]): Promise<ImportSummary | null>;
  closeIncident(): Promise<boolean>;
  /** Reloads the incident summary and its sources, e.g. after an import. */
  refresh(): Promise<void>;
}

/** The incident commands bound to this window's store and client. */
export function useIncidentActions(): IncidentActions {
  const { store, client } = useApp();
  return useMemo(() => {
    const { api } = client;
    const state = store.getState;

    async function run<T>(busyLabel: string, work: () => Promise<T>): Promise<T | null> {
      state().clearError();
      state().setBusy(busyLabel);
      state().setImportProgress(null);
      const unsubscribe = client.on('import.progress', (progress) => state().setImportProgress(progress));
      try {
        return await work();
      } catch (error) {
        // NOTE: a cancelled upload is what the user asked for, not an error to report.
        if (!(error instanceof UploadCancelled)) state().showError(errorSentence(error));
        return null;
      } finally {
        unsubscribe();
        state().setBusy(null);
        state().setImportProgress(null);
      }
    }

    async function refresh(): Promise<void> {
      const [incident, sources] = await Promise.all([api['incident.info']({}), api['incident.sources']({})]);
      state().setIncident(incident);
      state().setSources(sources);
    }

    async function opened(open: () => Promise<unknown>): Promise<boolean> {
      await open();
      await refresh();
      return true;
    }

    return {
      openSample: async () => (await run('Opening the sample incident', () => opened(() => api['incident.openSample']({})))) ?? false,
      openIncident: async (path) => (await run('Opening the incident', () => opened(() => api['incident.open']({ path })))) ?? false,
      createIncident: async (path) => (await run('Creating the incident', () => opened(() => api['incident.create']({ path })))) ?? false,
      importPaths: (paths) =>
        run('Importing', async () => {
          const summary = await api['import.paths']({ paths });
          await refresh();
          return summary;
        }),
      importFiles: (files) =>
        run('Importing', async () => {
          const paths = files.map((file) => client.pathForFile(file));
          let summary: ImportSummary;
          if (paths.every((path): path is string => path !== null)) {
            summary = await api['import.paths']({ paths });
          } else {
            const cancelling = new AbortController();
            const cancel = () => cancelling.abort();
            const uploadIds = await uploadFiles(
              api,
              files,
              (p) => {
                const position = p.fileCount > 1 ? ` (file ${p.fileIndex} of ${p.fileCount})` : '';
                state().setBusy(`Uploading ${p.name}${position}: ${formatBytes(p.sentBytes)} of ${formatBytes(p.totalBytes)}`, cancel);
              },
              cancelling.signal,
            );
            state().setBusy('Importing');
            summary = await api['import.uploadFinish']({ uploadIds });
          }
          await refresh();
          return summary;
        }),
      closeIncident: async () =>
        (await run('Closing the incident', async () => {
          await api['incident.close']({});
          state().setIncident(null);
          return true;
        })) ?? false,
      refresh: async () => {
        try {
          await refresh();
        } catch (error) {
          state().showError(errorSentence(error));
        }
      },
    };
  }, [store, client]);
}
