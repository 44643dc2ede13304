import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import type { ExecutionRecord, RunbookLibraryState, RunbookLink, RunbookMarker } from '../../src/model/runbook';
import { compileWithWindow } from '../../src/runbooks/compile-sql';
import { parseMatchRule, parseMatchWindow } from '../../src/runbooks/match-rule';
import { IncidentDb } from '../../src/store/incident-db';
import { findMatchClusters } from '../../src/store/runbook-links';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

const LINES = [
  { ts: '2026-11-10T11:00:00Z', level: 'info', host: 'ctl', service: 'rollout-controller', kind: 'rollout.started', msg: 'rollout started' },
  { ts: '2026-11-10T10:59:00Z', level: 'error', host: 'storage-07', service: 'storage-bootstrap.service', msg: 'rsync: failed to open segment 0aa metadata: No such file or directory' },
  { ts: '2026-11-10T11:10:00Z', level: 'error', host: 'storage-07', service: 'storage-bootstrap.service', msg: 'rsync: failed to open segment 0bb metadata: No such file or directory' },
  { ts: '2026-11-10T11:11:00Z', level: 'fatal', host: 'storage-08', service: 'storage-bootstrap.service', msg: 'panic: segment 0bb: data file present but metadata missing' },
  { ts: '2026-11-10T11:12:00Z', level: 'warn', host: 'api-001', service: 'rollout-controller', kind: 'host.drain.timeout', msg: 'graceful restart failed on api-001', role: 'api', wave: 1 },
  { ts: '2026-11-10T11:13:00Z', level: 'warn', host: 'worker-002', service: 'rollout-controller', kind: 'host.drain.timeout', msg: 'graceful restart failed on worker-002', role: 'worker', wave: 2 },
  { ts: '2026-11-10T12:00:00Z', level: 'info', host: 'ctl', service: 'rollout-controller', kind: 'rollout.completed', msg: 'rollout completed' },
  { ts: '2026-11-10T12:30:00Z', level: 'error', host: 'storage-09', service: 'storage-bootstrap.service', msg: 'RSYNC: FAILED TO OPEN SEGMENT 0cc METADATA' },
];

