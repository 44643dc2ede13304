/**
 * Faults a user may hit, against real incident files through the real service: a full disk and a
 * read-only disk (real tmpfs mounts; skipped with a message where this process may not mount), and a
 * truncated or randomly corrupted incident, and one a killed process left mid-write (a hot rollback
 * journal). Each gives one clear sentence, never an `internal` error, and leaves the incident intact
 * (`PRAGMA integrity_check` ok) or, when it was already damaged, byte-for-byte unmodified.
 * Killing the process right after an annotation is saved is in annotations.test.ts ("keeps an
 * annotation saved by a process that is SIGKILLed right after the call returns"); killing imports at
 * random moments is in kill-trials.test.ts.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEnvelope, ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { IncidentDb } from '../../src/store/incident-db';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const mounts: string[] = [];
afterEach(() => {
  for (const mountPoint of mounts.splice(0)) spawnSync('umount', [mountPoint]);
});

/** True when this process may mount a tmpfs (root on Linux); the disk tests need it. */
const canMount = ((): boolean => {
  const probe = mkdtempSync(join(tmpdir(), 'hindsight-mount-probe-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  rmdirSync(probe);
  if (!mounted) console.warn('Skipping the full-disk and read-only-disk tests: this process cannot mount a tmpfs (they need root on Linux).');
  return mounted;
})();

function mountTmpfs(dir: string, sizeBytes: number): string {
  const mountPoint = join(dir, 'disk');
  mkdirSync(mountPoint);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', mountPoint]);
  mounts.push(mountPoint);
  return mountPoint;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function serviceIn(dir: string) {
  const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
  const call = (method: ApiMethod, args: unknown = {}): Promise<ApiEnvelope<unknown>> => dispatch(service.handlers, method, args);
  return { service, call };
}

/** A JSON-lines log of `count` events, about 120 bytes each. */
function writeLog(path: string, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({ ts: new Date(Date.parse('2026-11-10T14:00:00Z') + i * 1000).toISOString(), level: i % 9 === 0 ? 'error' : 'info', host: `api-${i % 40}`, msg: `request ${i} handled` }));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function integrityOf(path: string): string {
  const incident = IncidentDb.open(path, { readOnly: true });
  try {
    return incident.db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    incident.close();
  }
}

function expectOneSentence(envelope: ApiEnvelope<unknown>, code: string): void {
  expect(envelope).toMatchObject({ ok: false, error: { code } });
  if (!envelope.ok) {
    expect(envelope.error.message.split(/\.\s/)).toHaveLength(1);
    expect(envelope.error.message).not.toMatch(/SQLITE_|unexpected error/);
  }
}

describe('a full or read-only disk', () => {
  it.skipIf(!canMount)('a full disk stops an import with one sentence, and the incident stays intact with nothing half-imported looking complete', async () => {
    const dir = tempDir();
    const disk = mountTmpfs(dir, 3 * 1024 * 1024);
    const path = join(disk, 'full.hindsight');
    const { service, call } = serviceIn(dir);
    expect(await call('incident.create', { path, title: 'On a small disk' })).toMatchObject({ ok: true });
    const small = await call('import.paths', { paths: [writeLog(join(dir, 'small.jsonl'), 50)] });
    expect(small, JSON.stringify(small)).toMatchObject({ ok: true, value: { totals: { events: 50 } } });
    const full = await call('import.paths', { paths: [writeLog(join(dir, 'big.jsonl'), 60_000)] });
    expectOneSentence(full, 'io_error');
    // The sentence is about the incident's disk, not the log being read, and says how to continue.
    const fullMessage = !full.ok ? full.error.message : '';
    expect(fullMessage, JSON.stringify(full)).toMatch(/^The disk holding the incident .*full\.hindsight is full, so importing .*big\.jsonl stopped after line \d+/);
    expect(fullMessage).toMatch(/free some space on that disk, then import the same file again to continue where it stopped\.$/);
    expect(fullMessage).not.toMatch(/check the file is readable|truncated/);
    service.close();

    expect(integrityOf(path)).toBe('ok');
    const incident = IncidentDb.open(path, { readOnly: true });
    try {
      const sources = incident.db.prepare("SELECT name, line_count, event_count, unparsed_count FROM sources WHERE status = 'complete'").all() as { name: string; line_count: number; event_count: number; unparsed_count: number }[];
      expect(sources).toEqual([{ name: 'small.jsonl', line_count: 50, event_count: 50, unparsed_count: 0 }]);
      expect(incident.db.prepare('SELECT COUNT(*) FROM events WHERE source_id IN (SELECT id FROM sources WHERE status = ?)').pluck().get('complete')).toBe(50);
    } finally {
      incident.close();
    }

    // Doing what the sentence says (free space, import the same file again) continues the source.
    execFileSync('mount', ['-o', 'remount,size=64m', disk]);
    const again = serviceIn(dir);
    expect(await again.call('incident.open', { path })).toMatchObject({ ok: true });
    const resumed = await again.call('import.paths', { paths: [join(dir, 'big.jsonl')] });
    expect(resumed, JSON.stringify(resumed)).toMatchObject({ ok: true, value: { sources: [{ lines: 60_000, events: 60_000, resumedAfterLine: expect.any(Number) }] } });
    again.service.close();
    expect(integrityOf(path)).toBe('ok');
    const after = IncidentDb.open(path, { readOnly: true });
    try {
      expect(after.db.prepare('SELECT name, status FROM sources ORDER BY id').all()).toEqual([
        { name: 'small.jsonl', status: 'complete' },
        { name: 'big.jsonl', status: 'complete' },
      ]);
    } finally {
      after.close();
    }
  });

  it.skipIf(!canMount)('an incident on a read-only disk is refused with one sentence and left untouched', async () => {
    const dir = tempDir();
    const disk = mountTmpfs(dir, 8 * 1024 * 1024);
    const path = join(disk, 'shelf.hindsight');
    const writer = serviceIn(dir);
    expect(await writer.call('incident.create', { path })).toMatchObject({ ok: true });
    expect(await writer.call('import.paths', { paths: [writeLog(join(dir, 'app.jsonl'), 20)] })).toMatchObject({ ok: true });
    writer.service.close();
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const before = sha256(path);

    // NOTE: a WAL database needs its -shm file, which a read-only disk cannot hold, so SQLite cannot open
    // it even for reading (better-sqlite3 has no URI filenames for `immutable=1`); the user gets a way out.
    const { service, call } = serviceIn(dir);
    const opened = await call('incident.open', { path });
    expectOneSentence(opened, 'io_error');
    expect(!opened.ok && opened.error.message).toMatch(/copy the incident to a folder you can write to/);
    service.close();
    execFileSync('mount', ['-o', 'remount,rw', disk]);
    expect(sha256(path)).toBe(before);
    expect(integrityOf(path)).toBe('ok');
  });
});

describe('an incident a killed process left mid-write', () => {
  it('is put back to its last saved state on the next normal open, and a read-only open says how to recover it', async () => {
    const dir = tempDir();
    const path = join(dir, 'mid-write.hindsight');
    const { service, call } = serviceIn(dir);
    expect(await call('incident.create', { path, title: 'Before the kill' })).toMatchObject({ ok: true });
    service.close();
    const repo = resolve(__dirname, '../..');
    const child = spawn(process.execPath, [join(repo, 'bin', 'run-ts.mjs'), join(repo, 'test', 'support', 'hot-journal-child.ts'), path], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    await new Promise<void>((done, fail) => {
      child.stdout.once('data', () => done());
      void exited.then(() => fail(new Error('the writer exited before it was mid-write')));
    });
    child.kill('SIGKILL');
    await exited;
    expect(statSync(`${path}-journal`).size, 'the kill must leave a hot rollback journal').toBeGreaterThan(0);

    const before = sha256(path);
    const readOnly = await (async () => {
      try {
        IncidentDb.open(path, { readOnly: true }).close();
        return null;
      } catch (err) {
        return err as { code: string; message: string };
      }
    })();
    expect(readOnly).toMatchObject({ code: 'io_error', message: expect.stringMatching(/left half-written by a Hindsight that stopped.*open it once normally, not read-only/) });
    expect(sha256(path)).toBe(before);

    const reopened = serviceIn(dir);
    expect(await reopened.call('incident.open', { path })).toMatchObject({ ok: true, value: { title: 'Before the kill' } });
    reopened.service.close();
    expect(existsSync(`${path}-journal`) ? statSync(`${path}-journal`).size : 0).toBe(0);
    expect(integrityOf(path)).toBe('ok');
    const incident = IncidentDb.open(path, { readOnly: true });
    try {
      expect(incident.db.prepare("SELECT COUNT(*) FROM incident_meta WHERE key LIKE 'uncommitted-%'").pluck().get()).toBe(0);
    } finally {
      incident.close();
    }
  });
});

describe('damaged incident files', () => {
  async function writeRealIncident(dir: string): Promise<string> {
    const path = join(dir, 'real.hindsight');
    const { service, call } = serviceIn(dir);
    expect(await call('incident.create', { path })).toMatchObject({ ok: true });
    expect(await call('import.paths', { paths: [writeLog(join(dir, 'app.jsonl'), 3000)] })).toMatchObject({ ok: true });
    expect(await call('annotations.create', { kind: 'note', tsMs: Date.parse('2026-11-10T14:10:00Z'), title: 'Before the damage' })).toMatchObject({ ok: true });
    service.close();
    return path;
  }

  /** Opens the file through the service and reads it the way the UI's first screen does; never `internal`. */
  async function openAndRead(dir: string, path: string): Promise<ApiEnvelope<unknown>[]> {
    const { service, call } = serviceIn(dir);
    const answers: ApiEnvelope<unknown>[] = [];
    const opened = await call('incident.open', { path });
    answers.push(opened);
    if (opened.ok) {
      for (const [method, args] of [
        ['incident.info', {}],
        ['incident.sources', {}],
        ['events.around', { tsMs: Date.parse('2026-11-10T14:20:00Z') }],
        ['annotations.list', {}],
      ] as const) {
        answers.push(await call(method, args));
      }
    }
    service.close();
    for (const answer of answers) {
      if (!answer.ok) expect(answer.error.code, answer.error.message).not.toBe('internal');
    }
    return answers;
  }

  it('refuses a truncated incident with one sentence and does not modify it', async () => {
    const dir = tempDir();
    const path = await writeRealIncident(dir);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const before = sha256(path);
    const answers = await openAndRead(dir, path);
    const refusal = answers.find((answer) => !answer.ok);
    expect(refusal, 'some call must notice the file is damaged').toBeDefined();
    expectOneSentence(refusal!, 'not_an_incident');
    expect(sha256(path)).toBe(before);
  });

  it.each([
    ['timeline counts', "UPDATE lod_levels SET lane_keys = '[\"1'", 'timeline.density'],
    ['timeline counts', "UPDATE lod_levels SET cumulative = x'0102'", 'timeline.density'],
    ['rollout model', "UPDATE replay_hosts SET timeline = x'000000000000f03f'", 'replay.stateAt'],
  ] as const)('refuses stored %s whose bytes were damaged with one sentence (%s)', async (what, damage, method) => {
    const dir = tempDir();
    const path = await writeRealIncident(dir);
    const db = IncidentDb.open(path);
    db.db.exec(damage);
    db.close();
    const { service, call } = serviceIn(dir);
    try {
      const opened = await call('incident.open', { path });
      const tsMs = Date.parse('2026-11-10T14:20:00Z');
      const args = method === 'timeline.density' ? { fromMs: tsMs - 3_600_000, toMs: tsMs + 3_600_000, bucketCount: 100, laneBy: 'source' } : { tsMs };
      const answer = opened.ok ? await call(method, args) : opened;
      expectOneSentence(answer, 'not_an_incident');
      expect(answer.ok ? '' : answer.error.message).toContain(`The ${what} stored in the incident file are damaged`);
    } finally {
      service.close();
    }
  });

  it('survives random byte corruption of a real incident: a clear refusal or a working file, never a crash, never a write', async () => {
    const dir = tempDir();
    const original = readFileSync(await writeRealIncident(dir));
    let seed = 20261110;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 12; trial++) {
      const damaged = Buffer.from(original);
      const flips = 1 + Math.floor(random() * 64);
      for (let i = 0; i < flips; i++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      const path = join(dir, `damaged-${trial}.hindsight`);
      writeFileSync(path, damaged);
      const before = sha256(path);
      await openAndRead(dir, path);
      expect(sha256(path), `trial ${trial}`).toBe(before);
    }
  });
});
