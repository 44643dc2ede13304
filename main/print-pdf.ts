/**
 * PDF export in the desktop app: the postmortem HTML (self-contained, no scripts) is loaded into a
 * hidden, sandboxed window with JavaScript off and printed with webContents.printToPDF.
 */
import { BrowserWindow } from 'electron';

/** Prints a self-contained HTML document to A4 PDF bytes. */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
  }
}
