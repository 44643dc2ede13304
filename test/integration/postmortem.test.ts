/**
 * The postmortem and the event exports, from a real annotated incident file: Markdown against golden
 * files, HTML and SVG parsed by real Chromium, trace JSON checked against the trace-event format, the
 * CSV/JSONL shape Timesketch imports, PDF bytes, the CLI command, and the draft through the API.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { main } from '../../src/cli/main';
import { importPaths } from '../../src/importers/import-paths';
import type { PostmortemView } from '../../src/model/postmortem';
import { TIMESKETCH_COLUMNS } from '../../src/postmortem/event-exports';
import { exportIncident } from '../../src/postmortem/export';
import { findChromium, printPdfWithChromium } from '../../src/postmortem/pdf';
import { IncidentDb } from '../../src/store/incident-db';
import { addStepRecord, startRun } from '../../src/store/runbook-records';
import { POSTMORTEM_FIXTURES, writeAnnotatedIncident } from '../support/postmortem-fixture';
import { useTempDirs } from '../support/temp-dir';
import { validateTraceEvents } from '../support/trace-event-format';

const tempDir = useTempDirs();
const GENERATED_MS = Date.parse('2024-05-03T09:00:00Z');
const chromiumPath = findChromium();
let browser: Browser | null = null;

beforeAll(async () => {
  if (chromiumPath !== null) browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function exportFixture(format: Parameters<typeof exportIncident>[1], name: string) {
  const dir = tempDir();
  const path = await writeAnnotatedIncident(dir);
  const incident = IncidentDb.open(path);
  try {
    const result = await exportIncident(incident, format, join(dir, name), { nowMs: GENERATED_MS });
    return { dir, path, result };
  } finally {
    incident.close();
  }
}

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. A missing golden file fails the test. */
function expectGolden(actual: string, goldenName: string): void {
  const goldenPath = join(POSTMORTEM_FIXTURES, goldenName);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, actual);
  expect(existsSync(goldenPath), `golden file ${goldenName} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
}

describe('postmortem exports', () => {
  it('writes Markdown with YAML front matter that matches the golden file, plus the timeline SVG', async () => {
    const { result } = await exportFixture('md', 'rollout-postmortem.md');
    const markdown = readFileSync(result.path, 'utf8');
    expectGolden(markdown, 'rollout-postmortem.md');
    expect(markdown).toMatch(/^---\ntitle: Storage wave 3 upgrade\n/);
    expect(result.extraPaths).toEqual([result.path.replace(/\.md$/, '.timeline.svg')]);
    expectGolden(readFileSync(result.extraPaths[0]!, 'utf8'), 'rollout-postmortem.timeline.svg');
  });

  it('writes self-contained HTML whose sections, table, links and inline SVG parse in Chromium', async (context) => {
    if (browser === null) return context.skip('No Chromium at $HINDSIGHT_CHROMIUM or /usr/bin/chromium; HTML is not parsed.');
    const { result } = await exportFixture('html', 'report.html');
    const html = readFileSync(result.path, 'utf8');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    const page = await browser.newPage({ javaScriptEnabled: true });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html);
    const facts = await page.evaluate(() => {
      const svg = document.querySelector('figure svg');
      const svgText = svg === null ? '' : new XMLSerializer().serializeToString(svg);
      const reparsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const links = [...document.querySelectorAll('a[href^="#event-"]')].map((a) => a.getAttribute('href')!);
      return {
        h1: document.querySelector('h1')?.textContent,
        headings: [...document.querySelectorAll('h2')].map((h) => h.textContent),
        timelineRows: document.querySelectorAll('section:has(figure) table tbody tr').length,
        svgLabels: svg?.querySelectorAll('text').length ?? 0,
        svgErrors: reparsed.getElementsByTagName('parsererror').length,
        brokenLinks: links.filter((href) => document.getElementById(href.slice(1)) === null),
        linkCount: links.length,
      };
    });
    await page.close();
    expect(facts.h1).toBe('Storage wave 3 upgrade');
    expect(facts.headings).toEqual(['Key figures', 'Summary', 'Impact', 'Root causes', 'Trigger', 'Detection', 'Resolution', 'Action items', 'Lessons learned', 'Timeline', 'Supporting information', 'Evidence']);
    expect(facts.timelineRows).toBe(11);
    expect(facts.svgLabels).toBeGreaterThan(10);
    expect(facts.svgErrors).toBe(0);
    expect(facts.linkCount).toBeGreaterThan(0);
    expect(facts.brokenLinks).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('about:') && !url.startsWith('data:'))).toEqual([]);
  });

  it('writes a standalone SVG that parses as XML in Chromium', async (context) => {
    if (browser === null) return context.skip('No Chromium at $HINDSIGHT_CHROMIUM or /usr/bin/chromium; SVG is not parsed.');
    const { result } = await exportFixture('md', 'report.md');
    const svg = readFileSync(result.extraPaths[0]!, 'utf8');
    const page = await browser.newPage();
    const errors = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').getElementsByTagName('parsererror').length, svg);
    await page.close();
    expect(errors).toBe(0);
    expect(svg).toContain('Trigger: First cron job hit a bootstrapping');
  });

  it('prints a PDF with headless Chromium, and says in one sentence when there is none', async (context) => {
    await expect(printPdfWithChromium('<p>x</p>', null)).rejects.toThrow(/^PDF export needs Chromium and none was found at \$HINDSIGHT_CHROMIUM or \/usr\/bin\/chromium; .*\.$/);
    if (chromiumPath === null) return context.skip('No Chromium; the PDF itself is not printed.');
    const { result } = await exportFixture('pdf', 'report.pdf');
    const bytes = readFileSync(result.path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.bytes).toBeGreaterThan(5000);
  }, 60_000);

  it('puts the runbook steps a responder recorded into the timeline', async () => {
    const dir = tempDir();
    const path = await writeAnnotatedIncident(dir);
    const incident = IncidentDb.open(path);
    try {
      const text = '---\nid: pause-rollout\ntitle: Pause the rollout\n---\n- [ ] Pause the rollout controller\n- [ ] Roll back failed hosts\n';
      const run = startRun(incident, { runbookId: 'pause-rollout', title: 'Pause the rollout', contentHash: 'abc', file: '/runbooks/pause.md', text }, 'sam', Date.parse('2024-05-02T14:09:00Z'));
      addStepRecord(incident, { runId: run.id, stepIndex: 0, action: 'tick', note: '', actor: 'sam', tsMs: Date.parse('2024-05-02T14:09:30Z') });
      const result = await exportIncident(incident, 'md', join(dir, 'with-steps.md'), { nowMs: GENERATED_MS });
      const markdown = readFileSync(result.path, 'utf8');
      expect(markdown).toMatch(/\| 2024-05-02 14:09:30\.000 \| Pause the rollout: ✓ Pause the rollout controller \(sam\) \| runbook \| Runbook step \|/);
      expect(markdown).toContain('The timeline includes 1 recorded runbook step action.');
    } finally {
      incident.close();
    }
  });
});

describe('event exports', () => {
  it('writes Timesketch CSV: message, datetime, timestamp_desc first, one row per event', async () => {
    const { result } = await exportFixture('csv', 'events.csv');
    const rows = parse(readFileSync(result.path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...TIMESKETCH_COLUMNS]);
    expect(rows).toHaveLength(10);
    expect(result.eventCount).toBe(10);
    const panic = rows.find((r) => r.kind === 'rsync.panic')!;
    expect(panic).toMatchObject({ message: 'rsync: panic: segment 0042 arrived before its metadata | pipe test', datetime: '2024-05-02T14:01:30.000000+00:00', timestamp_desc: 'Event time', timestamp: String(Date.parse('2024-05-02T14:01:30Z') * 1000), host: 'storage-07', level: 'fatal', source: 'rollout.jsonl' });
    for (const row of rows) expect(Date.parse(row.datetime!)).toBe(Number(row.timestamp) / 1000);
  });

  it('re-imports the Timesketch CSV through the CSV importer with the same events', async () => {
    const { dir, path, result } = await exportFixture('csv', 'events.csv');
    const original = IncidentDb.open(path, { readOnly: true });
    const before = original.db.prepare('SELECT ts_ms, message FROM events ORDER BY ts_ms, id').all() as { ts_ms: number; message: string }[];
    original.close();
    const copy = IncidentDb.open(join(dir, 'reimported.hindsight'), { create: true });
    try {
      const summary = await importPaths(copy, [result.path]);
      // The header row is the one line that is not an event; it is accounted for as such.
      expect(summary.sources[0]).toMatchObject({ format: 'csv', events: before.length, unparsed: 1, unparsedReasons: [{ reason: 'CSV header (column names)', count: 1 }] });
      const after = copy.db.prepare('SELECT ts_ms, message FROM events ORDER BY ts_ms, id').all();
      expect(after).toEqual(before);
    } finally {
      copy.close();
    }
  });

  it('writes Timesketch JSON lines with the same fields', async () => {
    const { result } = await exportFixture('jsonl', 'events.jsonl');
    const lines = readFileSync(result.path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatchObject({ message: expect.any(String), datetime: expect.stringMatching(/\+00:00$/), timestamp_desc: 'Event time' });
    expect(lines[0]!.attrs).toEqual({ wave: 3 });
  });

  it('writes Chrome trace-event JSON that validates against the format', async () => {
    const { result } = await exportFixture('trace', 'rollout.trace.json');
    const trace = JSON.parse(readFileSync(result.path, 'utf8')) as unknown;
    expect(validateTraceEvents(trace)).toEqual([]);
    const events = (trace as { traceEvents: { ph: string; cat?: string; name: string }[] }).traceEvents;
    expect(events.filter((e) => e.cat === 'annotation')).toHaveLength(10);
    expect(events.filter((e) => e.ph === 'i' && e.cat !== 'annotation')).toHaveLength(10);
    expect(events.some((e) => e.ph === 'X' && e.name.startsWith('Impact'))).toBe(true);
  });
});

describe('the CLI and the API', () => {
  it('hindsight export writes each format and refuses an unknown one with exit 2', async () => {
    const dir = tempDir();
    const path = await writeAnnotatedIncident(dir);
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), isErrTty: false };
    expect(await main(['node', 'hindsight', 'export', path, '--format', 'md', '--json'], io)).toBe(0);
    const written = JSON.parse(out.join('')) as { path: string; extraPaths: string[] };
    expect(written.path).toBe(join(dir, 'rollout-postmortem.md'));
    expect(existsSync(written.extraPaths[0]!)).toBe(true);
    expect(await main(['node', 'hindsight', 'export', path, '--format', 'trace', '--out', join(dir, 't.json')], io)).toBe(0);
    expect(out.join('')).toContain(`Wrote ${join(dir, 't.json')}: 10 events.`);
    expect(await main(['node', 'hindsight', 'export', path, '--format', 'docx'], io)).toBe(2);
    expect(await main(['node', 'hindsight', 'export', path, '--format', 'md', '--out', path], io)).toBe(1);
    expect(out.join('')).toMatch(/would overwrite the incident file itself/);
  });

  it('keeps the team’s draft text over generated text, and computes the figures', async () => {
    const dir = tempDir();
    const path = await writeAnnotatedIncident(dir);
    const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
    service.openIncident(path);
    const call = async <T>(method: Parameters<typeof dispatch>[1], args: unknown = {}) => {
      const envelope = await dispatch(service.handlers, method, args);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value as T;
    };
    const before = await call<PostmortemView>('postmortem.get');
    expect(before.draft.sections.summary).toBe('');
    expect(before.suggestions.summary).toMatch(/^Impact lasted 25 min 00 s/);
    expect(before.figures).toMatchObject({ timeToDetectMs: 239_880, timeToMitigateMs: 599_880, hostsAffected: 3, errorCount: 4, warningCount: 1 });
    await call('postmortem.update', { sections: { summary: 'We wrote this ourselves.' }, status: 'in-review', authors: ['maria', 'sam'], author: 'maria' });
    const after = await call<PostmortemView>('postmortem.get');
    expect(after.draft).toMatchObject({ status: 'in-review', authors: ['maria', 'sam'], sections: { summary: 'We wrote this ourselves.' } });
    const result = await call<{ path: string }>('export.write', { format: 'md', path: join(dir, 'pm.md') });
    const markdown = readFileSync(result.path, 'utf8');
    expect(markdown).toContain('## Summary\n\nWe wrote this ourselves.');
    expect(markdown).toContain('status: in-review');
    service.close();
  });
});
