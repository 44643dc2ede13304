import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { BLANK_LINE_REASON, importPaths, IN_PROCESS_PARSE_MAX_BYTES } from '../../src/importers/import-paths';
import { READ_BLOCK_BYTES } from '../../src/importers/line-reader';
import { ParseWorker } from '../../src/importers/parse-worker-client';
import { ATTRS_MAX_CHARS, MESSAGE_MAX_CHARS } from '../../src/importers/record-packer';
import { TRUNCATED_ATTRIBUTE } from '../../src/model/event';
import type { ImportProgress } from '../../src/model/incident';
import { IncidentDb } from '../../src/store/incident-db';

const FIXTURE = resolve(__dirname, '../fixtures/importers/deploy-mixed.jsonl');
const REAL_DATA = resolve(__dirname, '../../../shared/data/real');
const root = mkdtempSync(join(tmpdir(), 'hindsight-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let incident: IncidentDb;
let caseDir: string;
let caseIndex = 0;
beforeEach(() => {
  caseDir = join(root, `case-${caseIndex++}`);
  mkdirSync(caseDir);
  incident = IncidentDb.open(join(caseDir, 'test.hindsight'), { create: true });
  return () => incident.close();
});

function rows<T>(sql: string, ...params: unknown[]): T[] {
  return incident.db.prepare(sql).all(...params) as T[];
}

describe('importPaths', () => {
  it('accounts for every line of a mixed file as an event or an unparsed line with its reason', async () => {
    const summary = await importPaths(incident, [FIXTURE]);
    expect(summary.sources).toHaveLength(1);
    const source = summary.sources[0]!;
    expect(source).toMatchObject({ format: 'json-lines', lines: 12, events: 6, unparsed: 6, skippedReason: null });
    expect(source.events + source.unparsed).toBe(source.lines);
    expect(summary.totals).toMatchObject({ sources: 1, lines: 12, events: 6, unparsed: 6 });

    const events = rows<{ line_start: number; level: string; host: string | null; service: string | null; ts_ms: number; ts_sub_ns: number }>(
      'SELECT line_start, level, host, service, ts_ms, ts_sub_ns FROM events ORDER BY line_start',
    );
    expect(events.map((e) => e.line_start)).toEqual([1, 2, 4, 9, 11, 12]);
    expect(events.map((e) => e.level)).toEqual(['info', 'info', 'warn', 'error', 'fatal', 'info']);
    expect(events[2]).toMatchObject({ host: 'web-2', ts_ms: Date.UTC(2024, 4, 2, 10, 0, 2, 500), ts_sub_ns: 123_000 });
    expect(events[4]).toMatchObject({ host: 'web-3', service: 'checkout.service', ts_ms: 1714644005000, ts_sub_ns: 1000 });

    const unparsed = rows<{ line_start: number; reason: string; context_ts_ms: number | null; raw: string }>(
      'SELECT line_start, reason, context_ts_ms, raw FROM unparsed ORDER BY line_start',
    );
    expect(unparsed.map((u) => u.line_start)).toEqual([3, 5, 6, 7, 8, 10]);
    expect(unparsed[0]!.reason).toBe(BLANK_LINE_REASON);
    expect(unparsed[1]!.reason).toMatch(/^invalid JSON: Unexpected token 'p'/);
    expect(unparsed[2]!.reason).toMatch(/^invalid JSON: .* at column \d+$/);
    expect(unparsed[3]!.reason).toMatch(/^no timestamp field found \(looked for ts, time,/);
    expect(unparsed[4]!.reason).toMatch(/not an object \(an array\)/);
    expect(unparsed[5]!.reason).toBe(BLANK_LINE_REASON);
    expect(unparsed[1]!.raw).toBe('panic: runtime error: invalid memory address or nil pointer dereference');
    expect(unparsed[0]!.context_ts_ms).toBe(Date.UTC(2024, 4, 2, 10, 0, 1, 250));
    expect(unparsed[5]!.context_ts_ms).toBe(1714644004000);

    const stored = rows<{ status: string; line_count: number; event_count: number; unparsed_count: number; content_hash: string; first_ts_ms: number; last_ts_ms: number }>(
      'SELECT status, line_count, event_count, unparsed_count, content_hash, first_ts_ms, last_ts_ms FROM sources',
    )[0]!;
    expect(stored).toMatchObject({ status: 'complete', line_count: 12, event_count: 6, unparsed_count: 6 });
    expect(stored.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.first_ts_ms).toBe(Date.UTC(2024, 4, 2, 10));
    expect(stored.last_ts_ms).toBe(Date.UTC(2024, 4, 2, 10, 0, 6));
  });

  it('keeps the exact line as raw and unmapped fields as attrs', async () => {
    await importPaths(incident, [FIXTURE]);
    const first = rows<{ raw: string; attrs: string; kind: string; message: string }>('SELECT raw, attrs, kind, message FROM events WHERE line_start = 1')[0]!;
    expect(first.raw.startsWith('{"ts":"2024-05-02T10:00:00.000Z"')).toBe(true);
    expect(JSON.parse(first.attrs)).toEqual({ version: 'v2.4.1' });
    expect(first).toMatchObject({ kind: 'deploy.start', message: 'deploy v2.4.1 started' });
  });

  it('skips a file whose identical content is already a complete source', async () => {
    await importPaths(incident, [FIXTURE]);
    const copy = join(caseDir, 'copy-of-deploy.jsonl');
    copyFileSync(FIXTURE, copy);
    const again = await importPaths(incident, [copy]);
    expect(again.sources[0]!.skippedReason).toMatch(/already imported as source 1/);
    expect(again.totals).toMatchObject({ sources: 0, events: 0 });
    expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM events')[0]!.n).toBe(6);
    expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM sources')[0]!.n).toBe(1);
  });

  it('imports a file of the same size but other content', async () => {
    await importPaths(incident, [FIXTURE]);
    const changed = join(caseDir, 'changed.jsonl');
    const original = readFileSync(FIXTURE, 'utf8');
    writeFileSync(changed, original.replace('deploy v2.4.1 started', 'deploy v2.4.2 started'));
    expect(statSync(changed).size).toBe(statSync(FIXTURE).size);
    const summary = await importPaths(incident, [changed]);
    expect(summary.sources[0]).toMatchObject({ skippedReason: null, lines: 12, events: 6 });
  });

  it('walks folders in name order, skipping hidden files and incident files, and reads gzip', async () => {
    const logs = join(caseDir, 'logs');
    mkdirSync(join(logs, 'b-host'), { recursive: true });
    mkdirSync(join(logs, '.cache'));
    writeFileSync(join(logs, 'b-host', 'app.jsonl'), '{"ts":"2024-05-02T10:00:00Z","msg":"b"}\n');
    writeFileSync(join(logs, 'a.jsonl.gz'), gzipSync('{"ts":"2024-05-02T09:00:00Z","msg":"a"}\n{"ts":"2024-05-02T09:00:01Z","msg":"a2"}\n'));
    writeFileSync(join(logs, '.hidden.jsonl'), '{"ts":"2024-05-02T10:00:00Z","msg":"hidden"}\n');
    writeFileSync(join(logs, '.cache', 'x.jsonl'), '{"ts":"2024-05-02T10:00:00Z","msg":"hidden"}\n');
    writeFileSync(join(logs, 'old.hindsight'), 'not imported');
    const progress: ImportProgress[] = [];
    const summary = await importPaths(incident, [logs], { onProgress: (p) => progress.push(p) });
    expect(summary.sources.map((s) => s.path)).toEqual([join(logs, 'a.jsonl.gz'), join(logs, 'b-host', 'app.jsonl')]);
    expect(summary.totals).toMatchObject({ sources: 2, lines: 3, events: 3, unparsed: 0, firstTsMs: Date.UTC(2024, 4, 2, 9) });
    expect(rows<{ name: string }>('SELECT name FROM sources ORDER BY id').map((r) => r.name)).toEqual(['a.jsonl.gz', join('b-host', 'app.jsonl')]);
    expect(progress.at(-1)).toMatchObject({ path: join(logs, 'b-host', 'app.jsonl'), lines: 1, events: 1 });
  });

  it('imports a file no format fits with every line unparsed and format "unrecognised"', async () => {
    const text = join(caseDir, 'notes.txt');
    writeFileSync(text, 'first note\nsecond note\n');
    const summary = await importPaths(incident, [text]);
    expect(summary.sources[0]).toMatchObject({ format: 'unrecognised', lines: 2, events: 0, unparsed: 2 });
    expect(rows<{ reason: string }>('SELECT reason FROM unparsed')[0]!.reason).toMatch(/^no known format matches this file \(tried .*json-lines.*timestamp-text\)$/);
  });

  it('honours a forced format', async () => {
    const text = join(caseDir, 'notes.txt');
    writeFileSync(text, 'not json\n');
    const summary = await importPaths(incident, [text], { format: 'json-lines' });
    expect(summary.sources[0]).toMatchObject({ format: 'json-lines', unparsed: 1 });
    await expect(importPaths(incident, [text], { format: 'nope' })).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('refuses a path that does not exist with one sentence', async () => {
    const missing = join(caseDir, 'missing.log');
    const error = await importPaths(incident, [missing]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', message: `There is no file or folder at ${missing}; check the path and try again.` });
  });

  it('writes every row of a larger file with its own line number and text', async () => {
    const path = join(caseDir, 'many.jsonl');
    const lines = Array.from({ length: 1001 }, (_, i) =>
      i % 7 === 3 ? `not json ${i + 1}` : JSON.stringify({ ts: Date.UTC(2024, 4, 2) + i * 1000, level: 'info', msg: `line ${i + 1}` }),
    );
    writeFileSync(path, lines.join('\n'));
    const summary = await importPaths(incident, [path]);
    const unparsedCount = lines.filter((l) => l.startsWith('not')).length;
    expect(summary.totals).toMatchObject({ lines: 1001, events: 1001 - unparsedCount, unparsed: unparsedCount });
    const stored = rows<{ line_start: number; line_end: number; raw: string; message: string; ts_ms: number }>(
      'SELECT line_start, line_end, raw, message, ts_ms FROM events ORDER BY id',
    );
    for (const row of stored) {
      expect(row.line_end).toBe(row.line_start);
      expect(row.raw).toBe(lines[row.line_start - 1]);
      expect(row.message).toBe(`line ${row.line_start}`);
      expect(row.ts_ms).toBe(Date.UTC(2024, 4, 2) + (row.line_start - 1) * 1000);
    }
    const unparsed = rows<{ line_start: number; raw: string }>('SELECT line_start, raw FROM unparsed ORDER BY id');
    expect(unparsed.map((u) => u.raw)).toEqual(unparsed.map((u) => `not json ${u.line_start}`));
  });

  it('keeps a 50 MB line whole in raw, cuts its message and flags it (worker and in-process)', async () => {
    const path = join(caseDir, 'huge.jsonl');
    const hugeMessage = `dump ${'x'.repeat(50 * 1024 * 1024)}`;
    const lines = [
      JSON.stringify({ ts: '2024-05-02T10:00:00Z', msg: 'before' }),
      JSON.stringify({ ts: '2024-05-02T10:00:01Z', level: 'error', msg: hugeMessage, req: 7 }),
      JSON.stringify({ ts: '2024-05-02T10:00:02Z', msg: 'wide', blob: 'y'.repeat(ATTRS_MAX_CHARS) }),
      JSON.stringify({ ts: '2024-05-02T10:00:03Z', msg: 'after' }),
    ];
    writeFileSync(path, lines.join('\n'));
    for (const inProcessBelowBytes of [0, Number.MAX_SAFE_INTEGER]) {
      const into = IncidentDb.open(join(caseDir, `huge-${inProcessBelowBytes}.hindsight`), { create: true });
      try {
        const summary = await importPaths(into, [path], { inProcessBelowBytes });
        expect(summary.totals).toMatchObject({ lines: 4, events: 4, unparsed: 0 });
        const stored = into.db.prepare('SELECT message, attrs, raw = ? AS is_whole, length(raw) AS raw_chars FROM events ORDER BY id').all(lines[1]) as {
          message: string; attrs: string; is_whole: number; raw_chars: number;
        }[];
        expect(stored.map((row) => row.raw_chars)).toEqual(lines.map((line) => line.length));
        expect(stored[1]!.is_whole).toBe(1);
        expect(stored[1]!.message).toHaveLength(MESSAGE_MAX_CHARS);
        expect(stored[1]!.message.startsWith('dump xxx')).toBe(true);
        expect(JSON.parse(stored[1]!.attrs)).toEqual({ [TRUNCATED_ATTRIBUTE]: { message: hugeMessage.length }, req: 7 });
        expect(stored[2]!.message).toBe('wide');
        expect(JSON.parse(stored[2]!.attrs)).toEqual({ [TRUNCATED_ATTRIBUTE]: { attrs: JSON.stringify({ blob: 'y'.repeat(ATTRS_MAX_CHARS) }).length } });
        expect(stored.map((row) => row.message)).toEqual(['before', expect.any(String), 'wide', 'after']);
        expect(JSON.parse(stored[3]!.attrs)).toEqual({});
      } finally {
        into.close();
      }
    }
  });

  it('keeps the events indexes growing with rows in time order, and drops and rebuilds them for rows far out of order', async () => {
    const indexNames = (db: IncidentDb): string[] =>
      (db.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const writeLog = (path: string, order: (i: number) => number): void =>
      writeFileSync(path, Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ ts: Date.UTC(2024, 4, 2) + order(i) * 1000, msg: `line ${i + 1}` })).join('\n'));
    const inOrder = join(caseDir, 'in-order.jsonl');
    writeLog(inOrder, (i) => i);
    await importPaths(incident, [inOrder]);
    // In order, the search's covering index was kept from the start too, so nothing is left to build.
    expect(indexNames(incident)).toEqual(['events_by_source_time', 'events_by_time', 'events_filter_cover']);

    const shuffled = join(caseDir, 'shuffled.jsonl');
    writeLog(shuffled, (i) => (i * 7919) % 20_000);
    const other = IncidentDb.open(join(caseDir, 'shuffled.hindsight'), { create: true });
    try {
      const summary = await importPaths(other, [shuffled]);
      expect(summary.totals).toMatchObject({ lines: 20_000, events: 20_000 });
      // Dropped once the rows showed they were far out of order; the events indexes are rebuilt at the end,
      // the covering index by the search index build.
      expect(indexNames(other)).toEqual(['events_by_source_time', 'events_by_time']);
      const times = other.db.prepare('SELECT ts_ms FROM events ORDER BY ts_ms, id').pluck().all() as number[];
      expect(times).toEqual(Array.from({ length: 20_000 }, (_, i) => Date.UTC(2024, 4, 2) + i * 1000));
    } finally {
      other.close();
    }
  });
});

/** Every stored row of the incident (ids included), to compare two imports of the same input. */
function storedRows(db: IncidentDb): { events: unknown[]; unparsed: unknown[]; sources: unknown[] } {
  return {
    events: db.db.prepare('SELECT * FROM events ORDER BY id').all(),
    unparsed: db.db.prepare('SELECT * FROM unparsed ORDER BY id').all(),
    sources: db.db.prepare('SELECT name, format, content_hash, line_count, event_count, unparsed_count, first_ts_ms, last_ts_ms, status FROM sources ORDER BY id').all(),
  };
}

/** A JSON-lines file of `lineCount` lines with blank, plain-text, CRLF, non-ASCII and nested-attrs lines mixed in. */
function writeMixedLog(path: string, lineCount: number): string[] {
  const lines = Array.from({ length: lineCount }, (_, i) => {
    if (i % 997 === 5) return '';
    if (i % 503 === 7) return `panic: goroutine ${i} [running]`;
    const record: Record<string, unknown> = {
      ts: new Date(Date.UTC(2024, 4, 2) + i * 10).toISOString(),
      level: ['info', 'warn', 'error', 'DEBUG3'][i % 4],
      host: `web-${i % 5}`,
      service: i % 3 === 0 ? undefined : 'checkout',
      msg: i % 11 === 0 ? `café ✓ request ${i} 🚀` : `request ${i}`,
      event: i % 7 === 0 ? 'deploy.step' : undefined,
      attrs: i % 13 === 0 ? { nested: { n: i }, list: [1, 'two'] } : undefined,
      durationMs: i % 900,
    };
    return JSON.stringify(record);
  });
  writeFileSync(path, lines.map((line, i) => (i % 101 === 9 ? `${line}\r` : line)).join('\n') + '\n');
  return lines;
}

describe('importPaths through the parse worker', () => {
  it('parses large files in the worker by default and small ones in-process, with identical results', async () => {
    expect(IN_PROCESS_PARSE_MAX_BYTES).toBe(8 << 20);
    const path = join(caseDir, 'big.jsonl');
    // About 14 MB: above the in-process threshold, and more read blocks than the worker keeps in flight,
    // so back-pressure is exercised.
    const lines = writeMixedLog(path, 110_000);
    expect(statSync(path).size).toBeGreaterThan(4 * READ_BLOCK_BYTES);
    const progress: ImportProgress[] = [];
    const viaWorker = await importPaths(incident, [path], { onProgress: (p) => progress.push(p) });
    const blankCount = lines.filter((l) => l === '').length;
    const plainCount = lines.filter((l) => l.startsWith('panic')).length;
    expect(viaWorker.totals).toMatchObject({ sources: 1, lines: 110_000, events: 110_000 - blankCount - plainCount, unparsed: blankCount + plainCount });
    expect(progress.at(-1)).toMatchObject({ lines: 110_000, bytesRead: statSync(path).size });

    const inProcess = IncidentDb.open(join(caseDir, 'in-process.hindsight'), { create: true });
    try {
      const summary = await importPaths(inProcess, [path], { inProcessBelowBytes: Number.POSITIVE_INFINITY });
      expect(summary.totals).toEqual(viaWorker.totals);
      expect(storedRows(inProcess)).toEqual(storedRows(incident));
    } finally {
      inProcess.close();
    }
    const raws = rows<{ line_start: number; raw: string }>('SELECT line_start, raw FROM events WHERE line_start % 101 = 10 OR line_start % 11 = 1');
    for (const row of raws) expect(row.raw).toBe(lines[row.line_start - 1]);
    expect(rows<{ reason: string }>('SELECT reason FROM unparsed WHERE line_start = 6')[0]!.reason).toBe(BLANK_LINE_REASON);
  });

  it('hands over the batches already waiting, in order and each once, for the importer to write in one transaction', async () => {
    const path = join(caseDir, 'waiting.jsonl');
    writeMixedLog(path, 60_000);
    const worker = new ParseWorker();
    try {
      const parse = await worker.parse({ path, formatName: null });
      const spans: [first: number, count: number][] = [];
      let taken = 0;
      for await (const batch of parse.batches) {
        spans.push([batch.firstLineNumber, batch.lineCount]);
        // NOTE: after the first batch, wait until the worker has parsed ahead, so taking is exercised.
        let next = parse.takeReady!();
        for (let waited = 0; next === null && spans.length === 1 && waited < 10_000; waited += 20) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          next = parse.takeReady!();
        }
        for (; next !== null; next = parse.takeReady!()) {
          spans.push([next.firstLineNumber, next.lineCount]);
          taken++;
        }
      }
      expect(taken).toBeGreaterThan(0);
      expect(spans.length).toBeGreaterThan(taken);
      spans.forEach(([first], i) => expect(first).toBe(i === 0 ? 1 : spans[i - 1]![0] + spans[i - 1]![1]));
      expect(spans.reduce((lines, [, count]) => lines + count, 0)).toBe(60_000);
      expect(parse.contentHash()).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await worker.close();
    }
  });

  it('reuses one worker for every file of a folder and sniffs each file there', async () => {
    const logs = join(caseDir, 'logs');
    mkdirSync(logs);
    copyFileSync(FIXTURE, join(logs, 'a.jsonl'));
    writeFileSync(join(logs, 'b.txt'), 'first note\nsecond note\n');
    writeFileSync(join(logs, 'c.jsonl.gz'), gzipSync('{"ts":"2024-05-02T09:00:00Z","msg":"a"}\n\n'));
    const summary = await importPaths(incident, [logs], { inProcessBelowBytes: 0 });
    expect(summary.sources.map((s) => [s.format, s.lines, s.events, s.unparsed])).toEqual([
      ['json-lines', 12, 6, 6],
      ['unrecognised', 2, 0, 2],
      ['json-lines', 2, 1, 1],
    ]);
    expect(rows<{ status: string }>('SELECT status FROM sources').map((r) => r.status)).toEqual(['complete', 'complete', 'complete']);
  });

  it.each([
    { parsedIn: 'the worker', inProcessBelowBytes: 0 },
    { parsedIn: 'this thread', inProcessBelowBytes: Number.POSITIVE_INFINITY },
  ])('marks a file that breaks off while read in $parsedIn as failed, keeping the lines before it', async ({ inProcessBelowBytes }) => {
    const text = Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ ts: Date.UTC(2024, 4, 2) + i, msg: `line ${i + 1} ${'x'.repeat(i % 50)}` })).join('\n');
    const gzipped = gzipSync(text);
    const path = join(caseDir, 'truncated.jsonl.gz');
    writeFileSync(path, gzipped.subarray(0, Math.floor(gzipped.length / 2)));
    const error = await importPaths(incident, [path], { inProcessBelowBytes }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'io_error' });
    expect((error as ApiError).message).toMatch(new RegExp(`^Reading ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed after line \\d+ \\(unexpected end of file\\); check the file is readable`));
    const source = rows<{ status: string; error: string; event_count: number }>('SELECT status, error, event_count FROM sources')[0]!;
    expect(source.status).toBe('failed');
    expect(source.error).toMatch(/failed after line \d+ \(unexpected end of file\)$/);
    expect(source.event_count).toBeGreaterThan(0);
    expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM events')[0]!.n).toBe(source.event_count);
  });
});

