/** Native path pickers behind the contract's `pick(kind)`. */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { join } from 'node:path';
import type { PickKind } from '../src/api/contract';

const INCIDENT_FILTER = { name: 'Hindsight incident', extensions: ['hindsight'] };

/** The pick kinds, for validating what arrives over IPC. */
export const PICK_KINDS: readonly PickKind[] = ['open-incident', 'create-incident', 'import-paths'];

/** True when `value` is one of {@link PICK_KINDS}. */
export function isPickKind(value: unknown): value is PickKind {
  return typeof value === 'string' && (PICK_KINDS as readonly string[]).includes(value);
}

/** Shows the native picker for `kind`; resolves to the chosen paths, or null when cancelled. */
export async function pickPaths(window: BrowserWindow | null, kind: PickKind, defaultDir: string): Promise<string[] | null> {
  if (kind === 'create-incident') {
    const options = {
      title: 'New incident',
      buttonLabel: 'Create',
      defaultPath: join(defaultDir, 'incident.hindsight'),
      filters: [INCIDENT_FILTER],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    return [result.filePath.toLowerCase().endsWith('.hindsight') ? result.filePath : `${result.filePath}.hindsight`];
  }
  const options = kind === 'open-incident' ? openIncidentOptions() : await importOptions(window);
  if (!options) return null;
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
}

function openIncidentOptions(): OpenDialogOptions {
  return { title: 'Open incident', buttonLabel: 'Open', filters: [INCIDENT_FILTER], properties: ['openFile'] };
}

/**
 * NOTE: on Windows and Linux one dialog cannot select both files and folders (it silently becomes a
 * folder picker), so there the user first chooses which of the two to import.
 */
async function importOptions(window: BrowserWindow | null): Promise<OpenDialogOptions | null> {
  const base: OpenDialogOptions = { title: 'Import logs', buttonLabel: 'Import' };
  if (process.platform === 'darwin') return { ...base, properties: ['openFile', 'openDirectory', 'multiSelections'] };
  const question = {
    type: 'question' as const,
    message: 'Import log files or a whole folder?',
    buttons: ['Files…', 'Folder…', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
  };
  const { response } = window ? await dialog.showMessageBox(window, question) : await dialog.showMessageBox(question);
  if (response === 0) return { ...base, properties: ['openFile', 'multiSelections'] };
  if (response === 1) return { ...base, properties: ['openDirectory', 'multiSelections'] };
  return null;
}
