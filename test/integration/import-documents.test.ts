import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';

const FIXTURES = resolve(__dirname, '../fixtures/importers/documents');
const REAL_DATA = resolve(__dirname, '../../../shared/data/real');
const root = mkdtempSync(join(tmpdir(), 'hindsight-documents-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let incident: IncidentDb;
let caseIndex = 0;
beforeEach(() => {
  const caseDir = join(root, `case-${caseIndex++}`);
  mkdirSync(caseDir);
  incident = IncidentDb.open(join(caseDir, 'test.hindsight'), { create: true });
  return () => incident.close();
});

interface Range {
  line_start: number;
  line_end: number;
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  return incident.db.prepare(sql).all(...params) as T[];
}

/** Every line 1..lineCount lies in an event's range or in exactly one unparsed record, never both. */
function expectEveryLineAccounted(sourceId: number, lineCount: number): void {
  const events = rows<Range>('SELECT line_start, line_end FROM events WHERE source_id = ?', sourceId);
  const unparsed = rows<Range>('SELECT line_start, line_end FROM unparsed WHERE source_id = ?', sourceId);
  const inEvent = new Set<number>();
  const unparsedCount = new Map<number, number>();
  for (const e of events) for (let line = e.line_start; line <= e.line_end; line++) inEvent.add(line);
  for (const u of unparsed) for (let line = u.line_start; line <= u.line_end; line++) unparsedCount.set(line, (unparsedCount.get(line) ?? 0) + 1);
  const wrong: number[] = [];
  for (let line = 1; line <= lineCount; line++) {
    const count = unparsedCount.get(line) ?? 0;
    if (inEvent.has(line) ? count !== 0 : count !== 1) wrong.push(line);
  }
  expect(wrong, 'lines not accounted for exactly once').toEqual([]);
  expect(Math.max(0, ...events.map((e) => e.line_end), ...unparsed.map((u) => u.line_end))).toBe(lineCount);
}

describe('importing document and container formats', () => {
  it('reads a kubectl events List with each event over its own lines and the wrapper lines absorbed', async () => {
    const summary = await importPaths(incident, [join(FIXTURES, 'k8s-events.json')]);
    const source = summary.sources[0]!;
    expect(source).toMatchObject({ format: 'kubernetes-events', lines: 37, events: 2, unparsed: 1 });
    const events = rows<Range & { ts_ms: number; end_ms: number | null; level: string; kind: string; host: string | null; service: string | null; raw: string; attrs: string }>(
      'SELECT * FROM events ORDER BY line_start',
    );
    expect(events.map((e) => [e.line_start, e.line_end])).toEqual([[1, 15], [16, 25]]);
    expect(events[0]).toMatchObject({ level: 'warn', kind: 'BackOff', host: 'node-17', service: 'checkout/api-7f9c-x2k4p', ts_ms: Date.UTC(2024, 4, 2, 10, 15, 30), end_ms: Date.UTC(2024, 4, 2, 10, 17, 45) });
    expect(JSON.parse(events[0]!.raw)).toMatchObject({ reason: 'BackOff', count: 4 });
    expect(JSON.parse(events[0]!.attrs)).toMatchObject({ count: 4, involvedObject: { kind: 'Pod', name: 'api-7f9c-x2k4p', namespace: 'checkout' } });
    expect(events[1]).toMatchObject({ level: 'info', kind: 'NodeNotReady', host: 'node-17', service: null });
    const unparsed = rows<Range & { reason: string; raw: string }>('SELECT * FROM unparsed');
    expect(unparsed).toMatchObject([{ line_start: 26, line_end: 37, reason: expect.stringMatching(/without eventTime, firstTimestamp/) as unknown }]);
    expectEveryLineAccounted(source.sourceId, source.lines);
  });

  it('reads a Slack export folder: channel from the folder, names from users.json, threads kept, metadata set aside', async () => {
    const summary = await importPaths(incident, [join(FIXTURES, 'slack-export')]);
    expect(summary.sources.map((s) => [s.format, s.events, s.unparsed])).toEqual([['slack', 2, 0]]);
    expect(summary.refused?.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^channels\.json describes a Slack export/),
      expect.stringMatching(/^users\.json describes a Slack export/),
    ]);
    const events = rows<Range & { ts_ms: number; ts_sub_ns: number; service: string; host: string | null; kind: string; attrs: string }>('SELECT * FROM events ORDER BY ts_ms');
    expect(events.map((e) => [e.line_start, e.line_end, e.service, e.host, e.kind])).toEqual([[1, 9, 'incident-812', null, 'message'], [10, 18, 'incident-812', null, 'message']]);
    expect(events[1]).toMatchObject({ ts_ms: 1714645290012, ts_sub_ns: 345_000 });
    expect(JSON.parse(events[0]!.attrs)).toMatchObject({ user: 'U061A1R2R', user_name: 'Dana Reyes', thread_ts: '1714645263.000100', reply_count: 1 });
    expect(JSON.parse(events[1]!.attrs)).toMatchObject({ user_name: 'Sam Okafor', parent_ts: '1714645263.000100' });
    expectEveryLineAccounted(summary.sources[0]!.sourceId, summary.sources[0]!.lines);
  });

  it('joins CRI partial lines into one event over their lines; stderr without a level word is a warning', async () => {
    const summary = await importPaths(incident, [join(FIXTURES, 'container-cri.log')]);
    expect(summary.sources[0]).toMatchObject({ format: 'cri', lines: 6, events: 3, unparsed: 1 });
    const events = rows<Range & { level: string; message: string }>('SELECT line_start, line_end, level, message FROM events ORDER BY line_start');
    expect(events).toEqual([
      { line_start: 1, line_end: 1, level: 'info', message: 'starting api v2.4.1' },
      { line_start: 2, line_end: 4, level: 'error', message: '{"level":"error","msg":"dump of a long line"}' },
      { line_start: 5, line_end: 5, level: 'warn', message: 'connection refused' },
    ]);
    expectEveryLineAccounted(summary.sources[0]!.sourceId, 6);
  });

  it('joins Docker json-file lines split without a newline', async () => {
    const summary = await importPaths(incident, [join(FIXTURES, 'container-docker.log')]);
    expect(summary.sources[0]).toMatchObject({ format: 'docker-json', lines: 3, events: 2, unparsed: 0 });
    const events = rows<Range & { level: string; message: string }>('SELECT line_start, line_end, level, message FROM events ORDER BY line_start');
    expect(events).toEqual([
      { line_start: 1, line_end: 1, level: 'info', message: 'GET /healthz 200' },
      { line_start: 2, line_end: 3, level: 'fatal', message: 'panic: runtime error: index out of range' },
    ]);
  });

  it('imports a document that is not valid JSON line by line as unparsed, with the error position', async () => {
    const summary = await importPaths(incident, [join(FIXTURES, 'broken-annotations.json')], { format: 'grafana-annotations' });
    expect(summary.sources[0]).toMatchObject({ format: 'grafana-annotations', lines: 4, events: 0, unparsed: 4 });
    const reasons = rows<{ reason: string }>('SELECT DISTINCT reason FROM unparsed').map((r) => r.reason);
    expect(reasons).toEqual(["invalid JSON: Expected ',' or '}' after property value but found '{' at line 3 column 3"]);
  });
});

