/**
 * PDF printing of the postmortem HTML. The CLI and the HTTP shell print with headless Chromium through
 * playwright-core; Electron passes its own printer (webContents.printToPDF) instead.
 */
import { existsSync } from 'node:fs';
import { ApiError } from '../api/errors';

/** Turns a self-contained HTML document into PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** Where Chromium is looked for when HINDSIGHT_CHROMIUM is not set. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The Chromium executable to print with: $HINDSIGHT_CHROMIUM, else /usr/bin/chromium; null when neither exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.HINDSIGHT_CHROMIUM, DEFAULT_CHROMIUM_PATH].filter((path): path is string => path !== undefined && path !== '');
  return candidates.find((path) => existsSync(path)) ?? null;
}

/**
 * Prints `html` to an A4 PDF with headless Chromium at `executablePath` (found by {@link findChromium}
 * unless given); refuses in one sentence when there is none.
 */
export async function printPdfWithChromium(html: string, executablePath: string | null = findChromium()): Promise<Uint8Array> {
  if (executablePath === null) {
    throw new ApiError(
      'io_error',
      `PDF export needs Chromium and none was found at $HINDSIGHT_CHROMIUM or ${DEFAULT_CHROMIUM_PATH}; install Chromium (apt-get install chromium) or set HINDSIGHT_CHROMIUM to its path, or export HTML instead.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
