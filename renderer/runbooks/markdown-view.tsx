/**
 * Renders runbook Markdown as React elements from markdown-it's tokens (no HTML strings, no raw HTML):
 * headings, paragraphs, lists, quotes, tables, code (with Copy buttons), links that open outside the
 * app, and images shown as links instead of being loaded. Checklist items found at a step's line are
 * handed to `renderStep`, which draws the tickable step.
 */
import type { ReactNode } from 'react';
import type { RunbookStep } from '../../src/model/runbook';
import { CodeBlock } from './CodeBlock';
import { inlineTree, isSafeLink, parseMarkdown, type MarkdownNode } from './markdown-tree';

/** How the viewer draws a step: its checkbox and controls around the item's own content. */
export type StepRenderer = (step: RunbookStep, content: ReactNode) => ReactNode;

const CHECKBOX_PREFIX = /^\[( |x|X)\]\s+/;

/** The body of a runbook as React elements; a first heading that repeats `title` is left out (the viewer shows the title). */
export function renderRunbookMarkdown(body: string, title: string, steps: RunbookStep[], renderStep: StepRenderer): ReactNode {
  const stepsByLine = new Map(steps.map((step) => [step.bodyLine, step]));
  const nodes = parseMarkdown(body);
  const first = nodes[0];
  const isTitleRepeated = first?.token.type === 'heading_open' && first.children[0]?.token.content.trim() === title.trim();
  return renderBlocks(isTitleRepeated ? nodes.slice(1) : nodes, { stepsByLine, renderStep });
}

interface Context {
  stepsByLine: Map<number, RunbookStep>;
  renderStep: StepRenderer;
}

function renderBlocks(nodes: MarkdownNode[], ctx: Context): ReactNode[] {
  return nodes.map((node, index) => renderBlock(node, ctx, index));
}

function renderBlock(node: MarkdownNode, ctx: Context, key: number): ReactNode {
  const { token } = node;
  switch (token.type) {
    case 'heading_open': {
      // Runbook headings sit under the viewer's own title, so h1 becomes h3 and so on.
      const level = Math.min(6, Number(token.tag.slice(1)) + 2);
      const Tag = `h${level}` as 'h3';
      return <Tag key={key}>{renderBlocks(node.children, ctx)}</Tag>;
    }
    case 'paragraph_open':
      return token.hidden ? renderBlocks(node.children, ctx) : <p key={key}>{renderBlocks(node.children, ctx)}</p>;
    case 'inline':
      return <span key={key}>{renderInline(inlineTree(token))}</span>;
    case 'bullet_list_open':
      return <ul key={key}>{renderBlocks(node.children, ctx)}</ul>;
    case 'ordered_list_open':
      return (
        <ol key={key} start={Number(token.attrGet('start') ?? 1)}>
          {renderBlocks(node.children, ctx)}
        </ol>
      );
    case 'list_item_open': {
      const step = token.map === null ? undefined : ctx.stepsByLine.get(token.map[0]);
      if (step === undefined) return <li key={key}>{renderBlocks(node.children, ctx)}</li>;
      return (
        <li key={key} className="runbook-step-item">
          {ctx.renderStep(step, renderBlocks(stripCheckbox(node.children), ctx))}
        </li>
      );
    }
    case 'blockquote_open':
      return <blockquote key={key}>{renderBlocks(node.children, ctx)}</blockquote>;
    case 'fence':
    case 'code_block':
      return <CodeBlock key={key} code={token.content.replace(/\n$/, '')} language={token.info.trim().split(/\s+/)[0] ?? ''} />;
    case 'hr':
      return <hr key={key} />;
    case 'table_open':
      return (
        <table key={key} className="runbook-table">
          {renderBlocks(node.children, ctx)}
        </table>
      );
    case 'thead_open':
      return <thead key={key}>{renderBlocks(node.children, ctx)}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{renderBlocks(node.children, ctx)}</tbody>;
    case 'tr_open':
      return <tr key={key}>{renderBlocks(node.children, ctx)}</tr>;
    case 'th_open':
      return <th key={key}>{renderBlocks(node.children, ctx)}</th>;
    case 'td_open':
      return <td key={key}>{renderBlocks(node.children, ctx)}</td>;
    default:
      return node.children.length > 0 ? renderBlocks(node.children, ctx) : token.content ? <span key={key}>{token.content}</span> : null;
  }
}

/** The item's children without the leading "[ ] " of its first paragraph. */
function stripCheckbox(children: MarkdownNode[]): MarkdownNode[] {
  const [first, ...rest] = children;
  const inline = first?.children[0];
  if (first === undefined || inline === undefined || inline.token.type !== 'inline') return children;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(inline.token) as object) as typeof inline.token, inline.token);
  copy.children = (inline.token.children ?? []).map((child, index) => {
    if (index !== 0 || child.type !== 'text') return child;
    const text = Object.assign(Object.create(Object.getPrototypeOf(child) as object) as typeof child, child);
    text.content = child.content.replace(CHECKBOX_PREFIX, '');
    return text;
  });
  return [{ token: first.token, children: [{ token: copy, children: [] }, ...first.children.slice(1)] }, ...rest];
}

function renderInline(nodes: MarkdownNode[]): ReactNode[] {
  return nodes.map((node, key) => {
    const { token } = node;
    switch (token.type) {
      case 'text':
        return token.content;
      case 'softbreak':
        return ' ';
      case 'hardbreak':
        return <br key={key} />;
      case 'code_inline':
        return <code key={key}>{token.content}</code>;
      case 'strong_open':
        return <strong key={key}>{renderInline(node.children)}</strong>;
      case 'em_open':
        return <em key={key}>{renderInline(node.children)}</em>;
      case 's_open':
        return <s key={key}>{renderInline(node.children)}</s>;
      case 'link_open': {
        const href = token.attrGet('href') ?? '';
        if (!isSafeLink(href)) return <span key={key}>{renderInline(node.children)}</span>;
        // NOTE: target=_blank never navigates the app: Electron's window-open handler sends http(s) to the
        // system browser, and the browser shell opens a separate tab without a referrer or opener.
        return (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer" title={`${href} (opens in your browser)`}>
            {renderInline(node.children)}
          </a>
        );
      }
      case 'image': {
        const src = token.attrGet('src') ?? '';
        const alt = token.content || 'image';
        return isSafeLink(src) ? (
          <a key={key} href={src} target="_blank" rel="noopener noreferrer" title="Images are not loaded inside Hindsight; this opens it in your browser.">
            [image: {alt}]
          </a>
        ) : (
          <span key={key}>[image: {alt}]</span>
        );
      }
      default:
        return node.children.length > 0 ? renderInline(node.children) : token.content;
    }
  });
}
