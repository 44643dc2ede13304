/**
 * `logfmt`: `key=value` pairs, values optionally double-quoted (Heroku, Go's logrus text formatter,
 * Grafana, Prometheus). Time, level, message, host and service come from common key names; every
 * other pair is an attr (numbers stay strings, as written). A time without a zone is local to `--tz`.
 */
import { normaliseLevel } from '../levels';
import { SourceClock } from '../time-text';
import { parseEpochNumber } from '../time';
import { attrsJsonOf, textFormat } from './text-format';

const PAIR = /([^\s="]+)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;
const TIME_KEYS = ['time', 'ts', 't', 'timestamp', '@timestamp', 'date', 'datetime'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel'];
const MESSAGE_KEYS = ['msg', 'message'];
const HOST_KEYS = ['host', 'hostname'];
const SERVICE_KEYS = ['service', 'app', 'logger', 'component'];
const MIN_PAIRS = 2;

function unquote(value: string): string {
  if (value.length < 2 || value.charCodeAt(0) !== 34) return value;
  return value.slice(1, -1).replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : char));
}

function take(pairs: Map<string, string>, keys: readonly string[]): [string, string] | null {
  for (const key of keys) {
    const value = pairs.get(key);
    if (value !== undefined) return [key, value];
  }
  return null;
}

/** logfmt. */
export const logfmtFormat = textFormat({
  name: 'logfmt',
  description: 'logfmt key=value lines: time="…" level=info msg="…" (logrus, Grafana, Heroku)',
  mismatchReason: 'not a logfmt line with a time (expected key=value pairs including time=, ts= or t=)',
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      const pairs = new Map<string, string>();
      for (const match of line.matchAll(PAIR)) if (!pairs.has(match[1]!)) pairs.set(match[1]!, unquote(match[2]!));
      if (pairs.size < MIN_PAIRS) return null;
      const time = take(pairs, TIME_KEYS);
      if (time === null) return null;
      const parsed = /^\d+(\.\d+)?$/.test(time[1]) ? parseEpochNumber(Number(time[1])) : clock.parseDateTime(time[1]);
      if (parsed === null) return null;
      const level = take(pairs, LEVEL_KEYS);
      const message = take(pairs, MESSAGE_KEYS);
      const host = take(pairs, HOST_KEYS);
      const service = take(pairs, SERVICE_KEYS);
      const attrs: Record<string, unknown> = {};
      const used = new Set([time[0], level?.[0], message?.[0], host?.[0], service?.[0]]);
      for (const [key, value] of pairs) if (!used.has(key)) attrs[key] = value;
      return {
        tsMs: parsed.tsMs,
        tsSubNs: parsed.tsSubNs,
        endMs: null,
        host: host?.[1] ?? null,
        service: service?.[1] ?? null,
        level: level === null ? 'unknown' : normaliseLevel(level[1]),
        kind: null,
        message: message?.[1] ?? line,
        attrsJson: attrsJsonOf(attrs),
      };
    };
  },
  samples: [
    {
      description: 'logrus text formatter: quoted time and message, extra pairs in attrs',
      line: 'time="2024-09-15T21:17:11.674149Z" level=warning msg="Failed to delete pod" error="pod web-3 is not found" namespace=shop',
      expected: {
        event: { tsMs: Date.UTC(2024, 8, 15, 21, 17, 11, 674), tsSubNs: 149000, level: 'warn', message: 'Failed to delete pod', attrs: { error: 'pod web-3 is not found', namespace: 'shop' } },
      },
    },
    {
      description: 'Grafana: t= with nanoseconds, logger as service',
      line: 'logger=migrator t=2025-04-24T19:51:48.520963849Z level=info msg="Executing migration" id="add index"',
      expected: { event: { tsMs: Date.UTC(2025, 3, 24, 19, 51, 48, 520), tsSubNs: 963849, service: 'migrator', level: 'info', message: 'Executing migration', attrs: { id: 'add index' } } },
    },
    {
      description: 'epoch seconds, no message: the whole line is the message',
      line: 'ts=1700000000 host=web-1 bytes=512 status=200',
      expected: { event: { tsMs: 1700000000000, host: 'web-1', message: 'ts=1700000000 host=web-1 bytes=512 status=200', attrs: { bytes: '512', status: '200' } } },
    },
    {
      description: 'pairs without a time',
      line: 'level=info msg="no clock"',
      expected: { unparsedReason: 'not a logfmt line with a time (expected key=value pairs including time=, ts= or t=)' },
    },
  ],
});
