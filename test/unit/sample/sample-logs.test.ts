import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_IMAGE, OLD_IMAGE } from '../../../src/sample/fleet';
import { DEFAULT_SAMPLE_SEED, writeSampleLogs, type SampleLogs } from '../../../src/sample/sample-logs';

type Json = Record<string, unknown>;

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-sample-test-'));
  dirs.push(dir);
  return dir;
}

function hashes(logs: SampleLogs): Record<string, string> {
  return Object.fromEntries(logs.files.map((file) => [basename(file.path), createHash('sha256').update(readFileSync(file.path)).digest('hex')]));
}

const parsed = new Map<string, { rows: Json[]; damaged: string[] }>();

/** The JSON records of a file, and the lines that are not JSON objects (read once per file). */
function records(logs: SampleLogs, name: string): { rows: Json[]; damaged: string[] } {
  const file = logs.files.find((f) => basename(f.path) === name)!;
  const cached = parsed.get(file.path);
  if (cached) return cached;
  const result = readRecords(file.path);
  parsed.set(file.path, result);
  return result;
}

function readRecords(path: string): { rows: Json[]; damaged: string[] } {
  const rows: Json[] = [];
  const damaged: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    try {
      rows.push(JSON.parse(line) as Json);
    } catch {
      damaged.push(line);
    }
  }
  return { rows, damaged };
}

