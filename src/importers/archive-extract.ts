/**
 * Unpacks zip and tar.gz (.tgz, .tar) archives entry by entry into a private temporary folder, so each
 * entry is imported like a file and becomes a source named `archive.zip!path/inside.log`.
 * Refused, with one sentence each (counted in the import summary, never a crash): entries whose names
 * climb out of the archive (`..`, absolute paths), links, encrypted entries, and anything that looks like
 * a decompression bomb (a compression ratio over {@link ArchiveLimits.maxRatio} past
 * {@link ArchiveLimits.ratioFloorBytes}, or more than {@link ArchiveLimits.maxTotalBytes} unpacked).
 * NOTE: entries are written under numbered file names, never under their own names, so no entry name
 * reaches the file system; gzip entries stay compressed (the line reader unpacks them).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import * as yauzl from 'yauzl';
import type { RefusedInput } from '../model/incident';

/** Safety limits for unpacking; the defaults suit logs (which compress 5–50×). */
export interface ArchiveLimits {
  /** Largest unpacked-to-packed ratio accepted once an entry (zip) or the archive (tar) passes ratioFloorBytes. */
  maxRatio: number;
  /** Unpacked bytes below which the ratio is not checked (small files compress absurdly well too). */
  ratioFloorBytes: number;
  /** Most unpacked bytes taken from one archive. */
  maxTotalBytes: number;
}

/** Default {@link ArchiveLimits}: ratio 200 past 16 MiB; 16 GiB in all. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxRatio: 200, ratioFloorBytes: 16 << 20, maxTotalBytes: 16 * 2 ** 30 };

/** One unpacked entry: where its bytes are now, and the source name and path it is imported under. */
export interface ArchiveEntryFile {
  readPath: string;
  /** `archive.zip!path/inside.log` */
  name: string;
  /** The archive's absolute path, `!`, the entry's path: identifies the source for resume and re-import. */
  path: string;
  sizeBytes: number;
}

/** What unpacking an archive gave: its entries, what was refused, and how to delete the unpacked copies. */
export interface UnpackedArchive {
  entries: ArchiveEntryFile[];
  refused: RefusedInput[];
  cleanup(): Promise<void>;
}

/** True when the path names an archive this module unpacks (by its name). */
export function isArchivePath(path: string): boolean {
  return /\.(zip|tgz|tar\.gz|tar)$/i.test(path);
}

/** Unpacks the archive at `archivePath` (absolute) into a new temporary folder. */
export async function unpackArchive(archivePath: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<UnpackedArchive> {
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-archive-'));
  const unpacked: UnpackedArchive = { entries: [], refused: [], cleanup: () => rm(dir, { recursive: true, force: true }) };
  try {
    if (/\.zip$/i.test(archivePath)) await unpackZip(archivePath, dir, limits, unpacked);
    else await unpackTar(archivePath, dir, limits, unpacked);
  } catch (err) {
    unpacked.refused.push({ path: archivePath, reason: `${basename(archivePath)} could not be unpacked (${(err as Error).message}); check it is a complete archive.` });
  }
  return unpacked;
}

/** The reason an entry name is unsafe, or null when it stays inside the archive. */
export function unsafeEntryNameReason(name: string): string | null {
  const normal = name.replace(/\\/g, '/');
  if (normal.startsWith('/') || /^[a-zA-Z]:/.test(normal)) return 'its name is an absolute path, so it was refused';
  if (normal.split('/').includes('..')) return 'its name climbs out of the archive with "..", so it was refused';
  if (normal.includes('\0')) return 'its name contains a NUL byte, so it was refused';
  return null;
}

async function unpackZip(archivePath: string, dir: string, limits: ArchiveLimits, out: UnpackedArchive): Promise<void> {
  const zip = await yauzl.openPromise(archivePath, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  let totalBytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      if (name.endsWith('/')) continue;
      const label = `${basename(archivePath)}!${name}`;
      const refuse = (reason: string): void => {
        out.refused.push({ path: label, reason: `${label} was not imported: ${reason}.` });
      };
      const unsafe = unsafeEntryNameReason(name);
      if (unsafe !== null) refuse(unsafe);
      else if (entry.isEncrypted()) refuse('it is encrypted');
      else if (isBomb(entry.uncompressedSize, entry.compressedSize, limits)) {
        refuse(`it would unpack ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× its packed size, which looks like a decompression bomb`);
      } else if (totalBytes + entry.uncompressedSize > limits.maxTotalBytes) refuse(`the archive unpacks to more than ${formatGiB(limits.maxTotalBytes)}`);
      else {
        const readPath = join(dir, String(out.entries.length));
        const stream = await zip.openReadStreamPromise(entry);
        await pipeline(stream, createWriteStream(readPath));
        totalBytes += entry.uncompressedSize;
        out.entries.push({ readPath, name: label, path: `${archivePath}!${posix.normalize(name)}`, sizeBytes: entry.uncompressedSize });
      }
    }
  } finally {
    zip.close();
  }
}

async function unpackTar(archivePath: string, dir: string, limits: ArchiveLimits, out: UnpackedArchive): Promise<void> {
  const file = createReadStream(archivePath);
  let packedBytes = 0;
  file.on('data', (chunk) => (packedBytes += chunk.length));
  const isGzip = !/\.tar$/i.test(archivePath);
  const extract = tar.extract();
  const input: Readable = isGzip ? file.pipe(createGunzip()) : file;
  file.on('error', (err) => extract.destroy(err));
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract);
  let totalBytes = 0;
  try {
    for await (const entry of extract) {
      const { name, type, size = 0 } = entry.header;
      const label = `${basename(archivePath)}!${name}`;
      const refuse = (reason: string): void => {
        out.refused.push({ path: label, reason: `${label} was not imported: ${reason}.` });
      };
      const unsafe = unsafeEntryNameReason(name);
      if (type === 'directory') entry.resume();
      else if (unsafe !== null || type !== 'file') {
        refuse(unsafe ?? `it is a ${type ?? 'special entry'}, not a file`);
        entry.resume();
      } else if (totalBytes + size > limits.maxTotalBytes) {
        refuse(`the archive unpacks to more than ${formatGiB(limits.maxTotalBytes)}`);
        break;
      } else {
        const readPath = join(dir, String(out.entries.length));
        let isRefused = false;
        const guard = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            totalBytes += chunk.length;
            if (isBomb(totalBytes, packedBytes, limits)) {
              isRefused = true;
              done(new Error('bomb'));
            } else done(null, chunk);
          },
        });
        try {
          await pipeline(entry, guard, createWriteStream(readPath));
        } catch (err) {
          if (!isRefused) throw err;
          refuse(`the archive unpacks to over ${limits.maxRatio}× its packed size, which looks like a decompression bomb`);
          break;
        }
        out.entries.push({ readPath, name: label, path: `${archivePath}!${posix.normalize(name)}`, sizeBytes: size });
      }
    }
  } finally {
    extract.destroy();
    file.destroy();
  }
}

function isBomb(unpackedBytes: number, packedBytes: number, limits: ArchiveLimits): boolean {
  return unpackedBytes > limits.ratioFloorBytes && unpackedBytes > limits.maxRatio * Math.max(1, packedBytes);
}

function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(0)} GiB`;
}
