import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../src/importers/format';
import { jsonLinesFormat } from '../../../src/importers/formats/json-lines';

function parseEvent(line: string): ParsedEvent {
  const result = jsonLinesFormat.createParser()(line);
  if (typeof result !== 'object') throw new Error(`expected an event, got "${String(result)}"`);
  return result;
}

describe('json-lines attrs text', () => {
  const attrs: Record<string, unknown> = {
    quote: 'say "hi"',
    backslash: 'C:\\temp',
    control: 'tab\there\nnewline\u0001',
    unicode: 'café ✓ 日本 😀',
    lineSeparator: 'a\u2028b',
    loneSurrogate: 'x\ud800y',
    'key "quoted"': 1,
    negativeZero: -0,
    big: 1e21,
    small: 1.5e-7,
    flag: false,
    nothing: null,
    nested: { list: [1, 'two', { three: 3 }], empty: {} },
    '10': 'integer-like keys come first, as in JSON.stringify',
  };

  it('is exactly what JSON.stringify gives for the unmapped fields, escapes included', () => {
    const event = parseEvent(JSON.stringify({ ts: '2024-05-02T10:00:00Z', msg: 'm', ...attrs }));
    expect(event.attrsJson).toBe(JSON.stringify(attrs));
    expect(JSON.parse(event.attrsJson)).toEqual(JSON.parse(JSON.stringify(attrs)));
  });

  it('is {} when every field was mapped', () => {
    expect(parseEvent('{"ts":"2024-05-02T10:00:00Z","msg":"m","level":"info"}').attrsJson).toBe('{}');
  });
});

describe('json-lines times without a zone', () => {
  const berlin = { timeZone: 'Europe/Berlin', year: null, fileModifiedMs: null };
  const parseIn = (line: string): ParsedEvent => {
    const result = jsonLinesFormat.createParser(berlin)(line);
    if (typeof result !== 'object') throw new Error(`expected an event, got "${String(result)}"`);
    return result;
  };

  it('reads a naive ISO time in the source zone (--tz), summer and winter offsets both right', () => {
    expect(parseIn('{"time":"2024-05-02 12:15:30.500","msg":"summer"}').tsMs).toBe(Date.UTC(2024, 4, 2, 10, 15, 30, 500));
    expect(parseIn('{"time":"2024-01-15T12:00:00","msg":"winter"}').tsMs).toBe(Date.UTC(2024, 0, 15, 11, 0, 0));
  });

  it('leaves times that state their zone, and epoch values, as written', () => {
    expect(parseIn('{"time":"2024-05-02T12:15:30Z","msg":"z"}').tsMs).toBe(Date.UTC(2024, 4, 2, 12, 15, 30));
    expect(parseIn('{"time":"2024-05-02T12:15:30-04:00","msg":"offset"}').tsMs).toBe(Date.UTC(2024, 4, 2, 16, 15, 30));
    expect(parseIn('{"ts":"1714652130000","msg":"epoch string"}').tsMs).toBe(1714652130000);
    expect(parseIn('{"ts":1714652130.25,"msg":"epoch number"}').tsMs).toBe(1714652130250);
  });
});
