/** Annotations through the real service over real incident files: durability, undo data, merge, read-only. */
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { main } from '../../src/cli/main';
import type { Annotation, MergeSummary } from '../../src/model/annotation';
import { listAnnotations } from '../../src/store/annotation-store';
import { IncidentDb } from '../../src/store/incident-db';
import { at, writeAnnotatedIncident } from '../support/postmortem-fixture';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const ROOT = join(__dirname, '..', '..');

function serviceOn(dir: string, options: { readOnly?: boolean } = {}) {
  const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined, readOnly: options.readOnly });
  const call = (method: ApiMethod, args: unknown = {}) => dispatch(service.handlers, method, args);
  const value = async <T>(method: ApiMethod, args: unknown = {}): Promise<T> => {
    const envelope = await call(method, args);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  return { service, call, value };
}

function readAnnotations(path: string): Annotation[] {
  const incident = IncidentDb.open(path, { readOnly: true });
  try {
    return listAnnotations(incident);
  } finally {
    incident.close();
  }
}

describe('annotation durability', () => {
  it('keeps an annotation saved by a process that is SIGKILLed right after the call returns', async () => {
    const dir = tempDir();
    const path = await writeAnnotatedIncident(dir);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run-ts.mjs'), join(ROOT, 'test', 'support', 'annotate-and-wait.ts'), path, 'Written just before the crash'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const uid = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += String(chunk);
        const match = /saved (\S+)\n/.exec(stdout);
        if (match) {
          child.kill('SIGKILL');
          resolve(match[1]!);
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`the child exited (${code}) before saving: ${stderr}`));
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    const saved = readAnnotations(path).find((a) => a.uid === uid);
    expect(saved?.title).toBe('Written just before the crash');
  }, 60_000);
});

describe('annotations through the API', () => {
  it('creates, edits with a before/after for undo, deletes and restores, keeping a history', async () => {
    const dir = tempDir();
    const path = await writeAnnotatedIncident(dir);
    const { service, value } = serviceOn(dir);
    service.openIncident(path);
    const created = await value<Annotation>('annotations.create', { kind: 'key-moment', tsMs: at('2024-05-02T14:02:00Z'), title: 'Draft', author: 'kim' });
    const { before, after } = await value<{ before: Annotation; after: Annotation }>('annotations.update', { uid: created.uid, patch: { title: 'Final', endMs: at('2024-05-02T14:03:00Z') }, author: 'kim' });
    expect(before.title).toBe('Draft');
    expect(after).toMatchObject({ title: 'Final', endMs: at('2024-05-02T14:03:00Z') });
    await value('annotations.delete', { uid: created.uid, author: 'kim' });
    expect((await value<Annotation[]>('annotations.list')).some((a) => a.uid === created.uid)).toBe(false);
    await value('annotations.restore', { uid: created.uid, author: 'kim' });
    expect((await value<Annotation[]>('annotations.list')).find((a) => a.uid === created.uid)?.title).toBe('Final');
    const history = await value<{ action: string; author: string }[]>('annotations.history', { uid: created.uid });
    expect(history.map((h) => h.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(history.every((h) => h.author === 'kim')).toBe(true);
    service.close();
  });

  it('refuses a range that ends before it starts and evidence from outside the incident', async () => {
    const dir = tempDir();
    const { service, call } = serviceOn(dir);
    service.openIncident(await writeAnnotatedIncident(dir));
    const backwards = await call('annotations.create', { kind: 'impact', tsMs: 2000, endMs: 1000 });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/end at or after its start/) } });
    const foreign = await call('annotations.create', { kind: 'note', tsMs: 1000, eventIds: [999_999] });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'not_found' } });
    service.close();
  });

  it('refuses every edit (and exports, which write files) in read-only mode with a clear message, but still lists', async () => {
    const dir = tempDir();
    const path = await writeAnnotatedIncident(dir);
    const { service, call } = serviceOn(dir, { readOnly: true });
    service.openIncident(path);
    const [first] = readAnnotations(path);
    const attempts = await Promise.all([
      call('annotations.create', { kind: 'note', tsMs: 1 }),
      call('annotations.update', { uid: first!.uid, patch: { title: 'x' } }),
      call('annotations.delete', { uid: first!.uid }),
      call('stars.set', { eventId: 1, isStarred: true }),
      call('postmortem.update', { title: 'x' }),
      call('annotations.merge', { path }),
    ]);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/read-only/) } });
    }
    expect(await call('annotations.list')).toMatchObject({ ok: true });
    expect(await call('export.write', { format: 'html', path: join(dir, 'out.html') })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    service.close();
  });
});