async function setup() {
  const dir = tempDir();
  const logPath = join(dir, 'fleet.jsonl');
  writeFileSync(logPath, `${LINES.map((line) => JSON.stringify(line)).join('\n')}\n`);
  const shipped = join(dir, 'shipped');
  mkdirSync(shipped);
  const events: { name: string; payload: unknown }[] = [];
  const service = createService({ dataDir: join(dir, 'data'), emit: (name, payload) => events.push({ name, payload }) });
  const value = async <T>(method: ApiMethod, args: unknown = {}): Promise<T> => {
    const envelope = await dispatch(service.handlers, method, args);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  const incidentPath = join(dir, 'outage.hindsight');
  await value('incident.create', { path: incidentPath });
  await value('import.paths', { paths: [logPath] });
  return { dir, events, service, value, incidentPath };
}

function runbookFile(id: string, match: string[], steps = ['- [ ] Check', '- [ ] Pause', '- [ ] Roll back', '- [ ] Resume']): string {
  return ['---', `id: ${id}`, `title: ${id} title`, 'summary: S.', 'owner: oncall', 'severity: high', ...match, '---', '', `# ${id}`, '', ...steps, ''].join('\n');
}

/** Matches `match` (and `window`) YAML values against the small incident, returning [first ts, count] per cluster. */
function clustersOf(incidentPath: string, matchValue: unknown, windowValue?: unknown): [string, number][] {
  const incident = IncidentDb.open(incidentPath);
  try {
    const compiled = compileWithWindow(parseMatchRule(matchValue), windowValue === undefined ? null : parseMatchWindow(windowValue));
    return findMatchClusters(incident, [{ runbookId: 'r', title: 'r', ...compiled }], 15 * 60_000).map((c) => [new Date(c.firstMs).toISOString().slice(11, 16), c.count]);
  } finally {
    incident.close();
  }
}

describe('match rules compiled to SQL', () => {
  it('matches fields, globs, attributes, words, regexes and combinations', async () => {
    const { incidentPath, service } = await setup();
    service.close();
    expect(clustersOf(incidentPath, { kind: 'host.drain.timeout' })).toEqual([['11:12', 2]]);
    expect(clustersOf(incidentPath, { kind: 'host.drain.timeout', attrs: { role: 'worker', wave: 2 } })).toEqual([['11:13', 1]]);
    expect(clustersOf(incidentPath, { host: 'storage-0[78]', level: ['fatal'] })).toEqual([['11:11', 1]]);
    expect(clustersOf(incidentPath, { message: 'failed to open segment' })).toEqual([['10:59', 2], ['12:30', 1]]);
    expect(clustersOf(incidentPath, { regex: 'failed to open segment [0-9a-f]+ metadata' })).toEqual([['10:59', 2]]);
    expect(clustersOf(incidentPath, { regex: '/failed to open segment [0-9a-f]+ metadata/i' })).toEqual([['10:59', 2], ['12:30', 1]]);
    expect(clustersOf(incidentPath, { all: [{ service: 'storage-bootstrap*' }, { not: { host: 'storage-07' } }] })).toEqual([['11:11', 1], ['12:30', 1]]);
    expect(clustersOf(incidentPath, { any: [{ kind: 'rollout.started' }, { kind: 'rollout.completed' }] })).toEqual([['11:00', 1], ['12:00', 1]]);
    expect(clustersOf(incidentPath, { message: '100%_done' })).toEqual([]);
  });

  it('restricts matches to a window relative to rollout events, with a margin', async () => {
    const { incidentPath, service } = await setup();
    service.close();
    const rule = { message: 'failed to open segment' };
    expect(clustersOf(incidentPath, rule, { after: { kind: 'rollout.started' }, until: { kind: 'rollout.completed' } })).toEqual([['11:10', 1]]);
    expect(clustersOf(incidentPath, rule, { after: { kind: 'rollout.started' }, margin: '1m' })).toEqual([['10:59', 2], ['12:30', 1]]);
    expect(clustersOf(incidentPath, rule, { after: { kind: 'never.happens' } })).toEqual([]);
  });
});

describe('runbooks through the service', () => {
  it('lists invalid files with file, line and reason while the others load, and reloads a watched folder on change', async () => {
    const { dir, events, service, value } = await setup();
    const folder = join(dir, 'team-runbooks');
    mkdirSync(folder);
    writeFileSync(join(folder, 'good.md'), runbookFile('team-good', ['match: { kind: host.drain.timeout }']));
    writeFileSync(join(folder, 'bad.md'), runbookFile('team-bad', ['match:', '  regex: "(a+)+$"']));
    const state = await value<RunbookLibraryState>('runbooks.addFolder', { path: folder });
    expect(state.runbooks.map((r) => r.id)).toContain('team-good');
    expect(state.invalid).toEqual([{ file: join(folder, 'bad.md'), line: 8, reason: expect.stringMatching(/exponential time/) }]);
    expect(state.folders.some((f) => f.path === folder && !f.isShipped)).toBe(true);

    // The user fixes the file in an editor; saved again each second until the watcher (which starts
    // asynchronously) has seen it, as an editor's repeated saves would.
    const deadline = Date.now() + 15_000;
    let latest = state;
    for (let attempt = 0; Date.now() < deadline && latest.runbooks.every((r) => r.id !== 'team-fixed'); attempt += 1) {
      if (attempt % 10 === 0) writeFileSync(join(folder, 'bad.md'), runbookFile('team-fixed', ['match: { regex: "a+$" }']));
      await new Promise((resolve) => setTimeout(resolve, 100));
      latest = await value<RunbookLibraryState>('runbooks.library');
    }
    expect(latest.runbooks.map((r) => r.id)).toContain('team-fixed');
    expect(latest.invalid).toEqual([]);
    expect(events.some((e) => e.name === 'runbooks.changed')).toBe(true);

    const removed = await value<RunbookLibraryState>('runbooks.removeFolder', { path: folder });
    expect(removed.runbooks.map((r) => r.id)).not.toContain('team-good');
    service.close();
  });

  it('links automatically, links by hand, remembers an unlink, and records ticks as one ordered log', async () => {
    const { dir, service, value, incidentPath } = await setup();
    const folder = join(dir, 'rb');
    mkdirSync(folder);
    writeFileSync(join(folder, 'drain.md'), runbookFile('drain', ['match: { kind: host.drain.timeout }']));
    writeFileSync(join(folder, 'rsync.md'), runbookFile('rsync', ['match: { regex: "failed to open segment" }']));
    await value('runbooks.addFolder', { path: folder });

    const mine = (all: RunbookLink[]) => all.filter((l) => l.runbookId === 'drain' || l.runbookId === 'rsync');
    const links = mine(await value<RunbookLink[]>('runbooks.links', {}));
    expect(links.map((l) => [l.runbookId, l.origin, l.matchCount])).toEqual([
      ['rsync', 'auto', 2],
      ['drain', 'auto', 2],
    ]);
    const drainLink = links.find((l) => l.runbookId === 'drain')!;
    expect(drainLink.endMs! - drainLink.tsMs).toBe(60_000);

    await value('runbooks.unlink', { linkId: links[0]!.id, actor: 'priya' });
    const manual = await value<RunbookLink>('runbooks.link', { runbookId: 'rsync', tsMs: Date.parse('2026-11-10T12:30:00Z') });
    const relinked = mine(await value<RunbookLink[]>('runbooks.links', { relink: true }));
    expect(relinked.map((l) => [l.runbookId, l.origin])).toEqual([
      ['drain', 'auto'],
      ['rsync', 'manual'],
    ]);
    expect(relinked.find((l) => l.origin === 'manual')?.id).toBe(manual.id);

    const t0 = Date.parse('2026-11-10T11:15:00Z');
    await value('runbooks.recordStep', { runbookId: 'drain', stepIndex: 0, action: 'tick', actor: 'priya', tsMs: t0 });
    await value('runbooks.recordStep', { runbookId: 'drain', stepIndex: 0, action: 'note', note: 'two hosts, both long-poll', actor: 'priya', tsMs: t0 + 1000 });
    const record = await value<ExecutionRecord>('runbooks.recordStep', { runbookId: 'drain', stepIndex: 2, action: 'tick', actor: 'marco', tsMs: t0 + 60_000 });
    expect(record.steps.map((s) => s.outcome)).toEqual(['done', 'skipped', 'done', 'not-reached']);
    expect(record.log.map((e) => (e.type === 'skipped' ? `skipped: ${e.stepText}` : `${e.record.actor} ${e.record.action}: ${e.record.stepText}`))).toEqual([
      'priya tick: Check',
      'priya note: Check',
      'skipped: Pause',
      'marco tick: Roll back',
    ]);
    expect(record.snapshotText).toContain('id: drain');
    const again = await value<ExecutionRecord>('runbooks.executionRecord', { runId: record.run.id });
    expect(again.log).toEqual(record.log);

    const markers = await value<RunbookMarker[]>('runbooks.markers', { fromMs: t0 - 3_600_000, toMs: t0 + 3_600_000 });
    expect(markers.filter((m) => m.type === 'step').map((m) => m.type === 'step' && `${m.actor} ${m.action} ${m.stepIndex}`)).toEqual(['priya tick 0', 'priya note 0', 'marco tick 2']);
    expect(markers.some((m) => m.type === 'link' && m.runbookId === 'drain')).toBe(true);
    expect(markers.some((m) => m.type === 'link' && m.runbookId === 'graceful-restart-failed')).toBe(true);

    const refused = await dispatch(service.handlers, 'runbooks.recordStep', { runbookId: 'drain', stepIndex: 9, action: 'tick', actor: 'priya', tsMs: t0 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/no step 10/) } });
    const noName = await dispatch(service.handlers, 'runbooks.recordStep', { runbookId: 'drain', stepIndex: 0, action: 'tick', actor: '  ', tsMs: t0 });
    expect(noName).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    service.close();

    // The incident is self-contained: the snapshot is readable by SQL, and a service without the folder shows it.
    const incident = IncidentDb.open(incidentPath, { readOnly: true });
    const snapshots = incident.db.prepare('SELECT runbook_id FROM runbook_snapshots ORDER BY runbook_id').pluck().all();
    incident.close();
    expect(snapshots).toEqual(expect.arrayContaining(['drain', 'rsync']));
    const other = createService({ dataDir: join(dir, 'other-data'), emit: () => undefined });
    other.openIncident(incidentPath);
    const view = await dispatch(other.handlers, 'runbooks.get', { id: 'drain' });
    expect(view).toMatchObject({ ok: true, value: { id: 'drain', isFromSnapshot: true, stepCount: 4 } });
    other.close();
  });
});
