/**
 * Files sent through the browser shell, which has no paths: each upload is written in chunks to
 * `<dataDir>/uploads/<incident key>/<upload id>/<sanitised name>` and then imported like a file on
 * disk. The copy is deleted once its import ends (see docs/security.md); uploads left unfinished are
 * swept after {@link STALE_UPLOAD_MS}.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../api/errors';
import { MAX_PENDING_UPLOADS, MAX_UPLOAD_BYTES } from './upload-limits';

/** An unfinished upload untouched for this long (ms) is deleted when the next upload begins. */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** Longest sanitised file name, in characters. */
const MAX_NAME_CHARS = 200;

/** The source path prefix that says a source was uploaded rather than read from a path. */
export const UPLOAD_PATH_PREFIX = 'upload:';

/** One upload in progress. */
export interface PendingUpload {
  id: string;
  /** The incident it is for (its path); an upload is refused into any other. */
  incidentPath: string;
  /** The sanitised file name; its source is labelled `upload:<name>`. */
  name: string;
  /** Where the bytes are written. */
  filePath: string;
  sizeBytes: number;
  receivedBytes: number;
  touchedMs: number;
}

/**
 * A file name a browser sent, made safe to write: no folders (only the last `/` or `\` part), no
 * control or shell-special characters, no leading dots, at most {@link MAX_NAME_CHARS} characters
 * with the extension kept (formats and archives are recognised by it); `upload` when nothing is left.
 */
export function sanitiseUploadName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._\- ()+@,=]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (cleaned.length <= MAX_NAME_CHARS) return cleaned === '' ? 'upload' : cleaned;
  const dot = cleaned.lastIndexOf('.', cleaned.length - 2);
  const extension = dot > 0 && cleaned.length - dot <= 20 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_NAME_CHARS - extension.length) + extension;
}

/** The uploads in progress for one service, and the folder they are written to. */
export class UploadStore {
  private readonly pending = new Map<string, PendingUpload>();

  constructor(
    private readonly dataDir: string,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  /** The folder of one incident's uploads (named by a hash of its path). */
  incidentFolder(incidentPath: string): string {
    const key = createHash('sha256').update(incidentPath).digest('hex').slice(0, 16);
    return join(this.dataDir, 'uploads', key);
  }

  /** Starts an upload of `sizeBytes` bytes named `rawName` into the incident at `incidentPath`. */
  begin(incidentPath: string, rawName: string, sizeBytes: number): PendingUpload {
    const name = sanitiseUploadName(rawName);
    if (sizeBytes > MAX_UPLOAD_BYTES) {
      throw new ApiError('invalid_argument', `${name} is ${formatMiB(sizeBytes)}, more than the ${formatMiB(MAX_UPLOAD_BYTES)} a browser upload may carry; import it with \`hindsight import\` on the machine running Hindsight instead.`);
    }
    this.sweep();
    if (this.pending.size >= MAX_PENDING_UPLOADS) {
      throw new ApiError('invalid_argument', `${MAX_PENDING_UPLOADS} uploads are already waiting to be imported; finish them before sending more files.`);
    }
    const id = randomBytes(16).toString('hex');
    const folder = join(this.incidentFolder(incidentPath), id);
    mkdirSync(folder, { recursive: true });
    const filePath = join(folder, name);
    writeFileSync(filePath, '');
    const upload: PendingUpload = { id, incidentPath, name, filePath, sizeBytes, receivedBytes: 0, touchedMs: this.nowMs() };
    this.pending.set(id, upload);
    return upload;
  }

  /** Appends one chunk at `offsetBytes` (which must be where the last one ended); returns the bytes received so far. */
  append(incidentPath: string, id: string, offsetBytes: number, data: Buffer): number {
    const upload = this.get(incidentPath, id);
    if (offsetBytes !== upload.receivedBytes) {
      throw new ApiError('invalid_argument', `The upload of ${upload.name} expected the chunk at byte ${upload.receivedBytes}, not ${offsetBytes}; send the chunks in order.`);
    }
    if (upload.receivedBytes + data.length > upload.sizeBytes) {
      this.discard(id);
      throw new ApiError('invalid_argument', `${upload.name} sent more than the ${upload.sizeBytes} bytes it announced, so its upload was dropped; drop the file again.`);
    }
    appendFileSync(upload.filePath, data);
    upload.receivedBytes += data.length;
    upload.touchedMs = this.nowMs();
    return upload.receivedBytes;
  }

  /** Takes complete uploads out of the store for importing; the caller deletes them with {@link discard}. */
  take(incidentPath: string, ids: readonly string[]): PendingUpload[] {
    const uploads = ids.map((id) => this.get(incidentPath, id));
    const short = uploads.find((upload) => upload.receivedBytes !== upload.sizeBytes);
    if (short !== undefined) {
      throw new ApiError('invalid_argument', `Only ${short.receivedBytes} of the ${short.sizeBytes} bytes of ${short.name} arrived; send the rest before importing it.`);
    }
    for (const upload of uploads) this.pending.delete(upload.id);
    return uploads;
  }

  /** Deletes the incident's pending uploads among `ids` (cancelled by the user); returns how many there were. */
  cancel(incidentPath: string, ids: readonly string[]): number {
    const owned = ids.flatMap((id) => {
      const upload = this.pending.get(id);
      return upload !== undefined && upload.incidentPath === incidentPath ? [upload] : [];
    });
    for (const upload of owned) this.discard(upload);
    return owned.length;
  }

  /** Deletes an upload's folder (and forgets it when still pending). */
  discard(idOrUpload: string | PendingUpload): void {
    const upload = typeof idOrUpload === 'string' ? this.pending.get(idOrUpload) : idOrUpload;
    if (upload === undefined) return;
    this.pending.delete(upload.id);
    rmSync(join(this.incidentFolder(upload.incidentPath), upload.id), { recursive: true, force: true });
  }

  /** Deletes unfinished uploads untouched for {@link STALE_UPLOAD_MS}, and folders no upload of this run owns that are as old. */
  private sweep(): void {
    const cutoffMs = this.nowMs() - STALE_UPLOAD_MS;
    for (const upload of [...this.pending.values()]) if (upload.touchedMs < cutoffMs) this.discard(upload);
    const root = join(this.dataDir, 'uploads');
    for (const incidentDir of listDir(root)) {
      for (const id of listDir(join(root, incidentDir))) {
        const folder = join(root, incidentDir, id);
        if (!this.pending.has(id) && mtimeMs(folder) < cutoffMs) rmSync(folder, { recursive: true, force: true });
      }
    }
  }

  private get(incidentPath: string, id: string): PendingUpload {
    const upload = this.pending.get(id);
    if (upload === undefined || upload.incidentPath !== incidentPath) {
      throw new ApiError('not_found', `There is no upload ${id} for this incident (it was imported, dropped, or left unfinished too long); drop the file again.`);
    }
    return upload;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function formatMiB(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MiB`;
}