describe('merging a colleague’s copy', () => {
  it('adds their new notes, takes their newer edits and deletions, and never duplicates', async () => {
    const dir = tempDir();
    const ours = await writeAnnotatedIncident(dir);
    const theirs = join(dir, 'colleague.hindsight');
    copyFileSync(ours, theirs);
    const shared = readAnnotations(ours);
    const trigger = shared.find((a) => a.kind === 'trigger')!;
    const question = shared.find((a) => a.kind === 'question')!;

    const colleague = serviceOn(dir);
    colleague.service.openIncident(theirs);
    await colleague.value('annotations.create', { kind: 'diagnosis', tsMs: at('2024-05-02T14:05:00Z'), title: 'Their diagnosis', eventIds: [5], author: 'lee' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await colleague.value('annotations.update', { uid: trigger.uid, patch: { body: 'Their better explanation.' }, author: 'lee' });
    await colleague.value('annotations.delete', { uid: question.uid, author: 'lee' });
    await colleague.value('stars.set', { eventId: 6, isStarred: true, author: 'lee' });
    await colleague.value('postmortem.update', { sections: { summary: 'Their summary.' }, author: 'lee' });
    colleague.service.close();

    const me = serviceOn(dir);
    me.service.openIncident(ours);
    await me.value('annotations.create', { kind: 'note', tsMs: at('2024-05-02T14:06:00Z'), title: 'My own note', author: 'kim' });
    const summary = await me.value<MergeSummary>('annotations.merge', { path: theirs });
    expect(summary).toMatchObject({ added: 1, updated: 1, deleted: 1, starsAdded: 1, sectionsUpdated: 1, anchorsSkipped: 0 });
    const merged = await me.value<Annotation[]>('annotations.list');
    expect(merged).toHaveLength(shared.length + 1);
    expect(new Set(merged.map((a) => a.uid)).size).toBe(merged.length);
    expect(merged.find((a) => a.uid === trigger.uid)?.body).toBe('Their better explanation.');
    expect(merged.some((a) => a.uid === question.uid)).toBe(false);
    expect(merged.find((a) => a.title === 'Their diagnosis')?.eventIds).toEqual([5]);
    expect(merged.some((a) => a.title === 'My own note')).toBe(true);

    const again = await me.value<MergeSummary>('annotations.merge', { path: theirs });
    expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0, starsAdded: 0, sectionsUpdated: 0 });
    expect(await me.value<Annotation[]>('annotations.list')).toHaveLength(merged.length);
    me.service.close();

    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), isErrTty: false };
    expect(await main(['node', 'hindsight', 'merge', ours, theirs, '--json'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect(readAnnotations(ours)).toHaveLength(merged.length);
  });

  it('skips event references when the other file is a different incident', async () => {
    const dir = tempDir();
    const ours = await writeAnnotatedIncident(dir);
    const other = join(dir, 'other.hindsight');
    const logPath = join(dir, 'other.jsonl');
    writeFileSync(logPath, '{"ts":"2024-01-01T00:00:00Z","msg":"unrelated one"}\n{"ts":"2024-01-01T00:00:01Z","msg":"unrelated two"}\n');
    const them = serviceOn(dir);
    them.service.openIncident(other, true);
    await them.value('import.paths', { paths: [logPath] });
    await them.value('annotations.create', { kind: 'note', tsMs: 1, title: 'Points at their event 2', eventIds: [2], author: 'lee' });
    them.service.close();

    const me = serviceOn(dir);
    me.service.openIncident(ours);
    const summary = await me.value<MergeSummary>('annotations.merge', { path: other });
    expect(summary).toMatchObject({ added: 1, anchorsSkipped: 1 });
    expect((await me.value<Annotation[]>('annotations.list')).find((a) => a.title === 'Points at their event 2')?.eventIds).toEqual([]);
    me.service.close();
  });
});
