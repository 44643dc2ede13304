/**
 * A source whose clock was off is shifted with sources.setClockOffset; the event list, stepping and the
 * event detail then put its events where the timeline's density does.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResults } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

const at = (second: number): string => `2026-11-10T14:00:${String(second).padStart(2, '0')}.000Z`;
const line = (second: number, level: string, host: string, msg: string): string => JSON.stringify({ ts: at(second), level, host, msg });

async function setup() {
  const dir = tempDir();
  // The controller's clock is right; storage-07's runs 30 s fast, so its panic seems to come before the drain.
  writeFileSync(join(dir, 'controller.jsonl'), `${[line(10, 'info', 'ctl', 'drain storage-07'), line(20, 'info', 'ctl', 'reimage storage-07'), line(40, 'info', 'ctl', 'bootstrap storage-07')].join('\n')}\n`);
  writeFileSync(join(dir, 'storage-07.jsonl'), `${[line(5, 'error', 'storage-07', 'rsync panic: segment 118 metadata missing')].join('\n')}\n`);
  const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
  const value = async <M extends ApiMethod>(method: M, args: unknown = {}): Promise<ApiResults[M]> => {
    const envelope = await dispatch(service.handlers, method, args);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
    return envelope.value as ApiResults[M];
  };
  await value('incident.create', { path: join(dir, 'skew.hindsight') });
  await value('import.paths', { paths: [join(dir, 'controller.jsonl'), join(dir, 'storage-07.jsonl')] });
  const sources = await value('incident.sources');
  const storage = sources.find((source) => source.name === 'storage-07.jsonl')!;
  return { value, storageId: storage.id };
}

describe('clock offsets', () => {
  it('move a source’s events in the event list, stepping and detail, as on the timeline', async () => {
    const { value, storageId } = await setup();
    const messagesAround = async () => (await value('events.around', { tsMs: Date.parse(at(0)), before: 10, after: 10 })).events.map((e) => e.message);
    expect(await messagesAround()).toEqual(['rsync panic: segment 118 metadata missing', 'drain storage-07', 'reimage storage-07', 'bootstrap storage-07']);

    await value('sources.setClockOffset', { sourceId: storageId, offsetMs: 30_000 });
    expect(await messagesAround()).toEqual(['drain storage-07', 'reimage storage-07', 'rsync panic: segment 118 metadata missing', 'bootstrap storage-07']);

    const around = await value('events.around', { tsMs: Date.parse(at(30)), before: 1, after: 1 });
    expect(around.events.map((e) => [e.message, e.tsMs])).toEqual([
      ['reimage storage-07', Date.parse(at(20))],
      ['rsync panic: segment 118 metadata missing', Date.parse(at(35))],
    ]);

    const reimage = around.events[0]!;
    const next = await value('events.step', { fromTsMs: reimage.tsMs, fromId: reimage.id, direction: 'next' });
    expect(next?.message).toBe('rsync panic: segment 118 metadata missing');
    const firstError = await value('events.step', { fromTsMs: Date.parse(at(0)), fromId: 0, direction: 'next', levelAtLeast: 'error' });
    expect(firstError?.tsMs).toBe(Date.parse(at(35)));
    const back = await value('events.step', { fromTsMs: Date.parse(at(40)), fromId: 0, direction: 'previous' });
    expect(back?.message).toBe('rsync panic: segment 118 metadata missing');

    expect((await value('events.get', { id: next!.id })).tsMs).toBe(Date.parse(at(35)));

    const inRange = await value('events.around', { tsMs: Date.parse(at(30)), before: 10, after: 10, filter: `after:${at(30)} before:${at(39)}` });
    expect(inRange.events.map((e) => e.message)).toEqual(['rsync panic: segment 118 metadata missing']);

    await value('sources.setClockOffset', { sourceId: storageId, offsetMs: 0 });
    expect((await messagesAround())[0]).toBe('rsync panic: segment 118 metadata missing');
  });
});
