/** Collects log lines with their time and writes them, in time order, in buffered chunks. */
import { open } from 'node:fs/promises';

const CHUNK_CHARS = 1 << 20;

/** Lines of one output file, kept with a numeric sort key (the line's time in the file's own unit). */
export class LogBuffer {
  private readonly keys: number[] = [];
  private readonly lines: string[] = [];

  /** Adds a line; lines with equal keys keep the order they were added in. */
  push(sortKey: number, line: string): void {
    this.keys.push(sortKey);
    this.lines.push(line);
  }

  /** Number of lines collected. */
  get size(): number {
    return this.lines.length;
  }

  /** The lines ordered by key (stable). */
  sorted(): string[] {
    const order = Array.from(this.keys.keys());
    order.sort((a, b) => this.keys[a]! - this.keys[b]! || a - b);
    return order.map((i) => this.lines[i]!);
  }
}

/** Writes `lines` (each followed by a newline) to `path` in chunks of about a mebibyte; returns the bytes written. */
export async function writeLines(path: string, lines: readonly string[]): Promise<number> {
  const file = await open(path, 'w');
  let bytes = 0;
  try {
    let chunk: string[] = [];
    let chunkChars = 0;
    for (const line of lines) {
      chunk.push(line);
      chunkChars += line.length + 1;
      if (chunkChars >= CHUNK_CHARS) {
        bytes += (await file.write(chunk.join('\n') + '\n')).bytesWritten;
        chunk = [];
        chunkChars = 0;
      }
    }
    if (chunk.length > 0) bytes += (await file.write(chunk.join('\n') + '\n')).bytesWritten;
  } finally {
    await file.close();
  }
  return bytes;
}

/** ISO 8601 UTC with milliseconds, e.g. `2026-11-10T14:00:03.120Z`. */
export function isoMs(tsMs: number): string {
  return new Date(tsMs).toISOString();
}

/** `HH:MM:SS` in UTC, for messages. */
export function clockUtc(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(11, 19);
}
