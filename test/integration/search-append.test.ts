/**
 * The full-text index takes events appended while following without a rebuild: appended events that
 * sort after the others extend the time order, ones that do not form a tail the queries sort, and
 * either way pages and steps match what the events themselves say.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventSummary } from '../../src/model/event';
import { Prng } from '../../src/sample/prng';
import { parseFilter } from '../../src/search/filter-parser';
import { eventsAround, stepEvent } from '../../src/store/event-queries';
import { IncidentDb } from '../../src/store/incident-db';
import { buildSearchIndex, searchLayout } from '../../src/store/search-index';
import { setClockOffset } from '../../src/store/source-progress';
import { SourceWriter } from '../../src/store/source-writer';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 10, 14, 0, 0);
const WORDS = ['rsync', 'panic', 'cron'];

/** Appends `count` events at distinct times drawn from [fromMs, toMs) to a new batch of `writer`. */
function append(writer: SourceWriter, prng: Prng, count: number, fromMs: number, toMs: number, used: Set<number>): void {
  writer.batch(() => {
    for (let i = 0; i < count; i++) {
      let tsMs = prng.int(fromMs, toMs - 1);
      while (used.has(tsMs)) tsMs++;
      used.add(tsMs);
      const message = `event ${used.size} ${WORDS.filter(() => prng.chance(0.4)).join(' ')}`.trim();
      writer.addEvent({ tsMs, tsSubNs: 0, endMs: null, host: 'web-1', service: null, level: 'info', kind: null, message, attrsJson: '{}' }, used.size, message);
    }
  });
}

/** Every event matching `word`, in time order, read straight from the table. */
function matchesOf(incident: IncidentDb, word: string): string[] {
  const rows = incident.db.prepare('SELECT ts_ms, message FROM events ORDER BY ts_ms, id').all() as { ts_ms: number; message: string }[];
  return rows.filter((row) => row.message.split(' ').includes(word)).map((row) => `${row.ts_ms} ${row.message}`);
}

const view = (events: readonly (EventSummary | null)[]) => events.map((event) => (event === null ? null : `${event.tsMs} ${event.message}`));

function expectSearchAgrees(incident: IncidentDb, label: string): void {
  for (const word of WORDS) {
    const matches = matchesOf(incident, word);
    const filter = parseFilter(word);
    for (const instant of [T0 - 1, T0 + 30_000, T0 + 61_234, T0 + 119_000, T0 + 500_000]) {
      const split = matches.findIndex((line) => Number(line.split(' ')[0]) >= instant);
      const at = split === -1 ? matches.length : split;
      expect(view(eventsAround(incident, instant, 4, 6, filter).events), `${label}: ${word} at ${instant}`).toEqual(matches.slice(Math.max(0, at - 4), at + 6));
    }
    const walked: EventSummary[] = [];
    let at = eventsAround(incident, T0 - 1, 0, 1, filter).events[0] ?? null;
    while (at !== null) {
      walked.push(at);
      at = stepEvent(incident, at.tsMs, at.id, 'next', undefined, filter);
    }
    expect(view(walked), `${label}: stepping through ${word}`).toEqual(matches);
    const last = walked[walked.length - 1]!;
    expect(view([stepEvent(incident, last.tsMs, last.id, 'previous', undefined, filter)]), `${label}: back from the last ${word}`).toEqual([matches[matches.length - 2] ?? null]);
  }
}

describe('search index under live appends', () => {
  it('extends the order with later events, sorts an out-of-order tail, and rebuilds when the clock changes', () => {
    const incident = IncidentDb.open(join(tempDir(), 'append.hindsight'), { create: true });
    const prng = new Prng(99);
    const used = new Set<number>();
    const writer = SourceWriter.begin(incident, { name: 'live.log', path: '/live.log', format: 'json-lines', sizeBytes: 0 });
    append(writer, prng, 300, T0, T0 + 60_000, used);
    buildSearchIndex(incident);
    expectSearchAgrees(incident, 'built');

    append(writer, prng, 40, T0 + 60_000, T0 + 90_000, used);
    buildSearchIndex(incident);
    expect(searchLayout(incident)).toEqual({ orderedThrough: 340, lastRank: 340 });
    expectSearchAgrees(incident, 'appended later');

    append(writer, prng, 40, T0, T0 + 120_000, used);
    buildSearchIndex(incident);
    expect(searchLayout(incident)).toEqual({ orderedThrough: 340, lastRank: 380 });
    expectSearchAgrees(incident, 'appended out of order');

    append(writer, prng, 30, T0 + 100_000, T0 + 130_000, used);
    buildSearchIndex(incident);
    expect(searchLayout(incident)).toEqual({ orderedThrough: 340, lastRank: 410 });
    expectSearchAgrees(incident, 'appended again');

    const sourceId = incident.db.prepare('SELECT id FROM sources').pluck().get() as number;
    setClockOffset(incident, sourceId, 5_000);
    buildSearchIndex(incident);
    expect(searchLayout(incident)).toEqual({ orderedThrough: 410, lastRank: 410 });
    setClockOffset(incident, sourceId, 0);
    expectSearchAgrees(incident, 'rebuilt');
    incident.close();
  });
});
