import { describe, expect, it } from 'vitest';
import type { FormatSample, LineFormatDefinition, ParserOptions } from '../../../src/importers/format';
import { parseLines } from '../../../src/importers/record-packer';
import { detectFormat, FORMATS } from '../../../src/importers/registry';

/** Line formats; document formats' samples run in document-samples.test.ts. */
const LINE_FORMATS = FORMATS.filter((format): format is LineFormatDefinition => format.kind !== 'document');

const cases = LINE_FORMATS.flatMap((format) => format.samples.map((sample) => ({ format, sample, name: `${format.name}: ${sample.description}` })));

/** Sample options: UTC and the year 2024 unless the sample says otherwise. */
function optionsOf(sample: FormatSample): ParserOptions {
  return { timeZone: 'UTC', year: 2024, fileModifiedMs: null, ...sample.options };
}

describe('every sample line of every line format', () => {
  it.each(cases)('$name', ({ format, sample }) => {
    const lines = sample.line.split('\n');
    const records = parseLines(lines, format.createParser(optionsOf(sample)));
    // The expectation is about the last record; any before it (a header) must be unparsed.
    const last = records.at(-1)!;
    for (const record of records.slice(0, -1)) expect(typeof record.result, `record before the last: ${record.raw}`).toBe('string');
    expect(records.reduce((sum, r) => sum + r.lineCount, 0)).toBe(lines.length);
    if ('unparsedReason' in sample.expected) {
      expect(last.result).toBe(sample.expected.unparsedReason);
      return;
    }
    expect(typeof last.result, `expected an event, got the reason: ${String(last.result)}`).toBe('object');
    if (typeof last.result === 'string') return;
    const { attrs, ...fields } = sample.expected.event;
    expect(last.result).toMatchObject(fields);
    if (attrs !== undefined) expect(JSON.parse(last.result.attrsJson)).toEqual(attrs);
  });

  it('each format has samples of events and of unparsed lines', () => {
    for (const format of LINE_FORMATS) {
      expect(format.samples.some((s) => 'event' in s.expected), format.name).toBe(true);
      expect(format.samples.some((s) => 'unparsedReason' in s.expected), format.name).toBe(true);
    }
  });

  it('sniffing picks each format for its own event samples', () => {
    for (const format of LINE_FORMATS) {
      const samples = format.samples.filter((s) => 'event' in s.expected && !s.line.startsWith('Log file created'));
      for (const sample of samples) expect(detectFormat(sample.line.split('\n'))?.name, `${format.name}: ${sample.description}`).toBe(format.name);
    }
  });
});
