import { describe, expect, it } from 'vitest';
import { CONTINUATION, JOINS_NEXT, type LineParser, type ParsedEvent } from '../../../src/importers/format';
import { lineBlockOf, ORPHAN_CONTINUATION_REASON, parseLines, RecordPacker, UNFINISHED_RECORD_REASON } from '../../../src/importers/record-packer';
import type { ParsedBatch } from '../../../src/importers/file-parse';

function event(message: string): ParsedEvent {
  return { tsMs: 1_700_000_000_000, tsSubNs: 0, endMs: null, host: null, service: null, level: 'info', kind: null, message, attrsJson: '{}' };
}

/** Lines starting "E" are events, "+" continue the event before, "<" join the next record, others are unparsed. */
const parse: LineParser = (line) => {
  if (line.startsWith('E')) return event(line);
  if (line.startsWith('+')) return CONTINUATION;
  if (line.startsWith('<')) return JOINS_NEXT;
  return 'not an event';
};


/** Every record of the batches as [first line, last line, raw]. */
function ranges(batches: (ParsedBatch | null)[]): [number, number, string][] {
  const out: [number, number, string][] = [];
  for (const batch of batches) {
    if (batch === null) continue;
    let line = batch.firstLineNumber;
    for (let i = 0; i < batch.recordCount; i++) {
      const count = batch.recordLineCounts[i]!;
      out.push([line, line + count - 1, batch.text.slice(batch.lineStarts[i], batch.lineEnds[i])]);
      line += count;
    }
  }
  return out;
}

describe('multi-line records', () => {
  it('joins continuation lines to the event before them, message and raw text included', () => {
    const records = parseLines(['E1 failed', '+ at a', '+ at b', 'E2 ok'], parse);
    expect(records.map((r) => r.lineCount)).toEqual([3, 1]);
    expect(records[0]!.raw).toBe('E1 failed\n+ at a\n+ at b');
    expect((records[0]!.result as ParsedEvent).message).toBe('E1 failed\n+ at a\n+ at b');
  });

  it('keeps a continuation with no event before it (or after an unparsed line) as unparsed', () => {
    const records = parseLines(['+ orphan', 'junk', '+ after junk', 'E1', '', '+ after blank'], parse);
    expect(records.map((r) => [r.lineCount, r.result])).toEqual([
      [1, ORPHAN_CONTINUATION_REASON],
      [1, 'not an event'],
      [1, ORPHAN_CONTINUATION_REASON],
      [1, expect.objectContaining({ message: 'E1' })],
      [1, 'blank line'],
      [1, ORPHAN_CONTINUATION_REASON],
    ]);
  });

  it('joins lines marked "joins next" to the record the next line closes, and reports one left open at the end', () => {
    const records = parseLines(['<a', '<b', 'E closes', '<c'], parse);
    expect(records.map((r) => [r.lineCount, typeof r.result === 'string' ? r.result : r.result.message])).toEqual([
      [3, 'E closes'],
      [1, UNFINISHED_RECORD_REASON],
    ]);
    expect(records[0]!.raw).toBe('<a\n<b\nE closes');
  });

  it('keeps an entry whole across read blocks, with exact line ranges', () => {
    const packer = new RecordPacker(parse);
    const batches = [
      packer.pack(lineBlockOf(['E1', '+ a'], 1)),
      packer.pack(lineBlockOf(['+ b', '+ c'], 3)),
      packer.pack(lineBlockOf(['+ d', 'E2', 'x'], 5)),
      packer.pack(lineBlockOf(['<q', '<r'], 8)),
      packer.pack(lineBlockOf(['E3'], 10)),
      packer.finish(0),
    ];
    expect(batches[1]).toBeNull();
    expect(ranges(batches)).toEqual([
      [1, 5, 'E1\n+ a\n+ b\n+ c\n+ d'],
      [6, 6, 'E2'],
      [7, 7, 'x'],
      [8, 10, '<q\n<r\nE3'],
    ]);
    const lineTotal = batches.reduce((sum, b) => sum + (b?.lineCount ?? 0), 0);
    expect(lineTotal).toBe(10);
  });
});
