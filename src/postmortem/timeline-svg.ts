/**
 * The postmortem's timeline picture as standalone SVG: event and error histograms across the incident,
 * the impact window shaded, each annotation a labelled marker, starred events as stars. Text-only
 * styling (no fonts or scripts to load), so it renders the same in a browser, a PDF and a Markdown viewer.
 */
import { ANNOTATION_KIND_LABELS, type AnnotationKind } from '../model/annotation';
import type { PostmortemDocument } from './document';
import { utcText } from './format';

/** Width of the picture, in SVG user units (px). */
export const SVG_WIDTH_PX = 1000;

const MARGIN_PX = 24;
const TOTAL_BAND_PX = 44;
const ERROR_BAND_PX = 28;
const LABEL_ROW_PX = 16;
const MAX_LABEL_ROWS = 6;
const LABEL_CHARS = 46;
const CHAR_WIDTH_PX = 6.2;

const TICK_STEPS_MS = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((min) => min * 60_000);

/** Marker colours by annotation kind; the label carries the kind as text too. */
const KIND_COLOURS: Partial<Record<AnnotationKind, string>> = {
  trigger: '#c62828',
  detection: '#ef6c00',
  diagnosis: '#6a1b9a',
  mitigation: '#2e7d32',
  resolution: '#1565c0',
  'contributing-factor': '#ad1457',
  'action-item': '#00838f',
};

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** Renders the picture of the incident as an SVG document (one string). */
export function timelineSvg(doc: PostmortemDocument): string {
  const fromMs = doc.figures.incidentStartMs ?? doc.annotations[0]?.tsMs ?? 0;
  const toMs = Math.max(doc.figures.incidentEndMs ?? fromMs, ...doc.annotations.map((a) => a.endMs ?? a.tsMs), fromMs + 60_000);
  const plotWidthPx = SVG_WIDTH_PX - 2 * MARGIN_PX;
  const x = (tsMs: number): number => MARGIN_PX + ((tsMs - fromMs) / (toMs - fromMs)) * plotWidthPx;
  const totalTop = 30;
  const errorTop = totalTop + TOTAL_BAND_PX + 4;
  const axisY = errorTop + ERROR_BAND_PX + 4;

  const markers = doc.annotations.map((a) => ({
    xPx: x(a.tsMs),
    endXPx: a.endMs === null ? null : x(a.endMs),
    label: clip(`${ANNOTATION_KIND_LABELS[a.kind]}: ${a.title.trim() || utcText(a.tsMs)}`, LABEL_CHARS),
    colour: KIND_COLOURS[a.kind] ?? '#455a64',
  }));
  const rowEnds: number[] = [];
  const placed = markers.map((m) => {
    const widthPx = m.label.length * CHAR_WIDTH_PX + 8;
    const left = Math.min(m.xPx, SVG_WIDTH_PX - MARGIN_PX - widthPx);
    let row = rowEnds.findIndex((end) => end < left);
    if (row === -1) row = rowEnds.length < MAX_LABEL_ROWS ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = left + widthPx;
    return { ...m, row, left };
  });
  const labelsTop = axisY + 22;
  const heightPx = labelsTop + Math.max(1, rowEnds.length) * LABEL_ROW_PX + 10;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SVG_WIDTH_PX}" height="${heightPx}" viewBox="0 0 ${SVG_WIDTH_PX} ${heightPx}" role="img" aria-labelledby="timeline-title" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
  );
  parts.push(`<title id="timeline-title">Timeline of ${xmlEscape(doc.draft.title)}, ${xmlEscape(utcText(fromMs))} to ${xmlEscape(utcText(toMs))}</title>`);
  parts.push(`<rect x="0" y="0" width="${SVG_WIDTH_PX}" height="${heightPx}" fill="#ffffff"/>`);
  parts.push(`<text x="${MARGIN_PX}" y="18" font-size="12" font-weight="bold" fill="#263238">Events (grey), errors (red) and annotations, UTC</text>`);

  const impact = doc.figures;
  if (impact.impactStartMs !== null) {
    const left = x(impact.impactStartMs);
    const right = x(impact.impactEndMs ?? toMs);
    parts.push(`<rect x="${left.toFixed(1)}" y="${totalTop}" width="${Math.max(1, right - left).toFixed(1)}" height="${axisY - totalTop}" fill="#ffcdd2" fill-opacity="0.6"/>`);
    parts.push(`<text x="${(left + 3).toFixed(1)}" y="${totalTop + 11}" fill="#b71c1c">Impact</text>`);
  }

  const histogram = doc.histogram;
  if (histogram !== null) {
    const maxTotal = Math.max(1, ...histogram.total);
    const maxErrors = Math.max(1, ...histogram.errors);
    const barWidthPx = Math.max(1, (histogram.bucketMs / (toMs - fromMs)) * plotWidthPx - 0.5);
    histogram.total.forEach((count, i) => {
      if (count === 0) return;
      const h = Math.max(1, (count / maxTotal) * TOTAL_BAND_PX);
      parts.push(`<rect x="${x(histogram.fromMs + i * histogram.bucketMs).toFixed(1)}" y="${(totalTop + TOTAL_BAND_PX - h).toFixed(1)}" width="${barWidthPx.toFixed(1)}" height="${h.toFixed(1)}" fill="#90a4ae"/>`);
    });
    histogram.errors.forEach((count, i) => {
      if (count === 0) return;
      const h = Math.max(1, (count / maxErrors) * ERROR_BAND_PX);
      parts.push(`<rect x="${x(histogram.fromMs + i * histogram.bucketMs).toFixed(1)}" y="${(errorTop + ERROR_BAND_PX - h).toFixed(1)}" width="${barWidthPx.toFixed(1)}" height="${h.toFixed(1)}" fill="#e53935"/>`);
    });
  }
  parts.push(`<line x1="${MARGIN_PX}" y1="${axisY}" x2="${SVG_WIDTH_PX - MARGIN_PX}" y2="${axisY}" stroke="#546e7a"/>`);
  const stepMs = TICK_STEPS_MS.find((step) => (toMs - fromMs) / step <= 10) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1]!;
  for (let tick = Math.ceil(fromMs / stepMs) * stepMs; tick <= toMs; tick += stepMs) {
    const tickX = x(tick).toFixed(1);
    parts.push(`<line x1="${tickX}" y1="${axisY}" x2="${tickX}" y2="${axisY + 5}" stroke="#546e7a"/>`);
    parts.push(`<text x="${tickX}" y="${axisY + 16}" text-anchor="middle" fill="#37474f">${new Date(tick).toISOString().slice(11, 16)}</text>`);
  }

  for (const event of doc.evidence) {
    parts.push(`<text x="${x(event.tsMs).toFixed(1)}" y="${errorTop - 1}" text-anchor="middle" fill="#f9a825" font-size="12">★</text>`);
  }
  for (const m of placed) {
    const labelY = labelsTop + m.row * LABEL_ROW_PX;
    if (m.endXPx !== null) {
      parts.push(`<rect x="${m.xPx.toFixed(1)}" y="${axisY - 3}" width="${Math.max(1, m.endXPx - m.xPx).toFixed(1)}" height="3" fill="${m.colour}"/>`);
    }
    parts.push(`<line x1="${m.xPx.toFixed(1)}" y1="${totalTop}" x2="${m.xPx.toFixed(1)}" y2="${labelY - 9}" stroke="${m.colour}" stroke-width="1.5"/>`);
    parts.push(`<text x="${(m.left + 2).toFixed(1)}" y="${labelY}" fill="${m.colour}">${xmlEscape(m.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
