/** API methods about importing: import paths, cancel, live follow, and per-source clock correction. */
import { z } from 'zod';
import type { ImportSummary, SourceInfo } from '../../model/incident';
import { filePathSchema, noArgs, tsMsSchema } from './schemas';

/** Argument schemas of the import methods. */
export const importArgs = {
  /** Import files, folders or archives into the open incident (a cut-short or grown file continues its source). */
  'import.paths': z
    .object({
      paths: z.array(filePathSchema).min(1).max(1000),
      /** A format name that overrides sniffing (`hindsight formats` lists them). */
      format: z.string().min(1).max(100).optional(),
      /** IANA zone for times written without one; the machine's zone when omitted. */
      timeZone: z.string().min(1).max(100).optional(),
      /** Year for timestamps written without one; inferred from each file's date when omitted. */
      year: z.number().int().min(1970).max(9999).optional(),
    })
    .strict(),
  /** Stop the running import at its next batch; its source stays `importing` and resumes when imported again. */
  'import.cancel': noArgs,
  /** Keep reading files (or new files in folders) that are still being written; their current content is imported first. */
  'import.follow': z
    .object({
      paths: z.array(filePathSchema).min(1).max(100),
      /** IANA zone for times written without one; the machine's zone when omitted. */
      timeZone: z.string().min(1).max(100).optional(),
      /** Year for timestamps written without one; inferred from each file's date when omitted. */
      year: z.number().int().min(1970).max(9999).optional(),
    })
    .strict(),
  /** Stop following these paths (all of them when `paths` is omitted). */
  'import.unfollow': z.object({ paths: z.array(filePathSchema).max(100).optional() }).strict(),
  /** The paths being followed. */
  'import.following': noArgs,
  /** Shift a source's clock: `offsetMs` is added to its event times when read (the stored times stay as imported). */
  'sources.setClockOffset': z.object({ sourceId: z.number().int().positive(), offsetMs: tsMsSchema }).strict(),
} as const;

/** A followed path: a file, or a folder whose files (and new files) are followed. */
export interface FollowedPathInfo {
  path: string;
  isFolder: boolean;
  fileCount: number;
  /** When a followed file last gave new lines (epoch ms); null when none has since following started. */
  lastLineAtMs: number | null;
}

/** Result types of the import methods. */
export interface ImportResults {
  'import.paths': ImportSummary;
  'import.cancel': { wasRunning: boolean };
  'import.follow': FollowedPathInfo[];
  'import.unfollow': FollowedPathInfo[];
  'import.following': FollowedPathInfo[];
  'sources.setClockOffset': SourceInfo[];
}
