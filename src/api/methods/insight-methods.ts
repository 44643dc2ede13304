/** API methods of "what changed": ranked findings with evidence, dismissals, turning one into an annotation, comparing rollouts. */
import { z } from 'zod';
import { ANNOTATION_KINDS, type Annotation } from '../../model/annotation';
import type { InsightReport, RolloutComparison } from '../../model/insight';
import { filePathSchema, tsMsSchema } from './schemas';

const keySchema = z.string().min(1).max(2000);
const authorSchema = z.string().max(100).default('');

/** Argument schemas of the insight methods. */
export const insightArgs = {
  /** Every finding, ranked (dismissed ones included and marked); mines the message patterns first when the events changed. */
  'insight.findings': z.object({ sinceMs: tsMsSchema.optional() }).strict(),
  /** Dismisses a finding; remembered in the incident. */
  'insight.dismiss': z.object({ key: keySchema, author: authorSchema }).strict(),
  /** Brings a dismissed finding back. */
  'insight.restore': z.object({ key: keySchema }).strict(),
  /** Writes a finding as an annotation (default kind: key moment) with its evidence in the body. */
  'insight.toAnnotation': z.object({ key: keySchema, kind: z.enum(ANNOTATION_KINDS).default('key-moment'), author: authorSchema }).strict(),
  /** Compares two rollouts aligned at their starts: `a` and `b` by id (default: the first two), `b` from `otherPath` when given. */
  'insight.compare': z.object({ a: z.string().min(1).max(500).optional(), b: z.string().min(1).max(500).optional(), otherPath: filePathSchema.optional() }).strict(),
} as const;

/** Result types of the insight methods. */
export interface InsightResults {
  'insight.findings': InsightReport;
  'insight.dismiss': { key: string; isDismissed: boolean };
  'insight.restore': { key: string; isDismissed: boolean };
  'insight.toAnnotation': Annotation;
  'insight.compare': RolloutComparison;
}
