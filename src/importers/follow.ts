/**
 * Live follow: keeps reading files (and new files in followed folders) that are still being written
 * during an incident. Each followed file is first imported (or resumed, or grown) like any path; after
 * that a poll every {@link FOLLOW_POLL_MS} reads its new complete lines into the same source.
 * Rotation (the file renamed away and a new one created) is noticed by a changed inode: the old file is
 * read to its end through the descriptor kept open, its source completed, and the new file becomes a new
 * source. Truncation in place (copytruncate) is noticed by the size shrinking below what was read, or by
 * the file's first bytes changing (new content may already be longer than the old): the source is
 * completed and the file's new content becomes a new source.
 * NOTE: polling (a stat per file) rather than file-system events: it sees rotation, truncation and
 * network file systems the same way, and 250 ms keeps new lines on the timeline within a second.
 * While a file is followed its source is `importing`; stopping completes it, and a process killed while
 * following leaves it `importing`, so importing the path again resumes it.
 * Naive times are read in the zone given when following started (else the machine's), and year-less
 * ones from the given year (resume.ts tailParserOptions); document formats are parsed again whole when
 * they grow (document-tail.ts).
 */
import { closeSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncidentDb } from '../store/incident-db';
import { SourceWriter } from '../store/source-writer';
import { isArchivePath } from './archive-extract';
import { importPaths } from './import-paths';
import { hashFile } from './line-reader';
import { tailFor } from './resume';
import type { SourceTail } from './tail-reader';

/** How often followed files are checked for new lines, in ms. */
export const FOLLOW_POLL_MS = 250;

/** A followed path as the API reports it. */
export interface FollowedPath {
  path: string;
  isFolder: boolean;
  /** Files being read (one for a file; those found so far for a folder). */
  fileCount: number;
  /** When a followed file last gave new lines (epoch ms), or null when none has since following started. */
  lastLineAtMs: number | null;
}

/** How followed files are read: as `import --tz/--year` (ImportOptions). */
export interface FollowOptions {
  /** IANA zone for times written without one; the machine's zone when absent. */
  timeZone?: string;
  /** Year for timestamps written without one; inferred from each file's date when absent. */
  year?: number;
}

interface TrackedFile {
  path: string;
  fd: number;
  inode: number;
  writer: SourceWriter;
  reader: SourceTail;
  /** The options of the followed root the file is under. */
  options: FollowOptions;
  lastLineAtMs: number | null;
  /** The file's first bytes when following started, to notice a truncation that new lines already outgrew. */
  head: Buffer;
}

/** Bytes compared to notice that a file was truncated and rewritten. */
const HEAD_BYTES = 256;

function readHead(fd: number): Buffer {
  const head = Buffer.alloc(HEAD_BYTES);
  return head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0));
}

/** Follows paths into one incident; `onAppended` is called after a poll that wrote new lines. */
export class Follower {
  private readonly roots = new Map<string, { isFolder: boolean; options: FollowOptions }>();
  private readonly files = new Map<string, TrackedFile>();
  private readonly starting = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private isPolling = false;

  constructor(
    /** The incident the followed lines are written to. */
    readonly incident: IncidentDb,
    private readonly onAppended: () => void,
    private readonly pollMs = FOLLOW_POLL_MS,
  ) {}

  /** Starts following `path` (a file or a folder); its current content is imported first. */
  async follow(path: string, options: FollowOptions = {}): Promise<FollowedPath[]> {
    const absolute = resolve(path);
    const isFolder = statSync(absolute).isDirectory();
    this.roots.set(absolute, { isFolder, options });
    for (const file of this.filesOf(absolute, isFolder)) await this.startFile(file, options);
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
    return this.list();
  }

