import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DocumentFormatDefinition, DocumentParse } from '../../../src/importers/format';
import { detectFormat, FORMATS } from '../../../src/importers/registry';

const DOCUMENT_FORMATS = FORMATS.filter((format): format is DocumentFormatDefinition => format.kind === 'document');
const cases = DOCUMENT_FORMATS.flatMap((format) => format.samples.map((sample) => ({ format, sample, name: `${format.name}: ${sample.description}` })));

/** Lines covered by events and unparsed records: every line at least once, no line in both, unparsed never overlapping. */
function expectEveryLineAccounted(parse: DocumentParse): void {
  const inEvent = new Set<number>();
  const inUnparsed = new Set<number>();
  for (const event of parse.events) for (let line = event.lineStart; line <= event.lineEnd; line++) inEvent.add(line);
  for (const u of parse.unparsed) {
    for (let line = u.lineStart; line <= u.lineEnd; line++) {
      expect(inUnparsed.has(line), `line ${line} in two unparsed records`).toBe(false);
      inUnparsed.add(line);
    }
  }
  for (let line = 1; line <= parse.lineCount; line++) {
    expect(inEvent.has(line) !== inUnparsed.has(line), `line ${line}: in an event ${inEvent.has(line)}, unparsed ${inUnparsed.has(line)}`).toBe(true);
  }
}

describe('every sample document of every document format', () => {
  it.each(cases)('$name', ({ format, sample }) => {
    const parse = format.parseDocument(sample.document, sample.fileName ?? 'sample.json');
    expect(parse.lineCount).toBe(sample.document.split('\n').length);
    expectEveryLineAccounted(parse);
    expect(parse.events).toHaveLength(sample.expected.events.length);
    sample.expected.events.forEach(({ attrs, ...fields }, index) => {
      const event = parse.events[index]!;
      expect(event).toMatchObject(fields);
      if (attrs !== undefined) expect(JSON.parse(event.attrsJson)).toEqual(attrs);
      expect(sample.document).toContain(event.raw);
      // A YAML document's events carry their element's YAML lines; a JSON document's, the element's JSON.
      if (/\.ya?ml$/.test(sample.fileName ?? '')) expect(() => parseYaml(event.raw) as unknown).not.toThrow();
      else expect(() => JSON.parse(event.raw) as unknown).not.toThrow();
    });
    expect(parse.unparsed).toHaveLength(sample.expected.unparsed?.length ?? 0);
    sample.expected.unparsed?.forEach((expected, index) => expect(parse.unparsed[index]).toMatchObject(expected));
  });

  it('each document format has samples with events and with unparsed lines', () => {
    for (const format of DOCUMENT_FORMATS) {
      expect(format.samples.some((s) => s.expected.events.length > 0), format.name).toBe(true);
      expect(format.samples.some((s) => (s.expected.unparsed?.length ?? 0) > 0), format.name).toBe(true);
    }
  });

  it('sniffing picks each document format for its own samples with events', () => {
    for (const format of DOCUMENT_FORMATS) {
      for (const sample of format.samples.filter((s) => s.expected.events.length > 0)) {
        expect(detectFormat(sample.document.split('\n'))?.name, `${format.name}: ${sample.description}`).toBe(format.name);
      }
    }
  });

  it('a document that is not JSON is unparsed line by line with the error position', () => {
    const format = DOCUMENT_FORMATS.find((f) => f.name === 'grafana-annotations')!;
    const parse = format.parseDocument('[\n  {"time": 1714644900000, "text": "a"\n  {"time": 1714644901000}\n]\n', 'x.json');
    expect(parse.events).toEqual([]);
    expect(parse.unparsed.map((u) => [u.lineStart, u.lineEnd])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(parse.unparsed[0]!.reason).toBe("invalid JSON: Expected ',' or '}' after property value but found '{' at line 3 column 3");
    expect(parse.unparsed[2]!.raw).toBe('  {"time": 1714644901000}');
  });

  it('valid JSON with no events is one unparsed record over the whole file', () => {
    const format = DOCUMENT_FORMATS.find((f) => f.name === 'kubernetes-events')!;
    const parse = format.parseDocument('{\r\n  "kind": "List",\r\n  "items": []\r\n}\r\n', 'empty.json');
    expect(parse.events).toEqual([]);
    expect(parse.unparsed).toEqual([{ lineStart: 1, lineEnd: 4, raw: '{\r\n  "kind": "List",\r\n  "items": []\r\n}', reason: expect.stringMatching(/no Kubernetes Event objects/) as unknown }]);
  });
});
