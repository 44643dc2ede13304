/** API methods for annotations and stars: what the team writes beside the events, and merging a colleague's copy. */
import { z } from 'zod';
import { ANNOTATION_KINDS, type Annotation, type AnnotationEdit, type MergeSummary, type StarredEvent } from '../../model/annotation';
import { filePathSchema, noArgs, tsMsSchema } from './schemas';

/** Who made an edit, as they named themselves ('' when they did not). */
const authorSchema = z.string().max(100).default('');

const uidSchema = z.string().min(1).max(100);

/** The editable fields; `endMs` null means a moment, `dueDate` is `YYYY-MM-DD`. */
const fieldSchemas = {
  kind: z.enum(ANNOTATION_KINDS),
  tsMs: tsMsSchema,
  endMs: tsMsSchema.nullable(),
  eventIds: z.array(z.number().int().positive()).max(1000),
  title: z.string().max(500),
  body: z.string().max(100_000),
  owner: z.string().max(200).nullable(),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
    .nullable(),
};

/** Argument schemas of the annotation methods. */
export const annotationArgs = {
  /** Every annotation of the open incident, in time order. */
  'annotations.list': noArgs,
  /** Adds an annotation; committed before the call returns. */
  'annotations.create': z
    .object({
      kind: fieldSchemas.kind,
      tsMs: fieldSchemas.tsMs,
      endMs: fieldSchemas.endMs.default(null),
      eventIds: fieldSchemas.eventIds.default([]),
      title: fieldSchemas.title.default(''),
      body: fieldSchemas.body.default(''),
      owner: fieldSchemas.owner.default(null),
      dueDate: fieldSchemas.dueDate.default(null),
      author: authorSchema,
    })
    .strict(),
  /** Changes some fields of an annotation; answers with it before and after (for undo). */
  'annotations.update': z.object({ uid: uidSchema, author: authorSchema, patch: z.object(fieldSchemas).partial().strict() }).strict(),
  /** Deletes an annotation (kept as a tombstone so undo and merges know it). */
  'annotations.delete': z.object({ uid: uidSchema, author: authorSchema }).strict(),
  /** Brings a deleted annotation back (undo of delete, redo of create). */
  'annotations.restore': z.object({ uid: uidSchema, author: authorSchema }).strict(),
  /** The edit history of one annotation, oldest first. */
  'annotations.history': z.object({ uid: uidSchema }).strict(),
  /** Merges annotations, stars and postmortem text from a colleague's copy of this incident file. */
  'annotations.merge': z.object({ path: filePathSchema }).strict(),
  /** Starred events, in time order. */
  'stars.list': noArgs,
  /** Stars or unstars one event; answers with every star. */
  'stars.set': z.object({ eventId: z.number().int().positive(), isStarred: z.boolean(), author: authorSchema }).strict(),
} as const;

/** Result types of the annotation methods. */
export interface AnnotationResults {
  'annotations.list': Annotation[];
  'annotations.create': Annotation;
  'annotations.update': { before: Annotation; after: Annotation };
  'annotations.delete': Annotation;
  'annotations.restore': Annotation;
  'annotations.history': AnnotationEdit[];
  'annotations.merge': MergeSummary;
  'stars.list': StarredEvent[];
  'stars.set': StarredEvent[];
}
