import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEventName, ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

const LINES = [
  '{"ts":"2026-11-10T14:00:00.000Z","level":"info","host":"api-001","service":"nginx","msg":"GET /healthz 200"}',
  '{"ts":"2026-11-10T14:00:01.250Z","level":"error","host":"storage-07","service":"rsync","msg":"rsync: failed to open segment 118 metadata"}',
  '{"ts":"2026-11-10T14:00:02.000Z","level":"warn","host":"api-002","service":"nginx","msg":"slow upstream"',
  '{"ts":"2026-11-10T14:00:03.500Z","level":"info","host":"worker-003","service":"cron","msg":"backup-segments started"}',
];

function setup() {
  const dir = tempDir();
  const logPath = join(dir, 'fleet.jsonl');
  writeFileSync(logPath, `${LINES.join('\n')}\n`);
  const events: { name: ApiEventName; payload: unknown }[] = [];
  const service = createService({ dataDir: join(dir, 'data'), emit: (name, payload) => events.push({ name, payload }) });
  const call = async (method: ApiMethod | string, args: unknown = {}) => {
    const envelope = await dispatch(service.handlers, method, args);
    return envelope;
  };
  const value = async <T = unknown>(method: ApiMethod, args: unknown = {}): Promise<T> => {
    const envelope = await call(method, args);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  return { dir, logPath, events, service, call, value };
}

describe('the API service', () => {
  it('answers no_incident before anything is open, as data rather than a throw', async () => {
    const { call } = setup();
    const envelope = await call('incident.info');
    expect(envelope).toEqual({ ok: false, error: { code: 'no_incident', message: expect.stringMatching(/open or create an incident/) } });
  });

  it('validates arguments at the boundary', async () => {
    const { call } = setup();
    const bad = await call('timeline.density', { fromMs: 10, toMs: 5, bucketCount: 10 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid_argument');
    for (const laneKeys of [[], 'host-1', [1], Array.from({ length: 1001 }, (_, i) => `h${i}`)]) {
      const badWindow = await call('timeline.density', { fromMs: 0, toMs: 5, bucketCount: 10, laneBy: 'host', laneKeys });
      expect(!badWindow.ok && badWindow.error.code).toBe('invalid_argument');
    }
    const badKind = await call('timeline.density', { fromMs: 0, toMs: 5, bucketCount: 10, laneBy: 'rack' });
    expect(!badKind.ok && badKind.error.code).toBe('invalid_argument');
    const unknown = await call('events.delete', {});
    expect(!unknown.ok && unknown.error.code).toBe('unknown_method');
    const extra = await call('events.get', { id: 1, sql: 'DROP TABLE events' });
    expect(!extra.ok && extra.error.code).toBe('invalid_argument');
  });

  it('creates an incident, imports JSON lines, and serves the timeline and the list', async () => {
    const { dir, logPath, events, value } = setup();
    const path = join(dir, 'outage.hindsight');
    const created = await value<{ title: string; eventCount: number }>('incident.create', { path, title: 'Outage' });
    expect(created).toMatchObject({ title: 'Outage', eventCount: 0 });

    const summary = await value<{ totals: { events: number; unparsed: number; lines: number } }>('import.paths', { paths: [logPath] });
    expect(summary.totals).toMatchObject({ lines: 4, events: 3, unparsed: 1 });
    expect(events.some((e) => e.name === 'incident.changed')).toBe(true);

    const info = await value<{ eventCount: number; unparsedCount: number; firstTsMs: number; lastTsMs: number }>('incident.info');
    expect(info).toMatchObject({ eventCount: 3, unparsedCount: 1, firstTsMs: Date.UTC(2026, 10, 10, 14, 0, 0), lastTsMs: Date.UTC(2026, 10, 10, 14, 0, 3, 500) });

    const density = await value<{ lanes: { label: string; total: number; counts: Record<string, number[]> }[]; bucketMs: number }>('timeline.density', {
      fromMs: info.firstTsMs,
      toMs: info.lastTsMs + 1,
      bucketCount: 4,
    });
    expect(density.lanes).toHaveLength(1);
    expect(density.lanes[0]!.label).toBe('fleet.jsonl');
    expect(density.lanes[0]!.total).toBe(3);
    expect(density.lanes[0]!.counts.error!.reduce((a, b) => a + b, 0)).toBe(1);
    const windowed = await value<{ laneCount: number; lanes: { key: string; total: number }[] }>('timeline.density', {
      fromMs: info.firstTsMs,
      toMs: info.lastTsMs + 1,
      bucketCount: 4,
      laneBy: 'service',
      laneKeys: ['no-such-service'],
    });
    expect(windowed.lanes).toEqual([expect.objectContaining({ key: 'no-such-service', total: 0 })]);
    expect(windowed.laneCount).toBeGreaterThan(0);

    const around = await value<{ events: { message: string; tsMs: number; id: number }[]; unparsed: { lineStart: number; reason: string }[] }>('events.around', {
      tsMs: Date.UTC(2026, 10, 10, 14, 0, 1),
      before: 1,
      after: 10,
    });
    expect(around.events.map((e) => e.message)).toEqual(['GET /healthz 200', 'rsync: failed to open segment 118 metadata', 'backup-segments started']);
    expect(around.unparsed).toEqual([expect.objectContaining({ lineStart: 3, reason: expect.stringMatching(/JSON/i) })]);

    const rsync = around.events[1]!;
    const detail = await value<{ raw: string; lineStart: number; sourceName: string; host: string }>('events.get', { id: rsync.id });
    expect(detail).toMatchObject({ raw: LINES[1], lineStart: 2, sourceName: 'fleet.jsonl', host: 'storage-07' });

    const nextError = await value<{ id: number } | null>('events.step', { fromTsMs: 0, fromId: 0, direction: 'next', levelAtLeast: 'error' });
    expect(nextError?.id).toBe(rsync.id);
    const afterLast = await value<unknown>('events.step', { fromTsMs: info.lastTsMs, fromId: Number.MAX_SAFE_INTEGER, direction: 'next' });
    expect(afterLast).toBeNull();
  });

  it('remembers opened incidents and reopens them after a restart', async () => {
    const first = setup();
    const path = join(first.dir, 'kept.hindsight');
    await first.value('incident.create', { path });
    await first.value('import.paths', { paths: [first.logPath] });
    first.service.close();

    const again = createService({ dataDir: join(first.dir, 'data'), emit: () => undefined });
    const status = await dispatch(again.handlers, 'app.status', {});
    expect(status.ok && (status.value as { recent: { path: string }[] }).recent.map((r) => r.path)).toEqual([path]);
    const reopened = await dispatch(again.handlers, 'incident.open', { path });
    expect(reopened.ok && (reopened.value as { eventCount: number }).eventCount).toBe(3);
    again.close();
  });

  it('refuses changes when read-only', async () => {
    const first = setup();
    const path = join(first.dir, 'shown.hindsight');
    await first.value('incident.create', { path });
    first.service.close();
    const viewer = createService({ dataDir: join(first.dir, 'data'), emit: () => undefined, readOnly: true });
    await dispatch(viewer.handlers, 'incident.open', { path });
    const refused = await dispatch(viewer.handlers, 'import.paths', { paths: [first.logPath] });
    expect(!refused.ok && refused.error.code).toBe('read_only');
    viewer.close();
  });
});
