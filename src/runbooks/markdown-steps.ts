/**
 * Finds a runbook's steps: the Markdown checklist items (`- [ ] do this`), with the heading they sit
 * under and their line in the body. The renderer finds the same items by that line, so a tick lands on
 * the step the responder saw.
 */
import MarkdownIt from 'markdown-it';
import type { RunbookStep } from '../model/runbook';

const CHECKBOX = /^\[( |x|X)\]\s+/;

const parser = new MarkdownIt({ html: false, linkify: false });

/** The checklist items of `body`, in document order. */
export function extractSteps(body: string): RunbookStep[] {
  const tokens = parser.parse(body, {});
  const steps: RunbookStep[] = [];
  let section = '';
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.type === 'heading_open') {
      section = tokens[i + 1]?.content.trim() ?? section;
      continue;
    }
    if (token.type !== 'list_item_open' || token.map === null) continue;
    const inline = tokens[i + 1]?.type === 'paragraph_open' ? tokens[i + 2] : undefined;
    if (inline?.type !== 'inline' || !CHECKBOX.test(inline.content)) continue;
    steps.push({
      index: steps.length,
      text: inline.content.replace(CHECKBOX, '').replace(/\s*\n\s*/g, ' ').trim(),
      bodyLine: token.map[0],
      section,
    });
  }
  return steps;
}
