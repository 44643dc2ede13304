/** Unparsed lines sit at their source's corrected time, beside the events they came between, in the list and the unparsed page. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventsAround } from '../../src/api/methods/event-methods';
import { createService } from '../../src/api/service';
import type { UnparsedLine } from '../../src/model/event';
import type { SourceInfo } from '../../src/model/incident';
import { valueCaller } from '../support/service-value';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 10, 14, 0, 0);
const OFFSET_MS = 60_000;

describe('unparsed lines with a clock correction', () => {
  it('places them at the corrected time of the event before them', async () => {
    const dir = tempDir();
    const line = (s: number, msg: string) => JSON.stringify({ ts: new Date(T0 + s * 1000).toISOString(), level: 'info', host: 'web-1', msg });
    writeFileSync(join(dir, 'a.jsonl'), `${line(0, 'first')}\n${line(10, 'second')}\nthis line is not JSON\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${line(65, 'uncorrected neighbour')}\n`);
    const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
    const value = valueCaller(service);
    await value('incident.create', { path: join(dir, 'clock.hindsight') });
    await value('import.paths', { paths: [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')] });
    const sources = await value<SourceInfo[]>('incident.sources');
    await value('sources.setClockOffset', { sourceId: sources.find((s) => s.name === 'a.jsonl')!.id, offsetMs: OFFSET_MS });

    const around = await value<EventsAround>('events.around', { tsMs: T0 + 65_000, before: 1, after: 2 });
    expect(around.events.map((e) => [e.message, e.tsMs])).toEqual([
      ['first', T0 + 60_000],
      ['uncorrected neighbour', T0 + 65_000],
      ['second', T0 + 70_000],
    ]);
    expect(around.unparsed.map((u) => [u.raw, u.contextTsMs])).toEqual([['this line is not JSON', T0 + 70_000]]);
    const page = await value<{ total: number; lines: UnparsedLine[] }>('unparsed.list', {});
    expect(page.lines.map((u) => u.contextTsMs)).toEqual([T0 + 70_000]);
  });
});
