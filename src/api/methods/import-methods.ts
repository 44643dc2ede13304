/** API methods about importing: import paths, cancel, live follow, and per-source clock correction. */
import { z } from 'zod';
import type { ImportSummary, SourceInfo } from '../../model/incident';
import { MAX_PENDING_UPLOADS, UPLOAD_CHUNK_BYTES } from '../../importers/upload-limits';
import { filePathSchema, noArgs, tsMsSchema } from './schemas';

/** An upload's id: 32 hex digits, so it can never name another folder. */
const uploadIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be an upload id from import.uploadBegin');

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
  /**
   * Browser shell only (it has no paths): announce a file to upload; its bytes follow in
   * `import.uploadChunk` calls and `import.uploadFinish` imports it. Files over 256 MiB are refused.
   */
  'import.uploadBegin': z.object({ fileName: z.string().min(1).max(1000), sizeBytes: z.number().int().min(0) }).strict(),
  /** The next chunk of an upload, base64 (at most `chunkBytes` bytes before encoding), at the byte where the last one ended. */
  'import.uploadChunk': z
    .object({
      uploadId: uploadIdSchema,
      offsetBytes: z.number().int().min(0),
      dataBase64: z
        .string()
        .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    })
    .strict(),
  /** Imports complete uploads like `import.paths` does (sniffed, counted); their sources are labelled `upload:<name>`. */
  'import.uploadFinish': z
    .object({
      uploadIds: z.array(uploadIdSchema).min(1).max(MAX_PENDING_UPLOADS),
      format: z.string().min(1).max(100).optional(),
      timeZone: z.string().min(1).max(100).optional(),
      year: z.number().int().min(1970).max(9999).optional(),
    })
    .strict(),
  /** Drops uploads the user cancelled (finished or not) and deletes what had arrived; ids already gone are ignored. */
  'import.uploadCancel': z.object({ uploadIds: z.array(uploadIdSchema).min(1).max(MAX_PENDING_UPLOADS) }).strict(),
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
  'import.uploadBegin': { uploadId: string; name: string; chunkBytes: number };
  'import.uploadChunk': { receivedBytes: number };
  'import.uploadFinish': ImportSummary;
  'import.uploadCancel': { discarded: number };
  'sources.setClockOffset': SourceInfo[];
}
