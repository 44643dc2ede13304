/**
 * Suggested text for each postmortem section, generated from annotations, starred events and the
 * figures. The export uses a suggestion wherever the team has not written the section themselves.
 */
import { ANNOTATION_KIND_LABELS, type Annotation, type AnnotationKind } from '../model/annotation';
import type { EventDetail } from '../model/event';
import { POSTMORTEM_SECTIONS, type PostmortemFigures, type PostmortemSection } from '../model/postmortem';
import { countText, durationText, utcText } from './format';

/** Which annotation kinds feed which section. */
export const SECTION_SOURCES: Record<PostmortemSection, readonly AnnotationKind[]> = {
  summary: [],
  impact: ['impact', 'impact-start', 'impact-end'],
  rootCauses: ['contributing-factor', 'diagnosis'],
  trigger: ['trigger'],
  detection: ['detection'],
  resolution: ['mitigation', 'resolution'],
  actionItems: ['action-item'],
  wentWell: ['went-well'],
  wentWrong: ['went-wrong'],
  lucky: ['lucky'],
  supportingInfo: ['question', 'key-moment', 'note'],
};

/** Indents every line after the first so a multi-line Markdown body stays inside its list item. */
function indentBody(body: string): string {
  return body
    .trim()
    .split(/\r?\n/)
    .map((line, i) => (i === 0 || line.trim() === '' ? line : `  ${line}`))
    .join('\n');
}

/** One list item for an annotation: `- **Title** (time): body`. */
export function annotationBullet(annotation: Annotation, showKind = false): string {
  const title = annotation.title.trim() || ANNOTATION_KIND_LABELS[annotation.kind];
  const when = annotation.endMs === null ? utcText(annotation.tsMs) : `${utcText(annotation.tsMs)} to ${utcText(annotation.endMs)}`;
  const kind = showKind ? `${ANNOTATION_KIND_LABELS[annotation.kind]}: ` : '';
  const extra = annotation.kind === 'action-item' ? ` Owner: ${annotation.owner?.trim() || 'unassigned'}; due: ${annotation.dueDate ?? 'no date'}.` : '';
  const body = annotation.body.trim() === '' ? '' : ` ${indentBody(annotation.body)}`;
  return `- ${kind}**${title}** (${when}).${extra}${body}`;
}

function summaryText(annotations: readonly Annotation[], figures: PostmortemFigures): string {
  const parts: string[] = [];
  if (figures.impactStartMs !== null) {
    parts.push(
      figures.impactEndMs === null
        ? `Impact began at ${utcText(figures.impactStartMs)}.`
        : `Impact lasted ${durationText(figures.impactDurationMs)}, from ${utcText(figures.impactStartMs)} to ${utcText(figures.impactEndMs)}.`,
    );
  }
  parts.push(`${countText(figures.hostsAffected)} host${figures.hostsAffected === 1 ? '' : 's'} logged ${countText(figures.errorCount)} error${figures.errorCount === 1 ? '' : 's'} in that window.`);
  if (figures.timeToDetectMs !== null) parts.push(`It was detected ${durationText(figures.timeToDetectMs)} after it began`);
  if (figures.timeToMitigateMs !== null) parts.push(`${figures.timeToDetectMs === null ? 'It was' : 'and'} mitigated after ${durationText(figures.timeToMitigateMs)}`);
  const sentence = parts.join(' ') + (figures.timeToDetectMs !== null || figures.timeToMitigateMs !== null ? '.' : '');
  const trigger = annotations.find((a) => a.kind === 'trigger');
  return trigger ? `${sentence}\n\nTrigger: ${trigger.title.trim() || 'see below'}.` : sentence;
}

function impactText(annotations: readonly Annotation[], figures: PostmortemFigures): string {
  const lines = [
    `- Impact window: ${utcText(figures.impactStartMs)} to ${utcText(figures.impactEndMs)} (${durationText(figures.impactDurationMs)}).`,
    `- Hosts that logged errors: ${countText(figures.hostsAffected)}; errors: ${countText(figures.errorCount)}; warnings: ${countText(figures.warningCount)}.`,
  ];
  const notes = annotations.filter((a) => SECTION_SOURCES.impact.includes(a.kind) && (a.title.trim() !== '' || a.body.trim() !== ''));
  return [...lines, ...notes.map((a) => annotationBullet(a))].join('\n');
}

function supportingText(annotations: readonly Annotation[], starred: readonly EventDetail[]): string {
  const blocks: string[] = [];
  const notes = annotations.filter((a) => SECTION_SOURCES.supportingInfo.includes(a.kind));
  if (notes.length > 0) blocks.push(notes.map((a) => annotationBullet(a, true)).join('\n'));
  if (starred.length > 0) {
    blocks.push(
      `Starred evidence:\n\n${starred.map((e) => `- ${utcText(e.tsMs)} ${e.host ?? e.sourceName}: ${e.message.split('\n')[0]} ([event ${e.id}](#event-${e.id}))`).join('\n')}`,
    );
  }
  return blocks.join('\n\n');
}

/** The generated text of every section ('' where nothing feeds it). */
export function prefillSections(annotations: readonly Annotation[], starred: readonly EventDetail[], figures: PostmortemFigures): Record<PostmortemSection, string> {
  const byKinds = (section: PostmortemSection): string =>
    annotations
      .filter((a) => SECTION_SOURCES[section].includes(a.kind))
      .map((a) => annotationBullet(a, SECTION_SOURCES[section].length > 1))
      .join('\n');
  const result = Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, byKinds(s)])) as Record<PostmortemSection, string>;
  result.summary = summaryText(annotations, figures);
  result.impact = impactText(annotations, figures);
  result.supportingInfo = supportingText(annotations, starred);
  return result;
}
