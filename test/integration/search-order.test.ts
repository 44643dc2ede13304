/**
 * Full-text matches come back in timeline order whatever order the files were written and imported in,
 * with a clock correction on one source: pages around any instant, stepping from match to match and the
 * overview strip's page markers agree with what the generated lines themselves say.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventsAround } from '../../src/api/methods/event-methods';
import { createService } from '../../src/api/service';
import type { EventSummary } from '../../src/model/event';
import type { SourceInfo } from '../../src/model/incident';
import { Prng } from '../../src/sample/prng';
import { valueCaller } from '../support/service-value';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 10, 14, 0, 0);
const WORDS = ['rsync', 'panic', 'bootstrap', 'cron'];
const LEVELS = ['info', 'info', 'warn', 'error', 'fatal'];
/** The correction given to the second file: its events move 37 s later on the timeline. */
const OFFSET_MS = 37_000;

interface Line {
  tsMs: number;
  level: string;
  message: string;
  file: 'a' | 'b';
}

/** 600 lines over two files in shuffled order; every corrected time is distinct (a: …0 ms, b: …5 ms). */
function generateLines(): Line[] {
  const prng = new Prng(2026);
  const lines: Line[] = [];
  for (let i = 0; i < 600; i++) {
    const file = i % 3 === 0 ? 'b' : 'a';
    const tsMs = T0 + i * 170 + (file === 'b' ? 5 : 0);
    const words = WORDS.filter(() => prng.chance(0.3));
    lines.push({ tsMs, level: LEVELS[prng.int(0, LEVELS.length - 1)]!, message: `step ${i} ${words.join(' ')}`.trim(), file });
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines;
}

const correctedTsMs = (line: Line): number => line.tsMs + (line.file === 'b' ? OFFSET_MS : 0);

async function openShuffledIncident(lines: Line[]) {
  const dir = tempDir();
  const write = (file: 'a' | 'b') => {
    const path = join(dir, `${file}.jsonl`);
    const text = lines.filter((line) => line.file === file).map((line) => JSON.stringify({ ts: new Date(line.tsMs).toISOString(), level: line.level, host: `host-${file}`, msg: line.message }));
    writeFileSync(path, `${text.join('\n')}\n`);
    return path;
  };
  const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
  const value = valueCaller(service);
  await value('incident.create', { path: join(dir, 'shuffled.hindsight') });
  await value('import.paths', { paths: [write('a'), write('b')] });
  const sources = await value<SourceInfo[]>('incident.sources');
  const second = sources.find((source) => source.name === 'b.jsonl')!;
  await value('sources.setClockOffset', { sourceId: second.id, offsetMs: OFFSET_MS });
  return value;
}

const view = (events: EventSummary[]) => events.map((event) => `${event.tsMs} ${event.message}`);
const expectedView = (lines: Line[]) => lines.map((line) => `${correctedTsMs(line)} ${line.message}`);

describe('full-text search in time order', () => {
  it('pages around any instant and steps from match to match in timeline order', async () => {
    const lines = generateLines();
    const value = await openShuffledIncident(lines);
    const inTimeOrder = [...lines].sort((a, b) => correctedTsMs(a) - correctedTsMs(b));
    for (const filter of ['rsync', 'panic cron', 'level>=warn bootstrap', '"step 12"']) {
      const matches = inTimeOrder.filter((line) => {
        const words = filter.replace('level>=warn', '').replace(/"/g, '').trim().split(' ');
        const isLevelOk = !filter.includes('level>=warn') || line.level !== 'info';
        return isLevelOk && (filter.startsWith('"') ? line.message.includes(words.join(' ')) && /step 12(\s|$)/.test(line.message) : words.every((word) => line.message.split(' ').includes(word)));
      });
      expect(matches.length, filter).toBeGreaterThan(0);
      for (const instant of [T0 - 1000, T0 + 20_000, T0 + 51_005, T0 + 90_000, T0 + 200_000]) {
        const page = await value<EventsAround>('events.around', { tsMs: instant, before: 5, after: 7, filter });
        const firstLater = matches.findIndex((line) => correctedTsMs(line) >= instant);
        const split = firstLater === -1 ? matches.length : firstLater;
        expect(view(page.events), `${filter} at ${instant}`).toEqual(expectedView(matches.slice(Math.max(0, split - 5), split + 7)));
      }
      const walked: EventSummary[] = [];
      let at = (await value<EventsAround>('events.around', { tsMs: T0 - 1000, before: 0, after: 1, filter })).events[0]!;
      walked.push(at);
      for (let next = await value<EventSummary | null>('events.step', { fromTsMs: at.tsMs, fromId: at.id, direction: 'next', filter }); next; ) {
        walked.push(next);
        at = next;
        next = await value<EventSummary | null>('events.step', { fromTsMs: at.tsMs, fromId: at.id, direction: 'next', filter });
      }
      expect(view(walked), filter).toEqual(expectedView(matches));
      const back = await value<EventSummary | null>('events.step', { fromTsMs: at.tsMs, fromId: at.id, direction: 'previous', filter });
      expect(back === null ? null : view([back])[0], filter).toBe(matches.length > 1 ? expectedView(matches)[matches.length - 2] : null);
    }
    const fatal = inTimeOrder.filter((line) => line.level === 'fatal');
    expect(view(await value<EventSummary[]>('search.pages')), 'pages on the overview strip').toEqual(expectedView(fatal));
  });
});
