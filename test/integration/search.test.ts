/** Search and filters through the real service over a real incident file: list, stepping, density and fleet hosts agree. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import type { EventsAround, MatchingHosts } from '../../src/api/methods/event-methods';
import { createService } from '../../src/api/service';
import type { EventSummary } from '../../src/model/event';
import type { DensityResult } from '../../src/model/timeline';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 10, 14, 0, 0);

const LINES = [
  {
    s: 0,
    level: 'info',
    host: 'api-001',
    service: 'nginx',
    msg: 'GET /healthz 200',
  },
  {
    s: 1,
    level: 'error',
    host: 'storage-07',
    service: 'rsync',
    msg: 'rsync: panic while reading segment 118',
  },
  {
    s: 2,
    level: 'warn',
    host: 'storage-08',
    service: 'rsync',
    msg: 'rsync slow transfer',
  },
  {
    s: 3,
    level: 'info',
    host: 'storage-07',
    service: 'rsync',
    msg: 'rsync transfer finished',
  },
  {
    s: 4,
    level: 'warn',
    host: 'api-002',
    service: 'nginx',
    msg: 'slow upstream panic avoided',
  },
  {
    s: 5,
    level: 'fatal',
    host: 'storage-09',
    service: 'kernel',
    msg: 'kernel panic',
  },
].map((e) =>
  JSON.stringify({
    ts: new Date(T0 + e.s * 1000).toISOString(),
    level: e.level,
    host: e.host,
    service: e.service,
    msg: e.msg,
  }),
);

async function openIncident() {
  const dir = tempDir();
  const logPath = join(dir, 'fleet.jsonl');
  writeFileSync(logPath, `${LINES.join('\n')}\n`);
  const service = createService({
    dataDir: join(dir, 'data'),
    emit: () => undefined,
  });
  const call = (method: ApiMethod, args: unknown = {}) => dispatch(service.handlers, method, args);
  const value = async <T>(method: ApiMethod, args: unknown = {}): Promise<T> => {
    const envelope = await call(method, args);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
    return envelope.value as T;
  };
  await value('incident.create', { path: join(dir, 'x.hindsight') });
  await value('import.paths', { paths: [logPath] });
  return { call, value };
}

const messages = (events: EventSummary[]) => events.map((e) => e.message);

describe('search and filters', () => {
  it('finds words with full-text search, in time order', async () => {
    const { value } = await openIncident();
    const around = await value<EventsAround>('events.around', {
      tsMs: T0,
      filter: 'panic',
    });
    expect(messages(around.events)).toEqual(['rsync: panic while reading segment 118', 'slow upstream panic avoided', 'kernel panic']);
  });

  it('combines host globs, level and text; the list, stepping, density and fleet hosts agree', async () => {
    const { value } = await openIncident();
    const filter = 'host:storage-* level>=warn rsync';
    const around = await value<EventsAround>('events.around', {
      tsMs: T0,
      filter,
    });
    expect(messages(around.events)).toEqual(['rsync: panic while reading segment 118', 'rsync slow transfer']);
    const next = await value<EventSummary | null>('events.step', {
      fromTsMs: T0 + 1000,
      fromId: around.events[0]!.id,
      direction: 'next',
      filter,
    });
    expect(next?.message).toBe('rsync slow transfer');
    const density = await value<DensityResult>('timeline.density', {
      fromMs: T0,
      toMs: T0 + 10_000,
      bucketCount: 10,
      laneBy: 'host',
      filter,
    });
    expect(density.lanes.map((lane) => [lane.key, lane.total])).toEqual([
      ['storage-07', 1],
      ['storage-08', 1],
    ]);
    const hosts = await value<MatchingHosts>('search.hosts', { filter });
    expect(hosts).toEqual({
      hosts: ['storage-07', 'storage-08'],
      isComplete: true,
    });
  });

  it('honours a time range and quoted phrases', async () => {
    const { value } = await openIncident();
    const after = new Date(T0 + 2000).toISOString();
    const around = await value<EventsAround>('events.around', {
      tsMs: T0,
      filter: `after:${after} "slow transfer"`,
    });
    expect(messages(around.events)).toEqual(['rsync slow transfer']);
  });

  it('leaves unfiltered answers as they were', async () => {
    const { value } = await openIncident();
    const around = await value<EventsAround>('events.around', {
      tsMs: T0,
      filter: '  ',
    });
    expect(around.events).toHaveLength(6);
  });

  it('refuses a filter it cannot read with a sentence saying how to fix it', async () => {
    const { call, value } = await openIncident();
    const envelope = await call('events.around', {
      tsMs: T0,
      filter: 'level>=loud',
    });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: expect.stringMatching(/not a level; use one of/),
      },
    });
    expect(await value('search.parse', { filter: 'host:api-* level>=error' })).toEqual({
      description: 'host api-*, level at least error',
      isEmpty: false,
    });
  });
});
