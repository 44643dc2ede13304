/**
 * The postmortem document: everything the exporters print, gathered once from the incident file.
 * Each section is the team's text where they wrote it, else the text generated from annotations.
 */
import { basename } from 'node:path';
import { ANNOTATION_KIND_LABELS, type Annotation } from '../model/annotation';
import type { EventDetail } from '../model/event';
import {
  POSTMORTEM_SECTIONS,
  type PostmortemDraft,
  type PostmortemFigures,
  type PostmortemSection,
  type PostmortemTimelineRow,
  type PostmortemView,
} from '../model/postmortem';
import { listStars } from '../store/annotation-stars';
import { listAnnotations } from '../store/annotation-store';
import { queryDensity } from '../store/density-query';
import type { IncidentDb } from '../store/incident-db';
import { readIncidentInfo } from '../store/incident-queries';
import { countWindow, eventsByIds } from '../store/postmortem-queries';
import { readPostmortemDraft } from '../store/postmortem-store';
import { computeFigures } from './figures';
import { prefillSections } from './prefill';
import { runbookNote, runbookStepRows } from './runbook-steps';

/** Buckets of the error/all histogram drawn in the timeline picture. */
export const HISTOGRAM_BUCKETS = 120;

/** Event counts over the incident, for the picture: `total[i]` and `errors[i]` cover bucket `i`. */
export interface Histogram {
  fromMs: number;
  bucketMs: number;
  total: number[];
  errors: number[];
}

/** One section as printed. */
export interface DocumentSection {
  key: PostmortemSection;
  markdown: string;
  /** True when the text was generated from annotations (the team has not written this section). */
  isGenerated: boolean;
}

/** Everything an exporter needs; built by {@link loadPostmortemDocument} or by tests. */
export interface PostmortemDocument {
  /** The incident file's name (not its full path, which would leak a home folder into a shared document). */
  incidentFile: string;
  generatedMs: number;
  draft: PostmortemDraft;
  /** The draft's authors, or else everyone who annotated. */
  authors: string[];
  sections: DocumentSection[];
  /** The generated text of every section, whether or not the team wrote their own. */
  suggestions: Record<PostmortemSection, string>;
  figures: PostmortemFigures;
  annotations: Annotation[];
  timeline: PostmortemTimelineRow[];
  /** Starred and anchored events, in time order, printed as an appendix with their raw text. */
  evidence: EventDetail[];
  histogram: Histogram | null;
  runbookNote: string;
}

/** The timeline table: every annotation, starred event and recorded runbook step, in time order. */
export function timelineRows(annotations: readonly Annotation[], starred: readonly EventDetail[], runbookRows: readonly PostmortemTimelineRow[] = []): PostmortemTimelineRow[] {
  const rows: PostmortemTimelineRow[] = [
    ...annotations.map((a) => ({
      tsMs: a.tsMs,
      endMs: a.endMs,
      what: a.title.trim() || ANNOTATION_KIND_LABELS[a.kind],
      source: 'annotation',
      kind: ANNOTATION_KIND_LABELS[a.kind],
      eventId: a.eventIds[0] ?? null,
    })),
    ...starred.map((e) => ({
      tsMs: e.tsMs,
      endMs: e.endMs,
      what: `★ ${e.host ? `${e.host}: ` : ''}${e.message.split('\n')[0] ?? ''}`,
      source: e.sourceName,
      kind: e.kind ?? e.level,
      eventId: e.id,
    })),
    ...runbookRows,
  ];
  return rows.sort((a, b) => a.tsMs - b.tsMs || (a.source === 'annotation' ? -1 : 1));
}

function histogramOf(incident: IncidentDb, fromMs: number | null, toMs: number | null): Histogram | null {
  if (fromMs === null || toMs === null) return null;
  const density = queryDensity(incident, fromMs, toMs + 1, HISTOGRAM_BUCKETS, 'source');
  const total = new Array<number>(density.bucketCount).fill(0);
  const errors = new Array<number>(density.bucketCount).fill(0);
  for (const lane of density.lanes) {
    for (let i = 0; i < density.bucketCount; i += 1) {
      errors[i]! += lane.counts.error[i] ?? 0;
      total[i]! += (lane.counts.error[i] ?? 0) + (lane.counts.warn[i] ?? 0) + (lane.counts.other[i] ?? 0);
    }
  }
  return { fromMs: density.fromMs, bucketMs: density.bucketMs, total, errors };
}

/** What the postmortem panel shows: the draft, suggestions, figures, timeline rows. */
export function loadPostmortemView(incident: IncidentDb): PostmortemView {
  const { draft, suggestions, figures, timeline, runbookNote: note } = loadPostmortemDocument(incident);
  return { draft, suggestions, figures, timeline, runbookNote: note };
}

/** Gathers the document from the incident file; `nowMs` stamps it (fixed in golden tests). */
export function loadPostmortemDocument(incident: IncidentDb, nowMs = Date.now()): PostmortemDocument {
  const info = readIncidentInfo(incident);
  const annotations = listAnnotations(incident);
  const draft = readPostmortemDraft(incident);
  const figures = computeFigures(annotations, info.firstTsMs, info.lastTsMs, (fromMs, toMs) => countWindow(incident, fromMs, toMs));
  const starred = eventsByIds(incident, listStars(incident).map((s) => s.eventId));
  const suggestions = prefillSections(annotations, starred, figures);
  const sections = POSTMORTEM_SECTIONS.map((key) => {
    const written = draft.sections[key].trim();
    return { key, markdown: written === '' ? suggestions[key] : written, isGenerated: written === '' };
  });
  const authors = draft.authors.length > 0 ? draft.authors : [...new Set(annotations.map((a) => a.author).filter((a) => a.trim() !== ''))].sort();
  const runbookRows = runbookStepRows(incident);
  const evidence = eventsByIds(incident, [...starred.map((e) => e.id), ...annotations.flatMap((a) => a.eventIds)]);
  return {
    incidentFile: basename(incident.path),
    generatedMs: nowMs,
    draft,
    authors,
    sections,
    suggestions,
    figures,
    annotations,
    timeline: timelineRows(annotations, starred, runbookRows),
    evidence,
    histogram: histogramOf(incident, info.firstTsMs, info.lastTsMs),
    runbookNote: runbookNote(runbookRows.length),
  };
}