const journalMs = (row: Json): number => Math.floor(Number(row.__REALTIME_TIMESTAMP) / 1000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('sample logs: determinism', () => {
  it('writes byte-identical files for the same seed and different files for another seed', async () => {
    const first = hashes(await writeSampleLogs(freshDir(), { seed: 42, scale: 0.2 }));
    const again = hashes(await writeSampleLogs(freshDir(), { seed: 42, scale: 0.2 }));
    const other = hashes(await writeSampleLogs(freshDir(), { seed: 43, scale: 0.2 }));
    expect(Object.keys(first)).toHaveLength(5);
    expect(again).toEqual(first);
    for (const name of Object.keys(first)) {
      if (name !== 'incident-channel.jsonl') expect(other[name]).not.toBe(first[name]);
    }
  });

  it('refuses a scale outside (0, 20]', async () => {
    await expect(writeSampleLogs(freshDir(), { scale: 0 })).rejects.toThrow(/scale/);
  });
});

describe('sample logs at the default size', () => {
  let logs: SampleLogs;
  beforeAll(async () => {
    logs = await writeSampleLogs(freshDir(), { seed: DEFAULT_SAMPLE_SEED });
  });

  it('holds at least 200,000 lines over five sources, three of them damaged', () => {
    const total = logs.files.reduce((sum, file) => sum + file.lines, 0);
    expect(total).toBeGreaterThanOrEqual(200_000);
    expect(logs.files.map((file) => basename(file.path)).sort()).toEqual([
      'api-gateway.jsonl', 'fleet-journal.json', 'healthchecks.jsonl', 'incident-channel.jsonl', 'rollout-controller.jsonl',
    ]);
    const damaged = logs.files.flatMap((file) => records(logs, basename(file.path)).damaged);
    expect(damaged).toHaveLength(3);
  });

  it('has rsync panics only on storage hosts, and segments expiring mid-copy', () => {
    const { rows } = records(logs, 'fleet-journal.json');
    const panics = rows.filter((row) => String(row.MESSAGE).startsWith('rsync: failed to open segment') && String(row.MESSAGE).endsWith('metadata: No such file or directory'));
    expect(panics.length).toBeGreaterThan(5);
    expect(panics.every((row) => String(row._HOSTNAME).startsWith('storage-') && row.PRIORITY === '3')).toBe(true);
    expect(rows.some((row) => /^segment [0-9a-f]{8} expired during copy; retention sweeper removed it$/.test(String(row.MESSAGE)))).toBe(true);
  });

  it('collides the 14:00 cron jobs with exactly the hosts the controller shows bootstrapping then', () => {
    const at14Ms = Date.UTC(2026, 10, 10, 14, 0, 0);
    const bootstrapping = new Set<string>();
    const { rows: controller } = records(logs, 'rollout-controller.jsonl');
    for (const row of controller) {
      if (Date.parse(String(row.ts)) >= at14Ms) break;
      if (row.event === 'host.bootstrap.started') bootstrapping.add(String(row.host));
      if (row.event === 'host.bootstrap.completed' || row.event === 'host.bootstrap.failed') bootstrapping.delete(String(row.host));
    }
    const { rows: journal } = records(logs, 'fleet-journal.json');
    const collided = new Set(
      journal
        .filter((row) => /^cron: job \S+ failed: \/data not mounted \(host bootstrapping\)$/.test(String(row.MESSAGE)))
        .filter((row) => journalMs(row) >= at14Ms && journalMs(row) < at14Ms + 3_600_000)
        .map((row) => String(row._HOSTNAME)),
    );
    expect(collided.size).toBeGreaterThan(5);
    expect(collided).toEqual(bootstrapping);
  });

  it('raises the gateway error rate in the first minutes after 14:00', () => {
    const { rows } = records(logs, 'api-gateway.jsonl');
    const rate = (fromMs: number, toMs: number): number => {
      const inRange = rows.filter((row) => Date.parse(String(row['@timestamp'])) >= fromMs && Date.parse(String(row['@timestamp'])) < toMs);
      return inRange.filter((row) => Number(row['http.response.status_code']) >= 500).length / inRange.length;
    };
    const at14Ms = Date.UTC(2026, 10, 10, 14, 0, 0);
    expect(rate(at14Ms, at14Ms + 180_000)).toBeGreaterThan(5 * rate(at14Ms - 3_600_000, at14Ms - 600_000));
  });

  it('records a pause, a rollback of storage hosts to the old image, a resume and completion', () => {
    const { rows } = records(logs, 'rollout-controller.jsonl');
    const eventTimes = (name: string) => rows.filter((row) => row.event === name).map((row) => Date.parse(String(row.ts)));
    const [pausedMs] = eventTimes('rollout.paused');
    const [resumedMs] = eventTimes('rollout.resumed');
    const [completedMs] = eventTimes('rollout.completed');
    const rollbacks = rows.filter((row) => row.event === 'host.rollback.completed');
    expect(pausedMs).toBeDefined();
    expect(rollbacks.length).toBeGreaterThan(0);
    for (const row of rollbacks) {
      expect(row).toMatchObject({ role: 'storage', from_version: NEW_IMAGE, to_version: OLD_IMAGE, phase: 'rolled_back' });
      expect(Date.parse(String(row.ts))).toBeGreaterThan(pausedMs!);
    }
    expect(resumedMs!).toBeGreaterThan(pausedMs!);
    expect(completedMs!).toBeGreaterThan(resumedMs!);
    const upgraded = new Set(rows.filter((row) => row.event === 'host.upgrade.completed' && row.to_version === NEW_IMAGE).map((row) => row.host));
    expect(upgraded.size).toBe(logs.scenario.hosts.length);
    expect(rows.filter((row) => row.event === 'host.upgrade.started').every((row) => typeof row.wave === 'number' && typeof row.role === 'string')).toBe(true);
  });

  it('leaves hosts silent in the journal while they are reimaged', () => {
    const { rows: controller } = records(logs, 'rollout-controller.jsonl');
    const started = controller.find((row) => row.event === 'host.reimage.started' && row.host === 'api-001')!;
    const done = controller.find((row) => row.event === 'host.reimage.completed' && row.host === 'api-001')!;
    const fromMs = Date.parse(String(started.ts)) + 1000;
    const toMs = Date.parse(String(done.ts)) - 60_000;
    const { rows: journal } = records(logs, 'fleet-journal.json');
    expect(journal.filter((row) => row._HOSTNAME === 'api-001' && journalMs(row) > fromMs && journalMs(row) < toMs)).toEqual([]);
  });

  it('has a chat channel of a few dozen messages about the incident', () => {
    const { rows } = records(logs, 'incident-channel.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(24);
    expect(rows.every((row) => row.type === 'message' && /^\d{10}\.\d{6}$/.test(String(row.ts)))).toBe(true);
    const text = rows.map((row) => String(row.text)).join('\n');
    expect(text).toMatch(/seeing rsync panics on storage-\d+/);
    expect(text).toMatch(/pausing the rollout/);
  });
});
