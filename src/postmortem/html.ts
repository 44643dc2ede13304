/**
 * The postmortem as one self-contained HTML file: inline CSS, the timeline as inline SVG, no scripts,
 * no external requests (a Content-Security-Policy meta tag forbids them). Section text is Markdown
 * rendered with raw HTML disabled, so nothing a colleague typed can inject markup.
 */
import MarkdownIt from 'markdown-it';
import { POSTMORTEM_SECTION_TITLES, type PostmortemSection } from '../model/postmortem';
import type { PostmortemDocument } from './document';
import { figuresTable, timelineTable } from './markdown';
import { utcText } from './format';
import { timelineSvg, xmlEscape } from './timeline-svg';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const STYLE = `
  body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1c2833; max-width: 1040px; margin: 24px auto; padding: 0 20px; }
  h1 { font-size: 26px; margin-bottom: 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #d5dbe0; padding-bottom: 4px; }
  .meta { color: #566573; } .generated { color: #7b8a97; font-size: 12px; font-style: italic; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border: 1px solid #d5dbe0; padding: 4px 8px; text-align: left; vertical-align: top; }
  th { background: #f2f4f5; } pre { background: #f6f8fa; padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
  figure { margin: 12px 0; } svg { max-width: 100%; height: auto; border: 1px solid #d5dbe0; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, pre, figure { break-inside: avoid; } }
`;

function sectionHtml(doc: PostmortemDocument, key: PostmortemSection, level: 2 | 3): string {
  const section = doc.sections.find((s) => s.key === key);
  const text = section?.markdown.trim() ?? '';
  const body = text === '' ? '<p><em>Nothing written yet.</em></p>' : markdown.render(text);
  const note = section?.isGenerated && text !== '' ? '<p class="generated">Generated from the incident’s annotations; edit the postmortem in Hindsight to replace it.</p>' : '';
  return `<section><h${level}>${xmlEscape(POSTMORTEM_SECTION_TITLES[key])}</h${level}>${note}${body}</section>`;
}

function evidenceHtml(doc: PostmortemDocument): string {
  if (doc.evidence.length === 0) return '<p><em>No events were starred or cited.</em></p>';
  return doc.evidence
    .map((e) => {
      const lines = e.lineStart === e.lineEnd ? `line ${e.lineStart}` : `lines ${e.lineStart}–${e.lineEnd}`;
      const meta = [utcText(e.tsMs), `${e.sourceName} ${lines}`, e.level, e.host, e.kind].filter((part) => part !== null && part !== '').join(' · ');
      return `<section id="event-${e.id}"><h3>Event ${e.id}</h3><p class="meta">${xmlEscape(meta)}</p><pre>${xmlEscape(e.raw)}</pre></section>`;
    })
    .join('\n');
}

/** The whole document as HTML. */
export function postmortemHtml(doc: PostmortemDocument): string {
  const authors = doc.authors.length > 0 ? doc.authors.join(', ') : 'not named';
  const body = [
    `<h1>${xmlEscape(doc.draft.title)}</h1>`,
    `<p class="meta">Status: ${xmlEscape(doc.draft.status)} · Authors: ${xmlEscape(authors)} · Incident file: ${xmlEscape(doc.incidentFile)} · Generated ${xmlEscape(utcText(doc.generatedMs))}</p>`,
    `<section><h2>Key figures</h2>${markdown.render(figuresTable(doc))}</section>`,
    ...(['summary', 'impact', 'rootCauses', 'trigger', 'detection', 'resolution', 'actionItems'] as const).map((key) => sectionHtml(doc, key, 2)),
    `<section><h2>Lessons learned</h2>${(['wentWell', 'wentWrong', 'lucky'] as const).map((key) => sectionHtml(doc, key, 3)).join('\n')}</section>`,
    `<section><h2>Timeline</h2><figure>${timelineSvg(doc)}</figure>${markdown.render(timelineTable(doc))}</section>`,
    sectionHtml(doc, 'supportingInfo', 2).replace(/<\/section>$/, `<p>${xmlEscape(doc.runbookNote)}</p></section>`),
    `<section><h2>Evidence</h2>${evidenceHtml(doc)}</section>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlEscape(doc.draft.title)} — postmortem</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
