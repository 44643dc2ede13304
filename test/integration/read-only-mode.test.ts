/**
 * `hindsight serve --read-only` (showing an incident to a room): every API method is classified as
 * read-only-safe or mutating, every mutating one is refused over the real HTTP shell, and the incident
 * file is byte-for-byte unchanged afterwards. NOTE: a new API method fails this test until it is added
 * to one of the two lists below — decide which, and make a mutating handler call requireWritable().
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { startHttpShell } from '../../src/server/http-shell';
import { useTempDirs } from '../support/temp-dir';
import { postToShell } from '../support/shell-post';

const tempDir = useTempDirs();

/** Methods that only read (or only change which incident this session shows). */
const READ_ONLY_SAFE: readonly ApiMethod[] = [
  'app.status',
  'incident.open',
  'incident.close',
  'incident.info',
  'incident.sources',
  'timeline.density',
  'events.around',
  'events.get',
  'events.step',
  'unparsed.list',
  'search.parse',
  'search.hosts',
  'annotations.list',
  'annotations.history',
  'stars.list',
  'postmortem.get',
  'export.defaultPath',
  'replay.stateAt',
  'replay.hosts',
  'replay.rollouts',
  'replay.groupingRules',
  'runbooks.library',
  'runbooks.reload',
  'runbooks.get',
  'runbooks.links',
  'runbooks.markers',
  'runbooks.runs',
  'runbooks.currentRun',
  'runbooks.executionRecord',
  'search.pages',
  // Stopping an import or a follow changes no data, and none can run on a read-only service anyway.
  'import.cancel',
  'import.unfollow',
  'import.following',
  'insight.findings',
  'insight.compare',
];

const TS_MS = Date.parse('2026-11-10T14:00:00.000Z');

/** Methods that change the incident, app settings or files on disk, each with arguments that would succeed when writable. */
function mutatingCalls(dir: string, annotationUid: string): Record<string, unknown> {
  return {
    'incident.openSample': {},
    'incident.create': { path: join(dir, 'new.hindsight') },
    'import.paths': { paths: [join(dir, 'fleet.jsonl')] },
    'annotations.create': { kind: 'note', tsMs: TS_MS, title: 'From the room' },
    'annotations.update': { uid: annotationUid, patch: { title: 'Changed by a viewer' } },
    'annotations.delete': { uid: annotationUid },
    'annotations.restore': { uid: annotationUid },
    'annotations.merge': { path: join(dir, 'incident.hindsight') },
    'stars.set': { eventId: 1, isStarred: true },
    'postmortem.update': { title: 'Changed by a viewer' },
    'export.write': { format: 'md', path: join(dir, 'written-by-a-viewer.md') },
    'replay.addGroupingRule': { pattern: 'api-*', group: 'api' },
    'replay.deleteGroupingRule': { id: 1 },
    'runbooks.addFolder': { path: join(dir, 'runbooks') },
    'runbooks.removeFolder': { path: join(dir, 'runbooks') },
    'runbooks.link': { runbookId: 'cron-collides-with-rollout', tsMs: TS_MS },
    'runbooks.unlink': { linkId: 1, actor: 'viewer' },
    'runbooks.startRun': { runbookId: 'cron-collides-with-rollout', actor: 'viewer', tsMs: TS_MS },
    'runbooks.recordStep': { runbookId: 'cron-collides-with-rollout', stepIndex: 0, action: 'tick', actor: 'viewer', tsMs: TS_MS },
    'import.follow': { paths: [join(dir, 'fleet.jsonl')] },
    'import.uploadBegin': { fileName: 'dropped.jsonl', sizeBytes: 10 },
    'import.uploadChunk': { uploadId: '0'.repeat(32), offsetBytes: 0, dataBase64: 'aGVsbG8=' },
    'import.uploadFinish': { uploadIds: ['0'.repeat(32)] },
    'import.uploadCancel': { uploadIds: ['0'.repeat(32)] },
    'sources.setClockOffset': { sourceId: 1, offsetMs: 1000 },
    'insight.dismiss': { key: 'burst:any' },
    'insight.restore': { key: 'burst:any' },
    'insight.toAnnotation': { key: 'burst:any' },
  };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A small incident with one imported file and one annotation, written by a normal (writable) service. */
async function writeIncident(dir: string): Promise<{ path: string; annotationUid: string }> {
  const path = join(dir, 'incident.hindsight');
  writeFileSync(
    join(dir, 'fleet.jsonl'),
    [
      '{"ts":"2026-11-10T14:00:00.000Z","level":"info","host":"api-001","service":"nginx","msg":"GET /healthz 200"}',
      '{"ts":"2026-11-10T14:00:01.250Z","level":"error","host":"storage-07","service":"rsync","msg":"rsync: failed to open segment 118"}',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'runbooks'));
  const writer = createService({ dataDir: join(dir, 'writer-data'), emit: () => undefined });
  const value = async (method: ApiMethod, args: unknown): Promise<unknown> => {
    const envelope = await dispatch(writer.handlers, method, args);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value;
  };
  await value('incident.create', { path, title: 'Shown to a room' });
  await value('import.paths', { paths: [join(dir, 'fleet.jsonl')] });
  const annotation = (await value('annotations.create', { kind: 'note', tsMs: TS_MS, title: 'Original' })) as { uid: string };
  writer.close();
  return { path, annotationUid: annotation.uid };
}

describe('read-only mode', () => {
  it('classifies every API method as read-only-safe or mutating', () => {
    const mutating = Object.keys(mutatingCalls('/x', 'uid'));
    const unclassified = API_METHODS.filter((method) => !READ_ONLY_SAFE.includes(method) && !mutating.includes(method));
    expect(unclassified, 'add each new method to READ_ONLY_SAFE or mutatingCalls').toEqual([]);
    expect(READ_ONLY_SAFE.filter((method) => mutating.includes(method))).toEqual([]);
    const stale = [...READ_ONLY_SAFE, ...mutating].filter((method) => !(API_METHODS as string[]).includes(method));
    expect(stale, 'methods that no longer exist').toEqual([]);
  });

  it('refuses every mutating method over the HTTP shell, and leaves the incident file and the disk untouched', async () => {
    const dir = tempDir();
    const { path, annotationUid } = await writeIncident(dir);
    const before = sha256(path);
    const shell = await startHttpShell({ dataDir: join(dir, 'viewer-data'), rendererDir: dir, incidentPath: path, readOnly: true });
    try {
      for (const [method, args] of Object.entries(mutatingCalls(dir, annotationUid))) {
        const envelope = await postToShell(shell.port, shell.token, method, args);
        expect(envelope, method).toMatchObject({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/read-only/) } });
        if (!envelope.ok) expect(envelope.error.message.split(/\.\s/).length, `${method}: one sentence`).toBe(1);
      }
      for (const method of READ_ONLY_SAFE.filter((name) => name !== 'incident.open' && name !== 'incident.close')) {
        const envelope = await postToShell(shell.port, shell.token, method, {});
        if (!envelope.ok) expect(envelope.error.code, method).not.toBe('internal');
      }
      const info = await postToShell(shell.port, shell.token, 'incident.info', {});
      expect(info).toMatchObject({ ok: true, value: { title: 'Shown to a room', eventCount: 2 } });
    } finally {
      await shell.close();
    }
    expect(sha256(path)).toBe(before);
    expect(existsSync(join(dir, 'new.hindsight'))).toBe(false);
    expect(existsSync(join(dir, 'written-by-a-viewer.md'))).toBe(false);
    expect(existsSync(join(dir, 'viewer-data', 'sample.hindsight'))).toBe(false);
  });
});