/** The real files in the shared corpus that are in these formats, with their expected format and event count. */
const REAL_FILES: readonly [string, string, number][] = [
  ['openshift/events_openshift-machine-api.json', 'kubernetes-events', 2],
  ['github/deployment.payload.json', 'github-deployments', 1],
  ['github/deployment_status.payload.json', 'github-deployments', 1],
  ['github/workflow_run_completed.payload.json', 'github-deployments', 1],
  ['pagerduty/incident.triggered_v3.json', 'pagerduty', 1],
  ['pagerduty/incident.trigger_v2_with_log_entries.json', 'pagerduty', 1],
  ['slack/random_2017-06-25.json', 'slack', 2],
  ['slack/normal_messages.json', 'slack', 2],
  ['lnav/logfile_otel_collector.jsonl', 'otel-logs', 11],
  ['argo-rollouts/rollout-aborted_rollout.yaml', 'argo-rollouts', 2],
  ['argo-rollouts/rollout-aborted_analysisrun.yaml', 'argo-rollouts', 1],
  ['openshift/clusterversion_version.json', 'openshift-status', 6],
  ['openshift/clusteroperator_kube-apiserver.json', 'openshift-status', 4],
  ['plaso/cri.log', 'cri', 16],
  ['plaso/docker_container-json.log', 'docker-json', 10],
];

describe.skipIf(!existsSync(REAL_DATA))('real files in document and container formats (../shared/data/real)', () => {
  it.each(REAL_FILES)('%s is %s with %i events and every line accounted for', async (file, format, eventCount) => {
    const summary = await importPaths(incident, [join(REAL_DATA, file)]);
    const source = summary.sources[0]!;
    expect(source).toMatchObject({ format, events: eventCount });
    expect(source.firstTsMs).toBeGreaterThan(Date.UTC(2010, 0, 1));
    expect(source.lastTsMs).toBeLessThan(Date.UTC(2030, 0, 1));
    expectEveryLineAccounted(source.sourceId, source.lines);
  });
});
