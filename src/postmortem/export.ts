/**
 * Writes an export of the open incident to a file: the postmortem (Markdown, HTML, PDF) or the events
 * (Timesketch CSV/JSONL, Chrome trace JSON). Files are written beside as `*.partial` and renamed into
 * place, so a failed export never leaves half a file under the real name.
 */
import { closeSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EXPORT_EXTENSIONS, type ExportFormat, type ExportResult } from '../model/postmortem';
import { ApiError } from '../api/errors';
import { listAnnotations } from '../store/annotation-store';
import type { IncidentDb } from '../store/incident-db';
import { iterateEventsForExport } from '../store/postmortem-queries';
import { loadPostmortemDocument } from './document';
import { writeTimesketchCsv, writeTimesketchJsonl, writeTraceEvents, type ChunkWriter } from './event-exports';
import { postmortemHtml } from './html';
import { postmortemMarkdown } from './markdown';
import { printPdfWithChromium, type PdfPrinter } from './pdf';
import { timelineSvg } from './timeline-svg';

/** Bytes buffered before each write to disk. */
const FLUSH_BYTES = 1 << 20;

/** How to export. */
export interface ExportOptions {
  /** Prints HTML to PDF; headless Chromium unless a shell supplies its own (Electron). */
  printPdf?: PdfPrinter;
  /** Stamps the document (fixed in golden tests). */
  nowMs?: number;
}

/** The default file for an export: beside the incident, named after it. */
export function defaultExportPath(incidentPath: string, format: ExportFormat): string {
  const stem = basename(incidentPath).replace(/\.hindsight$/i, '');
  const suffix = format === 'md' || format === 'html' || format === 'pdf' ? '-postmortem' : format === 'trace' ? '' : '-events';
  return join(dirname(resolve(incidentPath)), `${stem}${suffix}${EXPORT_EXTENSIONS[format]}`);
}

function writeAtomically(path: string, fill: (write: ChunkWriter) => void): void {
  const partial = `${path}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (err) {
    throw new ApiError('io_error', `Could not write ${path} (${(err as Error).message}); choose a folder you can write to.`);
  }
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    writeSync(fd, pending.join(''));
    pending = [];
    pendingBytes = 0;
  };
  try {
    fill((chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= FLUSH_BYTES) flush();
    });
    flush();
    closeSync(fd);
    renameSync(partial, path);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Writes `format` to `outPath` (default: beside the incident) and says what was written. */
export async function exportIncident(incident: IncidentDb, format: ExportFormat, outPath?: string, options: ExportOptions = {}): Promise<ExportResult> {
  const path = resolve(outPath ?? defaultExportPath(incident.path, format));
  if (path === resolve(incident.path)) throw new ApiError('invalid_argument', 'The export would overwrite the incident file itself; choose another output path.');
  let eventCount = 0;
  const extraPaths: string[] = [];
  if (format === 'csv' || format === 'jsonl' || format === 'trace') {
    const rows = iterateEventsForExport(incident);
    const annotations = format === 'trace' ? listAnnotations(incident) : [];
    writeAtomically(path, (write) => {
      if (format === 'csv') eventCount = writeTimesketchCsv(rows, write);
      else if (format === 'jsonl') eventCount = writeTimesketchJsonl(rows, write);
      else eventCount = writeTraceEvents(rows, annotations, write);
    });
  } else {
    const doc = loadPostmortemDocument(incident, options.nowMs);
    if (format === 'md') {
      const svgPath = path.replace(/\.(md|markdown)$/i, '') + '.timeline.svg';
      writeAtomically(svgPath, (write) => write(timelineSvg(doc)));
      extraPaths.push(svgPath);
      writeAtomically(path, (write) => write(postmortemMarkdown(doc, encodeURI(basename(svgPath)))));
    } else if (format === 'html') {
      writeAtomically(path, (write) => write(postmortemHtml(doc)));
    } else {
      const html = postmortemHtml(doc);
      const pdf = await (options.printPdf ? options.printPdf(html) : printPdfWithChromium(html));
      writeFileSync(`${path}.partial`, pdf);
      renameSync(`${path}.partial`, path);
    }
  }
  return { format, path, bytes: statSync(path).size, eventCount, extraPaths };
}
