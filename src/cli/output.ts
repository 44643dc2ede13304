/**
 * How the CLI prints results: the documented `--json` shapes (docs/cli.md) and the human forms.
 * Times in JSON are ISO 8601 UTC strings with milliseconds, or null.
 */
import type { ImportSummary } from '../model/incident';
import { formatIsoMs } from '../importers/time';
import type { QueryResult } from '../store/read-only-query';

/** The `--json` shape of `hindsight import` and `hindsight demo`. */
export interface ImportJson {
  incident: string;
  sources: {
    path: string;
    format: string;
    lines: number;
    events: number;
    unparsed: number;
    firstTs: string | null;
    lastTs: string | null;
    skippedReason: string | null;
    /** The most frequent reasons lines could not be read, with counts. */
    unparsedReasons: { reason: string; count: number }[];
  }[];
  totals: { sources: number; lines: number; events: number; unparsed: number; firstTs: string | null; lastTs: string | null; refused: number };
  /** Inputs not read at all (unsafe archive entries, …), with one sentence each. */
  refused: { path: string; reason: string }[];
  /** True when the import was cancelled (Ctrl+C); running the same command again resumes it. */
  cancelled: boolean;
  elapsedMs: number;
}

/** Converts an import summary to its documented JSON shape. */
export function importJson(summary: ImportSummary): ImportJson {
  return {
    incident: summary.incidentPath,
    sources: summary.sources.map((s) => ({
      path: s.path,
      format: s.format,
      lines: s.lines,
      events: s.events,
      unparsed: s.unparsed,
      firstTs: formatIsoMs(s.firstTsMs),
      lastTs: formatIsoMs(s.lastTsMs),
      skippedReason: s.skippedReason,
      unparsedReasons: s.unparsedReasons ?? [],
    })),
    totals: {
      sources: summary.totals.sources,
      lines: summary.totals.lines,
      events: summary.totals.events,
      unparsed: summary.totals.unparsed,
      firstTs: formatIsoMs(summary.totals.firstTsMs),
      lastTs: formatIsoMs(summary.totals.lastTsMs),
      refused: summary.refused?.length ?? 0,
    },
    refused: summary.refused ?? [],
    cancelled: summary.cancelled === true,
    elapsedMs: summary.elapsedMs,
  };
}

const count = (n: number): string => n.toLocaleString('en-US');

/** A few lines a person reads after an import. */
export function importText(summary: ImportSummary): string {
  const lines: string[] = [];
  for (const s of summary.sources) {
    if (s.skippedReason !== null) {
      lines.push(`  ${s.path}: skipped, ${s.skippedReason}`);
      continue;
    }
    const span = s.firstTsMs === null ? 'no events' : `${formatIsoMs(s.firstTsMs)} → ${formatIsoMs(s.lastTsMs)}`;
    const resumed = s.resumedAfterLine !== undefined && s.resumedAfterLine > 0 ? ` (continued after line ${count(s.resumedAfterLine)})` : '';
    lines.push(`  ${s.path} [${s.format}]: ${count(s.lines)} lines, ${count(s.events)} events, ${count(s.unparsed)} unparsed; ${span}${resumed}`);
    for (const r of s.unparsedReasons ?? []) lines.push(`      ${count(r.count)} × ${r.reason}`);
  }
  for (const r of summary.refused ?? []) lines.push(`  refused: ${r.reason}`);
  const t = summary.totals;
  lines.push(
    `Imported ${count(t.sources)} file${t.sources === 1 ? '' : 's'} into ${summary.incidentPath} in ${(summary.elapsedMs / 1000).toFixed(1)} s: ` +
      `${count(t.lines)} lines, ${count(t.events)} events, ${count(t.unparsed)} unparsed.`,
  );
  if (summary.cancelled === true) lines.push('Cancelled: what was read is kept; run the same command again to continue where it stopped.');
  if (t.unparsed > 0) lines.push(`Unparsed lines are kept with their reason; see them with: hindsight query ${quote(summary.incidentPath)} "SELECT line_start, reason FROM unparsed"`);
  return lines.join('\n');
}

/** The `--json` shape of `hindsight query`. */
export function queryJson(result: QueryResult): { columns: string[]; rows: unknown[][]; truncated: boolean; maxRows: number } {
  return { columns: result.columns, rows: result.rows.map((row) => row.map(jsonValue)), truncated: result.isTruncated, maxRows: result.maxRows };
}

/** A plain text table with a header row, and a note when rows were capped. */
export function queryText(result: QueryResult): string {
  if (result.columns.length === 0) return 'The statement returned no rows.';
  const cells = [result.columns, ...result.rows.map((row) => row.map(textValue))];
  const widths = result.columns.map((_, c) => Math.min(60, Math.max(...cells.map((row) => row[c]!.length))));
  const render = (row: string[]): string => row.map((cell, c) => clip(cell, widths[c]!).padEnd(widths[c]!)).join('  ').trimEnd();
  const out = [render(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(render)];
  out.push(
    result.isTruncated
      ? `(first ${count(result.maxRows)} rows shown; the query matched more: add LIMIT/OFFSET or --max-rows)`
      : `(${count(result.rows.length)} row${result.rows.length === 1 ? '' : 's'})`,
  );
  return out.join('\n');
}

function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const CONTROL_CHARACTERS = /\p{Cc}/gu;

function textValue(value: unknown): string {
  if (value === null) return 'NULL';
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  // Control characters in log text (ANSI colours, backspaces) would drive the terminal; show them escaped.
  return String(value)
    .replace(/\r?\n/g, '⏎')
    .replace(CONTROL_CHARACTERS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function quote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
