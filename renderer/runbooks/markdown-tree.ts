/**
 * Parses runbook Markdown with markdown-it (raw HTML disabled, so it emits no HTML of its own) into a
 * small tree of tokens that markdown-view.tsx turns into React elements. Nothing is ever inserted as
 * HTML: text stays text, links are checked, images are not loaded.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** A token with the tokens it encloses. */
export interface MarkdownNode {
  token: Token;
  children: MarkdownNode[];
}

const parser = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Schemes a link may use; anything else is shown as text. */
const SAFE_LINK = /^(https?:|mailto:)/i;

/** Block-level tree of `body`. Inline tokens keep their own children as a tree too. */
export function parseMarkdown(body: string): MarkdownNode[] {
  return toTree(parser.parse(body, {}));
}

/** Inline children of an `inline` token, as a tree. */
export function inlineTree(token: Token): MarkdownNode[] {
  return toTree(token.children ?? []);
}

/** True when `href` may be opened (in the system browser, never in the app). */
export function isSafeLink(href: string): boolean {
  return SAFE_LINK.test(href.trim());
}

function toTree(tokens: Token[]): MarkdownNode[] {
  const root: MarkdownNode[] = [];
  const stack: MarkdownNode[] = [];
  for (const token of tokens) {
    const siblings = stack.length === 0 ? root : stack[stack.length - 1]!.children;
    if (token.nesting === 1) {
      const node = { token, children: [] };
      siblings.push(node);
      stack.push(node);
    } else if (token.nesting === -1) {
      stack.pop();
    } else {
      siblings.push({ token, children: [] });
    }
  }
  return root;
}
