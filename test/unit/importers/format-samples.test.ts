import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/importers/registry';

const cases = FORMATS.flatMap((format) => format.samples.map((sample) => ({ format, sample, name: `${format.name}: ${sample.description}` })));

describe('every sample line of every format', () => {
  it.each(cases)('$name', ({ format, sample }) => {
    const result = format.createParser()(sample.line);
    if ('unparsedReason' in sample.expected) {
      expect(result).toBe(sample.expected.unparsedReason);
      return;
    }
    expect(typeof result, `expected an event, got the reason: ${String(result)}`).toBe('object');
    if (typeof result === 'string') return;
    const { attrs, ...fields } = sample.expected.event;
    expect(result).toMatchObject(fields);
    if (attrs !== undefined) expect(JSON.parse(result.attrsJson)).toEqual(attrs);
  });

  it('each format has samples of events and of unparsed lines', () => {
    for (const format of FORMATS) {
      expect(format.samples.some((s) => 'event' in s.expected), format.name).toBe(true);
      expect(format.samples.some((s) => 'unparsedReason' in s.expected), format.name).toBe(true);
    }
  });

  it('each format is confident about its own event samples', () => {
    for (const format of FORMATS) {
      const lines = format.samples.filter((s) => 'event' in s.expected).map((s) => s.line);
      expect(format.sniff(lines), format.name).toBe(1);
    }
  });
});
