/**
 * Annotations: what the team wrote about an incident, beside (never inside) the imported events.
 * Times are integer UTC epoch milliseconds.
 */

/** The kinds of annotation, in the order the UI offers them. */
export const ANNOTATION_KINDS = [
  'trigger',
  'detection',
  'diagnosis',
  'mitigation',
  'resolution',
  'contributing-factor',
  'impact',
  'impact-start',
  'impact-end',
  'key-moment',
  'went-well',
  'went-wrong',
  'lucky',
  'question',
  'action-item',
  'note',
] as const;

/** One of {@link ANNOTATION_KINDS}. */
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** What each kind is called where a person reads it. */
export const ANNOTATION_KIND_LABELS: Record<AnnotationKind, string> = {
  trigger: 'Trigger',
  detection: 'Detection',
  diagnosis: 'Diagnosis',
  mitigation: 'Mitigation',
  resolution: 'Resolution',
  'contributing-factor': 'Contributing factor',
  impact: 'Impact',
  'impact-start': 'Impact start',
  'impact-end': 'Impact end',
  'key-moment': 'Key moment',
  'went-well': 'What went well',
  'went-wrong': 'What went wrong',
  lucky: 'Where we got lucky',
  question: 'Question',
  'action-item': 'Action item',
  note: 'Note',
};

/** True when `value` is an annotation kind (guards data read from other files). */
export function isAnnotationKind(value: unknown): value is AnnotationKind {
  return typeof value === 'string' && (ANNOTATION_KINDS as readonly string[]).includes(value);
}

/** One annotation: a moment (`endMs` null) or a range, optionally anchored to events. */
export interface Annotation {
  id: number;
  /** Globally unique; how copies of one incident are merged without duplicates. */
  uid: string;
  kind: AnnotationKind;
  tsMs: number;
  endMs: number | null;
  /** Events it points at (evidence), in time order; empty when anchored to a moment only. */
  eventIds: number[];
  title: string;
  /** Markdown. */
  body: string;
  author: string;
  /** Action items only: who owns it, and the due date as `YYYY-MM-DD` (null when not set). */
  owner: string | null;
  dueDate: string | null;
  createdMs: number;
  updatedMs: number;
}

/** The fields a person can change on an annotation. */
export type AnnotationFields = Pick<Annotation, 'kind' | 'tsMs' | 'endMs' | 'eventIds' | 'title' | 'body' | 'owner' | 'dueDate'>;

/** What an edit did, as recorded in an annotation's history. */
export type AnnotationEditAction = 'create' | 'update' | 'delete' | 'restore' | 'merge';

/** One entry of an annotation's edit history: who did what, when, and the annotation afterwards. */
export interface AnnotationEdit {
  id: number;
  uid: string;
  editedMs: number;
  author: string;
  action: AnnotationEditAction;
  /** The annotation's fields after this edit. */
  after: AnnotationFields;
}

/** A starred event: evidence someone marked as proving a point. */
export interface StarredEvent {
  eventId: number;
  tsMs: number;
  author: string;
  starredMs: number;
}

/** What merging a colleague's copy of the incident did. */
export interface MergeSummary {
  /** The colleague's file. */
  fromPath: string;
  /** Annotations new to this file. */
  added: number;
  /** Annotations whose colleague version was newer and replaced ours. */
  updated: number;
  /** Annotations the colleague deleted after our last edit. */
  deleted: number;
  /** Annotations identical (or older) in the colleague's copy. */
  unchanged: number;
  /** Stars new to this file. */
  starsAdded: number;
  /** Postmortem sections whose colleague version was newer. */
  sectionsUpdated: number;
  /** Event anchors or stars dropped because the event differs between the two files (not the same incident). */
  anchorsSkipped: number;
}
