/**
 * Standard input as an importable file: `hindsight import incident.hindsight -` copies stdin to a
 * private temporary file first (so memory stays flat, and sniffing and parsing read it like any file),
 * then imports it as one source named `stdin`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The path argument that stands for standard input. */
export const STDIN_PATH = '-';

/** The source name (and path) standard input is imported under. */
export const STDIN_SOURCE_NAME = 'stdin';

/** A spooled copy of a stream: where it is, how big, and how to delete it. */
export interface SpooledInput {
  readPath: string;
  sizeBytes: number;
  cleanup(): Promise<void>;
}

/** Copies `input` (until it ends) into a temporary file. */
export async function spoolInput(input: Readable): Promise<SpooledInput> {
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-stdin-'));
  const readPath = join(dir, 'stdin');
  await pipeline(input, createWriteStream(readPath));
  return { readPath, sizeBytes: (await stat(readPath)).size, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