  /** Stops following `path` (or everything, when omitted), completing the sources being read. */
  async unfollow(path?: string): Promise<FollowedPath[]> {
    const absolute = path === undefined ? null : resolve(path);
    for (const root of [...this.roots.keys()]) if (absolute === null || root === absolute) this.roots.delete(root);
    for (const file of [...this.files.values()]) if (!this.isCovered(file.path)) await this.stopFile(file, true);
    if (this.roots.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    return this.list();
  }

  /** Stops following everything (e.g. when the incident closes); the sources being read are completed. */
  async stop(): Promise<void> {
    await this.unfollow();
  }

  /** The paths being followed. */
  list(): FollowedPath[] {
    return [...this.roots].map(([path, { isFolder }]) => {
      const files = [...this.files.values()].filter((file) => file.path === path || file.path.startsWith(`${path}/`));
      const times = files.map((file) => file.lastLineAtMs).filter((t): t is number => t !== null);
      return { path, isFolder, fileCount: files.length, lastLineAtMs: times.length > 0 ? Math.max(...times) : null };
    });
  }

  /** Reads every followed file's new lines now (the poll does this on its own; tests and shutdown call it). */
  async poll(): Promise<void> {
    if (this.isPolling) return;
    this.isPolling = true;
    let linesRead = 0;
    try {
      for (const [root, { isFolder, options }] of this.roots) {
        for (const file of this.filesOf(root, isFolder)) if (!this.files.has(file)) await this.startFile(file, options, true);
      }
      for (const file of [...this.files.values()]) linesRead += await this.pollFile(file);
    } finally {
      this.isPolling = false;
    }
    if (linesRead > 0) this.onAppended();
  }

  private async pollFile(file: TrackedFile): Promise<number> {
    const stats = statOrNull(file.path);
    const rotated = stats === null || stats.ino !== file.inode;
    const truncated = stats !== null && !rotated && (stats.size < (file.reader.bytesDone ?? 0) || !readHead(file.fd).subarray(0, file.head.length).equals(file.head));
    if (truncated) {
      await this.stopFile(file, false);
      await this.startFile(file.path, file.options, true);
      return 1;
    }
    if (!rotated && stats.size === file.reader.bytesDone) return 0;
    const { linesRead } = await file.reader.readNew(rotated);
    if (linesRead > 0) file.lastLineAtMs = Date.now();
    if (!rotated) return linesRead;
    await this.stopFile(file, true);
    if (stats !== null) await this.startFile(file.path, file.options, true);
    return linesRead + 1;
  }

  /** Starts reading a file; `isNew` when it appeared (or was recreated) while followed, so its lines count as new. */
  private async startFile(path: string, options: FollowOptions, isNew = false): Promise<void> {
    if (this.files.has(path) || this.starting.has(path)) return;
    this.starting.add(path);
    try {
      const fd = openSync(path, 'r');
      // NOTE: a last line without a newline is left for the tail, which reads it once it is complete.
      const summary = await importPaths(this.incident, [path], { ...options, holdUnterminatedLine: true });
      const sourceId = summary.sources[0]?.sourceId;
      if (sourceId === undefined) {
        closeSync(fd);
        return;
      }
      const row = this.incident.db.prepare('SELECT format, lines_done, bytes_done, size_bytes, content_hash FROM sources WHERE id = ?').get(sourceId) as {
        format: string;
        lines_done: number;
        bytes_done: number | null;
        size_bytes: number;
        content_hash: string | null;
      };
      const writer = SourceWriter.resume(this.incident, sourceId);
      const source = { sourceId, format: row.format, linesDone: row.lines_done, bytesDone: row.bytes_done, sizeBytes: row.size_bytes, contentHash: row.content_hash };
      const reader = tailFor(this.incident, source, writer, path, options, fd);
      this.files.set(path, { path, fd, inode: statSync(path).ino, writer, reader, options, lastLineAtMs: isNew && summary.sources[0]!.lines > 0 ? Date.now() : null, head: readHead(fd) });
      this.onAppended();
    } finally {
      this.starting.delete(path);
    }
  }

  /** Completes the file's source; `isWhole` when the file still holds every line read (not truncated). */
  private async stopFile(file: TrackedFile, isWhole: boolean): Promise<void> {
    this.files.delete(file.path);
    // A last line still without a newline is taken as it is: nothing will be read from this file after this.
    if (isWhole) await file.reader.readNew(true);
    const sizeBytes = file.reader.bytesDone ?? 0;
    const hash = isWhole && statOrNull(file.path)?.ino === file.inode ? await hashFile(file.path).catch(() => null) : null;
    file.writer.finish(hash ?? `followed:${file.inode}:${sizeBytes}`, file.reader.linesDone, sizeBytes, file.reader.bytesDone);
    closeSync(file.fd);
  }

  private isCovered(path: string): boolean {
    for (const [root, { isFolder }] of this.roots) if (root === path || (isFolder && path.startsWith(`${root}/`))) return true;
    return false;
  }

  private filesOf(root: string, isFolder: boolean): string[] {
    if (!isFolder) return statOrNull(root) === null ? [] : [root];
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name.includes('.hindsight')) continue;
        const child = join(dir, entry.name);
        if (entry.isDirectory()) walk(child);
        else if (entry.isFile() && !isArchivePath(child) && !/\.gz$/i.test(child)) found.push(child);
      }
    };
    walk(root);
    return found.sort();
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
