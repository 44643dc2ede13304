/** The application menu. Actions are passed in, so the template stays plain data. */
import type { MenuItemConstructorOptions } from 'electron';

/** What the File menu can do; main.ts implements each in a few lines over the service. */
export interface MenuActions {
  newIncident(): void;
  openIncident(): void;
  openSample(): void;
  importPaths(): void;
  about(): void;
}

/** Builds the menu template: File, Edit, View, Help (plus the app menu on macOS). */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Incident…', accelerator: 'CmdOrCtrl+N', click: () => actions.newIncident() },
      { label: 'Open Incident…', accelerator: 'CmdOrCtrl+O', click: () => actions.openIncident() },
      { label: 'Open Sample Incident', click: () => actions.openSample() },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importPaths() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [{ label: 'About Hindsight', click: () => actions.about() }] },
  ];
  return isMac ? [{ role: 'appMenu' }, ...template] : template;
}
