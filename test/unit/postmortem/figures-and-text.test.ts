/** The postmortem's pure parts: figures from annotations, text forms, Markdown and CSV escaping. */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src/model/annotation';
import { csvField, isoMicros } from '../../../src/postmortem/event-exports';
import { computeFigures, impactWindow } from '../../../src/postmortem/figures';
import { durationText, utcText } from '../../../src/postmortem/format';
import { fenced, tableCell } from '../../../src/postmortem/markdown';
import { annotationBullet } from '../../../src/postmortem/prefill';
import { xmlEscape } from '../../../src/postmortem/timeline-svg';

function note(kind: Annotation['kind'], tsMs: number, endMs: number | null = null, extra: Partial<Annotation> = {}): Annotation {
  return { id: 1, uid: `${kind}-${tsMs}`, kind, tsMs, endMs, eventIds: [], title: '', body: '', author: '', owner: null, dueDate: null, createdMs: 0, updatedMs: 0, ...extra };
}

const noCounts = () => ({ errorCount: 0, warningCount: 0, hostsAffected: 0 });

describe('postmortem figures', () => {
  it('measures detection and mitigation from the start of impact', () => {
    const figures = computeFigures([note('impact', 1_000, 61_000), note('detection', 31_000), note('mitigation', 41_000), note('trigger', 500)], 0, 100_000, noCounts);
    expect(figures).toMatchObject({ impactStartMs: 1_000, impactEndMs: 61_000, impactDurationMs: 60_000, timeToDetectMs: 30_000, timeToMitigateMs: 40_000, triggerMs: 500 });
  });

  it('falls back to the trigger when no impact is marked, and leaves unknowns null', () => {
    const figures = computeFigures([note('trigger', 10_000), note('detection', 70_000)], 0, 100_000, noCounts);
    expect(figures).toMatchObject({ impactStartMs: null, impactDurationMs: null, timeToDetectMs: 60_000, timeToMitigateMs: null });
  });

  it('combines impact ranges with impact start and end points, and counts over that window', () => {
    expect(impactWindow([note('impact-start', 5_000), note('impact', 8_000, 20_000), note('impact-end', 30_000)])).toEqual({ startMs: 5_000, endMs: 30_000 });
    const windows: [number | null, number | null][] = [];
    computeFigures([note('impact-start', 5_000)], 0, 99_000, (from, to) => (windows.push([from, to]), noCounts()));
    expect(windows).toEqual([[5_000, 99_000]]);
  });
});

describe('postmortem text', () => {
  it('prints UTC instants and human durations', () => {
    expect(utcText(Date.parse('2024-05-02T14:00:03.250Z'))).toBe('2024-05-02 14:00:03 UTC');
    expect(utcText(null)).toBe('—');
    expect(durationText(850)).toBe('850 ms');
    expect(durationText(245_000)).toBe('4 min 05 s');
    expect(durationText(3_900_000)).toBe('1 h 05 min');
    expect(durationText(-2_000)).toBe('−2 s');
  });

  it('keeps table cells, code fences, XML and CSV fields intact whatever the text', () => {
    expect(tableCell('a | b\nc')).toBe('a \\| b c');
    expect(fenced('has ``` inside')).toBe('````text\nhas ``` inside\n````');
    expect(xmlEscape(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(isoMicros(Date.parse('2024-05-02T14:00:00.123Z'), 456_789)).toBe('2024-05-02T14:00:00.123456+00:00');
  });

  it('writes an action item with its owner and due date, and keeps a multi-line note inside its bullet', () => {
    const item = note('action-item', Date.parse('2024-05-02T14:41:00Z'), null, { title: 'Test bootstrap', owner: 'maria', dueDate: '2024-06-01', body: 'line one\nline two' });
    expect(annotationBullet(item)).toBe('- **Test bootstrap** (2024-05-02 14:41:00 UTC). Owner: maria; due: 2024-06-01. line one\n  line two');
  });
});
