import { describe, expect, it } from 'vitest';
import type { EventSummary, UnparsedLine } from '../../../src/model/event';
import { mergeRows, playheadRowIndex, unparsedLabel } from '../../../renderer/panels/event-rows';
import { defaultIncidentFileName, formatBytes, formatCount, formatUtcDateTime, formatUtcTime } from '../../../renderer/timeline/format-time';
import { parseUtcTime } from '../../../renderer/timeline/parse-time';
import { playheadForKey } from '../../../renderer/timeline/playhead-keys';

function event(id: number, tsMs: number): EventSummary {
  return { id, sourceId: 1, tsMs, tsSubNs: 0, endMs: null, host: 'h', service: 's', level: 'info', kind: null, message: `m${id}` };
}

function unparsed(id: number, contextTsMs: number | null): UnparsedLine {
  return { id, sourceId: 2, lineStart: 7, lineEnd: 7, raw: '??', reason: 'no timestamp', contextTsMs };
}

describe('formatting', () => {
  it('shows UTC times with milliseconds', () => {
    const tsMs = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
    expect(formatUtcTime(tsMs)).toBe('03:04:05.006');
    expect(formatUtcDateTime(tsMs)).toBe('2024-01-02 03:04:05.006 UTC');
    expect(defaultIncidentFileName(tsMs)).toBe('incident-20240102-0304.hindsight');
  });

  it('formats counts and sizes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('event rows', () => {
  it('places unparsed lines after the events at their context time', () => {
    const rows = mergeRows([event(1, 100), event(2, 200), event(3, 300)], [unparsed(9, 200), unparsed(8, null)]);
    expect(rows.map((r) => r.key)).toEqual(['u8', 'e1', 'e2', 'u9', 'e3']);
  });

  it('finds the first event at or after the playhead', () => {
    const rows = mergeRows([event(1, 100), event(2, 200)], [unparsed(9, 100)]);
    expect(playheadRowIndex(rows, 150)).toBe(2);
    expect(playheadRowIndex(rows, 100)).toBe(0);
    expect(playheadRowIndex(rows, 999)).toBe(2);
    expect(playheadRowIndex([], 0)).toBe(-1);
  });

  it('says which line of which source could not be read, and why', () => {
    expect(unparsedLabel(unparsed(1, 5), 'web-01.log')).toBe('Unparsed line 7 of web-01.log: no timestamp');
  });
});

describe('playhead keys', () => {
  it('steps by 1% and 10% of the visible span and jumps to the ends', () => {
    expect(playheadForKey('ArrowRight', 5000, 1000, 0, 10_000)).toBe(5010);
    expect(playheadForKey('PageDown', 5000, 1000, 0, 10_000)).toBe(4900);
    expect(playheadForKey('End', 5000, 1000, 0, 10_000)).toBe(10_000);
    expect(playheadForKey('ArrowLeft', 0, 1000, 0, 10_000)).toBe(0);
    expect(playheadForKey('x', 0, 1000, 0, 10_000)).toBeNull();
  });
});

describe('go to time', () => {
  const reference = Date.UTC(2026, 10, 10, 13, 0, 0);
  it('reads full UTC times and clock times on the reference day', () => {
    expect(parseUtcTime('2026-11-10 11:02:03.5', reference)).toBe(Date.UTC(2026, 10, 10, 11, 2, 3, 500));
    expect(parseUtcTime('2026-11-10T11:02Z', reference)).toBe(Date.UTC(2026, 10, 10, 11, 2));
    expect(parseUtcTime('14:05:06.007 UTC', reference)).toBe(Date.UTC(2026, 10, 10, 14, 5, 6, 7));
  });

  it('refuses what is not a time', () => {
    expect(parseUtcTime('soon', reference)).toBeNull();
    expect(parseUtcTime('25:00', reference)).toBeNull();
    expect(parseUtcTime('2026-02-30 10:00', reference)).toBeNull();
  });
});