const CONFORMANCE_FILES: { file: string; firstTs: string; lastTs: string; minEvents: number }[] = [
  { file: 'lnav/logfile_json.json', firstTs: '2013-09-06T20:00:48.124Z', lastTs: '2013-09-06T22:01:49.124Z', minEvents: 13 },
  { file: 'lnav/logfile_bunyan.0', firstTs: '2023-03-24T14:26:16.243Z', lastTs: '2023-03-24T14:26:18.331Z', minEvents: 10 },
  { file: 'lnav/logfile_invalid_json.json', firstTs: '2013-09-06T20:00:48.124Z', lastTs: '2013-09-06T22:00:59.222Z', minEvents: 4 },
  { file: 'lnav/logfile_journald.json', firstTs: '2018-08-21T14:04:21.221Z', lastTs: '2018-08-21T14:04:21.221Z', minEvents: 2 },
  { file: 'lnav/logfile_ecs_log.json', firstTs: '2025-01-13T09:58:13.631Z', lastTs: '2025-01-13T09:58:13.634Z', minEvents: 5 },
];

describe.skipIf(!existsSync(REAL_DATA))('conformance with real JSON-lines files (shared/data/real)', () => {
  it.each(CONFORMANCE_FILES)('$file: every line accounted for, plausible time range', async ({ file, firstTs, lastTs, minEvents }) => {
    const path = join(REAL_DATA, file);
    const summary = await importPaths(incident, [path]);
    const source = summary.sources[0]!;
    expect(source.format).toBe('json-lines');
    expect(source.events + source.unparsed).toBe(source.lines);
    expect(source.events).toBeGreaterThanOrEqual(minEvents);
    expect(new Date(source.firstTsMs!).toISOString()).toBe(firstTs);
    expect(new Date(source.lastTsMs!).toISOString()).toBe(lastTs);
    const stored = rows<{ n: number }>('SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM unparsed) AS n')[0]!.n;
    expect(stored).toBe(source.lines);
  });
});

if (!existsSync(REAL_DATA)) {
  console.warn(`Skipping the real-data conformance tests: ${REAL_DATA} is absent (it sits beside the repository as ../shared/data/real).`);
}
