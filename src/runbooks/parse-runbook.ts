/**
 * Reads one runbook file: YAML front matter (validated with zod, rules parsed by match-rule.ts) and a
 * Markdown body whose checklist items are the steps. A file that cannot be used becomes an
 * {@link InvalidRunbook} with the 1-based line and the reason, never an exception.
 */
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { RUNBOOK_SEVERITIES, type InvalidRunbook, type RunbookDetail, type RunbookStep } from '../model/runbook';
import { extractSteps } from './markdown-steps';
import { RuleError, parseMatchRule, parseMatchWindow, type MatchRule, type MatchWindow } from './match-rule';

/** A loaded runbook: what the API shows plus the parsed rules the linker compiles. */
export interface LoadedRunbook {
  detail: RunbookDetail;
  match: MatchRule | null;
  window: MatchWindow | null;
  /** The whole file text (front matter and body): what a snapshot stores. */
  text: string;
}

/** The front matter fields, as validated. */
const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'id must be 1-100 lower-case letters, digits, dots, dashes or underscores'),
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().min(1).max(2000),
    owner: z.string().trim().min(1).max(200),
    tags: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    severity: z.enum(RUNBOOK_SEVERITIES),
    services: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    match: z.unknown().optional(),
    window: z.unknown().optional(),
  })
  .strict();

/** Where a runbook file comes from. */
export interface RunbookOrigin {
  file: string;
  folder: string;
  isShipped: boolean;
}

/** Parses a runbook file's text. */
export function parseRunbook(text: string, origin: RunbookOrigin): LoadedRunbook | InvalidRunbook {
  const invalid = (line: number, reason: string): InvalidRunbook => ({ file: origin.file, line, reason });
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines[0]?.trim() !== '---') return invalid(1, 'the file does not start with YAML front matter (a line "---", the fields, then another "---")');
  const closing = lines.findIndex((line, index) => index > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (closing < 0) return invalid(1, 'the front matter is never closed; add a line "---" after the last field');
  const yamlText = lines.slice(1, closing).join('\n');
  const body = lines.slice(closing + 1).join('\n');
  const firstYamlLine = 2;

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + firstYamlLine - 1;
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const line = yamlError.linePos?.[0]?.line ?? 1;
    return invalid(line + firstYamlLine - 1, `the front matter is not valid YAML: ${firstSentence(yamlError.message)}`);
  }
  const data: unknown = doc.toJS();
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const field = path.length > 0 ? `"${path.join('.')}"` : 'the front matter';
    const detail = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${field}: ${issue.message}`;
    const at = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0] ?? ''] : path;
    return invalid(lineOfPath(doc, at, lineAt, firstYamlLine), detail);
  }
  const front = parsed.data;
  let match: MatchRule | null = null;
  let window: MatchWindow | null = null;
  try {
    if (front.match !== undefined && front.match !== null) match = parseMatchRule(front.match);
    if (front.window !== undefined && front.window !== null) {
      if (match === null) throw new RuleError(['window'], 'a window needs match rules to restrict; add "match"');
      window = parseMatchWindow(front.window);
    }
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
    return invalid(lineOfPath(doc, err.path, lineAt, firstYamlLine), `${err.path.join('.')}: ${err.message}`);
  }
  const steps = extractSteps(body);
  return {
    detail: {
      id: front.id,
      title: front.title,
      summary: front.summary,
      owner: front.owner,
      tags: front.tags,
      severity: front.severity,
      services: front.services,
      file: origin.file,
      folder: origin.folder,
      isShipped: origin.isShipped,
      hasMatch: match !== null,
      stepCount: steps.length,
      body,
      steps,
      contentHash: createHash('sha256').update(text).digest('hex'),
    },
    match,
    window,
    text,
  };
}

/** The steps of a runbook file's text (front matter skipped), e.g. of a stored snapshot. */
export function stepsOfRunbookText(text: string): RunbookStep[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const closing = lines[0]?.trim() === '---' ? lines.findIndex((line, index) => index > 0 && (line.trim() === '---' || line.trim() === '...')) : -1;
  return extractSteps(lines.slice(closing + 1).join('\n'));
}

/** True when `result` is a problem report rather than a runbook. */
export function isInvalidRunbook(result: LoadedRunbook | InvalidRunbook): result is InvalidRunbook {
  return 'reason' in result;
}

/** The file line of the value at `path`, or of its nearest ancestor that exists. */
function lineOfPath(doc: Document, path: (string | number)[], lineAt: (offset: number) => number, fallback: number): number {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length);
    const node: unknown = doc.getIn(prefix, true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
    const parent: unknown = doc.getIn(prefix.slice(0, -1), true);
    if (parent !== undefined && parent !== null && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
      const key = prefix[prefix.length - 1];
      const pair = (parent.items as { key?: unknown }[]).find((item) => isNode(item.key) && 'value' in item.key && item.key.value === key);
      if (pair !== undefined && isNode(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
    }
  }
  return fallback;
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
