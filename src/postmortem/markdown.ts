/**
 * The postmortem as Markdown with YAML front matter: the shape SRE teams use (summary, impact, root
 * causes and trigger, detection, resolution, action items, lessons learned, timeline), a timeline
 * table with links to the evidence appendix, and the evidence's raw lines.
 */
import { stringify } from 'yaml';
import { POSTMORTEM_SECTION_TITLES, type PostmortemSection } from '../model/postmortem';
import type { PostmortemDocument } from './document';
import { countText, durationText, utcText, utcTimeOfDay } from './format';

/** The lessons-learned sections, printed under one heading. */
const LESSONS: readonly PostmortemSection[] = ['wentWell', 'wentWrong', 'lucky'];

/** Escapes text for one cell of a Markdown table (pipes, line breaks). */
export function tableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

/** A fenced code block whose fence is longer than any backtick run inside `text`. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

const iso = (tsMs: number | null): string | null => (tsMs === null ? null : new Date(tsMs).toISOString());

/** The YAML front matter object (documented in docs/cli.md). */
export function frontMatter(doc: PostmortemDocument): Record<string, unknown> {
  const f = doc.figures;
  return {
    title: doc.draft.title,
    status: doc.draft.status,
    authors: doc.authors,
    incident_file: doc.incidentFile,
    generated: iso(doc.generatedMs),
    incident_start: iso(f.incidentStartMs),
    incident_end: iso(f.incidentEndMs),
    impact_start: iso(f.impactStartMs),
    impact_end: iso(f.impactEndMs),
    impact_duration_ms: f.impactDurationMs,
    time_to_detect_ms: f.timeToDetectMs,
    time_to_mitigate_ms: f.timeToMitigateMs,
    hosts_affected: f.hostsAffected,
    error_count: f.errorCount,
    warning_count: f.warningCount,
    action_items: doc.annotations.filter((a) => a.kind === 'action-item').length,
  };
}

/** The key figures as a small table. */
export function figuresTable(doc: PostmortemDocument): string {
  const f = doc.figures;
  const rows: [string, string][] = [
    ['Incident span', `${utcText(f.incidentStartMs)} to ${utcText(f.incidentEndMs)}`],
    ['Impact', `${utcText(f.impactStartMs)} to ${utcText(f.impactEndMs)} (${durationText(f.impactDurationMs)})`],
    ['Time to detect', durationText(f.timeToDetectMs)],
    ['Time to mitigate', durationText(f.timeToMitigateMs)],
    ['Hosts affected (logged errors)', countText(f.hostsAffected)],
    ['Errors / warnings', `${countText(f.errorCount)} / ${countText(f.warningCount)}`],
  ];
  return ['| Figure | Value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${tableCell(v)} |`)].join('\n');
}

/** The timeline table: UTC time, what happened, source, kind, link to the evidence. */
export function timelineTable(doc: PostmortemDocument): string {
  if (doc.timeline.length === 0) return '_No annotations or starred events yet._';
  const evidenceIds = new Set(doc.evidence.map((e) => e.id));
  const rows = doc.timeline.map((row) => {
    const date = new Date(row.tsMs).toISOString().slice(0, 10);
    const time = row.endMs === null ? `${date} ${utcTimeOfDay(row.tsMs)}` : `${date} ${utcTimeOfDay(row.tsMs)} – ${utcTimeOfDay(row.endMs)}`;
    const link = row.eventId !== null && evidenceIds.has(row.eventId) ? `[event ${row.eventId}](#event-${row.eventId})` : '';
    return `| ${time} | ${tableCell(row.what)} | ${tableCell(row.source)} | ${tableCell(row.kind)} | ${link} |`;
  });
  return ['| UTC time | What happened | Source | Kind | Event |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The evidence appendix: each cited event with its place in the source and its raw text. */
export function evidenceMarkdown(doc: PostmortemDocument): string {
  if (doc.evidence.length === 0) return '_No events were starred or cited._';
  return doc.evidence
    .map((e) => {
      const lines = e.lineStart === e.lineEnd ? `line ${e.lineStart}` : `lines ${e.lineStart}–${e.lineEnd}`;
      return `### Event ${e.id}\n\n${utcText(e.tsMs)} · ${e.sourceName} ${lines} · ${e.level}${e.host ? ` · ${e.host}` : ''}${e.kind ? ` · ${e.kind}` : ''}\n\n${fenced(e.raw)}`;
    })
    .join('\n\n');
}

function sectionBody(doc: PostmortemDocument, key: PostmortemSection): string {
  const section = doc.sections.find((s) => s.key === key);
  const text = section?.markdown.trim() ?? '';
  return text === '' ? '_Nothing written yet._' : text;
}

/** The whole document; `timelineImage` is a relative path to the SVG picture, when one is written beside it. */
export function postmortemMarkdown(doc: PostmortemDocument, timelineImage?: string): string {
  const out: string[] = [`---\n${stringify(frontMatter(doc)).trimEnd()}\n---`, `# ${doc.draft.title}`];
  out.push(`Status: ${doc.draft.status} · Authors: ${doc.authors.length > 0 ? doc.authors.join(', ') : 'not named'} · Incident file: ${doc.incidentFile}`);
  out.push(`## Key figures\n\n${figuresTable(doc)}`);
  for (const key of ['summary', 'impact', 'rootCauses', 'trigger', 'detection', 'resolution', 'actionItems'] as const) {
    out.push(`## ${POSTMORTEM_SECTION_TITLES[key]}\n\n${sectionBody(doc, key)}`);
  }
  out.push(`## Lessons learned\n\n${LESSONS.map((key) => `### ${POSTMORTEM_SECTION_TITLES[key]}\n\n${sectionBody(doc, key)}`).join('\n\n')}`);
  const picture = timelineImage === undefined ? '' : `![Timeline of the incident](${timelineImage})\n\n`;
  out.push(`## Timeline\n\n${picture}${timelineTable(doc)}`);
  out.push(`## ${POSTMORTEM_SECTION_TITLES.supportingInfo}\n\n${sectionBody(doc, 'supportingInfo')}\n\n${doc.runbookNote}`);
  out.push(`## Evidence\n\n${evidenceMarkdown(doc)}`);
  return `${out.join('\n\n')}\n`;
}
