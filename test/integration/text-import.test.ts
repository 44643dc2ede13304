import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

/** A log4j file of `entryCount` entries; every 7th carries a 3-line stack trace. Returns its line count. */
function writeJavaLog(path: string, entryCount: number): number {
  const lines: string[] = [];
  for (let i = 0; i < entryCount; i++) {
    const second = String(i % 60).padStart(2, '0');
    if (i % 7 === 0) {
      lines.push(`2024-05-02 10:15:${second},123 ERROR [worker-${i % 4}] com.example.Checkout: order ${i} failed with a long explanation of what went wrong`);
      lines.push('java.lang.IllegalStateException: pool exhausted', '\tat com.example.Pool.take(Pool.java:42)', '\t... 12 more');
    } else {
      lines.push(`2024-05-02 10:15:${second},456 INFO [worker-${i % 4}] com.example.Checkout: order ${i} accepted after inventory and payment checks`);
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return lines.length;
}

describe('importing line-based text formats', () => {
  it.each([
    ['in the parse worker', 0],
    ['in process', Number.MAX_SAFE_INTEGER],
  ])('keeps stack traces whole across read blocks and accounts for every line (%s)', async (_name, inProcessBelowBytes) => {
    const dir = tempDir();
    const path = join(dir, 'checkout.log');
    const entryCount = 70_000;
    const lineCount = writeJavaLog(path, entryCount);
    const incident = IncidentDb.open(join(dir, 'test.hindsight'), { create: true });
    try {
      const summary = await importPaths(incident, [path], { inProcessBelowBytes, timeZone: 'Europe/Berlin' });
      expect(summary.sources[0]).toMatchObject({ format: 'log4j', lines: lineCount, events: entryCount, unparsed: 0 });
      const db = incident.db;
      const covered = db.prepare('SELECT SUM(line_end - line_start + 1) AS n FROM events').get() as { n: number };
      expect(covered.n).toBe(lineCount);
      const traces = db.prepare("SELECT line_start, line_end, raw, message FROM events WHERE level = 'error' ORDER BY line_start").all() as {
        line_start: number; line_end: number; raw: string; message: string;
      }[];
      expect(traces).toHaveLength(Math.ceil(entryCount / 7));
      for (const trace of traces) {
        expect(trace.line_end - trace.line_start).toBe(3);
        expect(trace.raw.split('\n')).toHaveLength(4);
        expect(trace.message).toContain('\tat com.example.Pool.take(Pool.java:42)');
      }
      const first = db.prepare('SELECT ts_ms FROM events ORDER BY line_start LIMIT 1').get() as { ts_ms: number };
      expect(first.ts_ms).toBe(Date.UTC(2024, 4, 2, 8, 15, 0, 123));
      const source = db.prepare('SELECT time_zone FROM sources').get() as { time_zone: string };
      expect(source.time_zone).toBe('Europe/Berlin');
    } finally {
      incident.close();
    }
  });

  it('reads year-less syslog with the given year and rolls over at New Year', async () => {
    const dir = tempDir();
    const path = join(dir, 'messages');
    writeFileSync(path, 'Dec 31 23:59:58 web-1 cron[1]: tick\nJan  1 00:00:02 web-1 cron[1]: tock\n');
    const incident = IncidentDb.open(join(dir, 'test.hindsight'), { create: true });
    try {
      const summary = await importPaths(incident, [path], { year: 2023, timeZone: 'UTC' });
      expect(summary.sources[0]).toMatchObject({ format: 'syslog-rfc3164', firstTsMs: Date.UTC(2023, 11, 31, 23, 59, 58), lastTsMs: Date.UTC(2024, 0, 1, 0, 0, 2) });
    } finally {
      incident.close();
    }
  });
});
