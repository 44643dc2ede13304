/** API methods for the postmortem draft and the exports (postmortem documents and event files). */
import { z } from 'zod';
import { EXPORT_FORMATS, POSTMORTEM_SECTIONS, POSTMORTEM_STATUSES, type ExportResult, type PostmortemDraft, type PostmortemView } from '../../model/postmortem';
import { filePathSchema, noArgs } from './schemas';

const sectionsSchema = z.object(Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, z.string().max(200_000)]))).partial().strict();

/** Argument schemas of the postmortem methods. */
export const postmortemArgs = {
  /** The draft, the text generated for each section, the figures and the timeline rows. */
  'postmortem.get': noArgs,
  /** Changes some fields of the draft; committed before the call returns. */
  'postmortem.update': z
    .object({
      author: z.string().max(100).default(''),
      title: z.string().max(500).optional(),
      status: z.enum(POSTMORTEM_STATUSES).optional(),
      authors: z.array(z.string().min(1).max(100)).max(50).optional(),
      sections: sectionsSchema.optional(),
    })
    .strict(),
  /** The file an export writes when no path is given: beside the incident, named after it. */
  'export.defaultPath': z.object({ format: z.enum(EXPORT_FORMATS) }).strict(),
  /** Writes the postmortem (md, html, pdf) or the events (csv, jsonl, trace) to a file on the service's machine. */
  'export.write': z.object({ format: z.enum(EXPORT_FORMATS), path: filePathSchema.optional() }).strict(),
} as const;

/** Result types of the postmortem methods. */
export interface PostmortemResults {
  'postmortem.get': PostmortemView;
  'postmortem.update': PostmortemDraft;
  'export.defaultPath': { path: string };
  'export.write': ExportResult;
}
