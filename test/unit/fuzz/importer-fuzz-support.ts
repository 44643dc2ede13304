/**
 * Shared pieces of the importer fuzz tests and scripts/fuzz-importers.mjs: inputs that break parsers
 * (built from every registered format's own samples, so a new format is fuzzed without changes here),
 * and the accounting check every import must pass.
 */
import fc from 'fast-check';
import { FORMATS } from '../../../src/importers/registry';
import type { IncidentDb } from '../../../src/store/incident-db';

/** The sample text of every registered format (line samples and whole documents). */
export function sampleTexts(): string[] {
  return FORMATS.flatMap((format) => format.samples.map((sample) => ('line' in sample ? sample.line : sample.document)));
}

const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x28, 0x8c, 0xbc]), Buffer.from([0xed, 0xa0, 0x80])];

/** JSON nested `depth` levels deep, the shape that overflows recursive parsers. */
export function deeplyNestedJson(depth: number): string {
  return `{"ts":"2026-11-10T14:00:00Z","msg":"deep","attrs":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** Bytes a log file might hold when something went wrong: random, truncated, mis-encoded, NUL-filled. */
export function hostileFile(): fc.Arbitrary<Buffer> {
  const samples = sampleTexts();
  const sampleFile = fc.array(fc.constantFrom(...samples), { minLength: 1, maxLength: 20 }).map((lines) => Buffer.from(lines.join('\n'), 'utf8'));
  const mutated = fc
    .tuple(sampleFile, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8, Buffer.from([0]), Buffer.from('\r'), Buffer.from('\n\n'), Buffer.from('"'))), { maxLength: 8 }))
    .map(([file, insertions]) => {
      let bytes = file;
      for (const [at, insert] of insertions) {
        const offset = at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, offset), insert, bytes.subarray(offset)]);
      }
      return bytes;
    });
  const truncated = fc.tuple(sampleFile, fc.nat()).map(([file, cut]) => file.subarray(0, cut % (file.length + 1)));
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ unit: 'binary', maxLength: 2000 }).map((text) => Buffer.from(text, 'utf8')),
    sampleFile,
    mutated,
    truncated,
    fc.integer({ min: 1, max: 20_000 }).map((depth) => Buffer.from(deeplyNestedJson(depth))),
  );
}

/** One source's line accounting: every line in an event's line range or an unparsed record, never both. */
export interface SourceAccount {
  path: string;
  format: string;
  status: string;
  lines: number;
  /** Lines in no event and no unparsed record (should be 0). */
  uncoveredLines: number;
  /** Lines in both an event and an unparsed record (should be 0). */
  doublyCoveredLines: number;
  /** Ranges that point past the end of the file (should be 0). */
  outOfRange: number;
}

interface Range {
  line_start: number;
  line_end: number;
}

/** Reads the line accounting of every source of an incident (meant for the small files the fuzzer writes). */
export function accountSources(incident: IncidentDb): SourceAccount[] {
  const sources = incident.db.prepare('SELECT id, path, format, status, line_count AS lines FROM sources ORDER BY id').all() as {
    id: number;
    path: string;
    format: string;
    status: string;
    lines: number;
  }[];
  const eventRanges = incident.db.prepare('SELECT line_start, line_end FROM events WHERE source_id = ?');
  const unparsedRanges = incident.db.prepare('SELECT line_start, line_end FROM unparsed WHERE source_id = ?');
  return sources.map(({ id, ...source }) => {
    const inEvent = new Uint8Array(source.lines + 2);
    const inUnparsed = new Uint8Array(source.lines + 2);
    let outOfRange = 0;
    const mark = (ranges: Range[], into: Uint8Array): void => {
      for (const range of ranges) {
        if (range.line_start < 1 || range.line_end > source.lines || range.line_end < range.line_start) outOfRange += 1;
        for (let line = Math.max(1, range.line_start); line <= Math.min(source.lines, range.line_end); line++) into[line] = 1;
      }
    };
    mark(eventRanges.all(id) as Range[], inEvent);
    mark(unparsedRanges.all(id) as Range[], inUnparsed);
    let uncoveredLines = 0;
    let doublyCoveredLines = 0;
    for (let line = 1; line <= source.lines; line++) {
      if (!inEvent[line] && !inUnparsed[line]) uncoveredLines += 1;
      if (inEvent[line] && inUnparsed[line]) doublyCoveredLines += 1;
    }
    return { ...source, uncoveredLines, doublyCoveredLines, outOfRange };
  });
}
