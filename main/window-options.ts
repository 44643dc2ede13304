/** The main window's options, kept apart from window creation so a test can check the security flags. */
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options for the one Hindsight window. NOTE: contextIsolation, sandbox and no nodeIntegration are
 * what make the renderer safe to show imported log text in; never relax them.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Hindsight',
    backgroundColor: '#14161a',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
