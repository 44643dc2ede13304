/**
 * Container runtime logs, as the kubelet and Docker store them on a node:
 * - `cri`: `/var/log/pods/…/0.log` lines `<RFC3339Nano> <stdout|stderr> <P|F> <text>`; `P` lines are
 *   parts of one long line, joined with the `F` line that ends it into one event over all of them.
 * - `docker-json`: the json-file log driver, `{"log":"…\n","stream":"stderr","time":"…"}`; a `log`
 *   without a trailing newline is a part (Docker splits lines at 16 KiB), joined with the lines after it.
 * stderr is a warning unless a level word near the start of the text says otherwise; stdout is info
 * unless a level word says otherwise. ANSI escapes stay in raw but not in the message.
 */
import type { Level } from '../../model/event';
import { JOINS_NEXT, type FormatSample, type LineFormatDefinition, type LineParser, type ParsedEvent } from '../format';
import { LEVEL_WORDS } from '../levels';
import { parseTimeString } from '../time';

const CRI_LINE = /^(\d{4}-\d{2}-\d{2}T\S+) (stdout|stderr) ([PF])(?: (.*))?$/s;
/** A level word near the start of a line: `ERROR`, `[warn]`, `level=error`, `E0502` (klog), `"level":"info"`. */
const LEVEL_WORD = /^(?:\S+\s+){0,3}?[[({"]*(?:level[=:]"?|"level":")?(trace|debug|info|notice|warn|warning|error|err|fatal|panic|critical|crit)\b/i;
const KLOG_PREFIX = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}/;
const KLOG_LEVELS: Readonly<Record<string, Level>> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };
/** CSI sequences (colours, cursor moves) and OSC sequences (terminal titles), built from text so the source has no control characters. */
const ANSI = new RegExp(String.raw`\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)`, 'g');
const SNIFF_LINE_LIMIT = 50;

/** The level of a container line: a level word near its start, else warn for stderr and info for stdout. */
export function containerLineLevel(text: string, stream: string): Level {
  const klog = KLOG_PREFIX.exec(text);
  if (klog !== null) return KLOG_LEVELS[klog[1]!]!;
  const word = LEVEL_WORD.exec(text.slice(0, 200));
  if (word !== null) return LEVEL_WORDS[word[1]!.toLowerCase()] ?? (stream === 'stderr' ? 'warn' : 'info');
  return stream === 'stderr' ? 'warn' : 'info';
}

function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

/** Builds the event of a whole (possibly joined) container line. */
function containerEvent(tsText: string, stream: string, text: string, parts: number): ParsedEvent | string {
  const time = parseTimeString(tsText);
  if (time === null) return `timestamp "${tsText}" is not a recognisable time`;
  const message = stripAnsi(text);
  return {
    tsMs: time.tsMs,
    tsSubNs: time.tsSubNs,
    endMs: null,
    host: null,
    service: null,
    level: containerLineLevel(message, stream),
    kind: null,
    message,
    attrsJson: parts > 1 ? `{"stream":"${stream}","parts":${parts}}` : `{"stream":"${stream}"}`,
  };
}

/** Joins partial lines per stream; the event takes the time of the first part. */
class PartialJoin {
  private readonly pending = new Map<string, { tsText: string; text: string; parts: number }>();

  part(stream: string, tsText: string, text: string): void {
    const open = this.pending.get(stream);
    if (open === undefined) this.pending.set(stream, { tsText, text, parts: 1 });
    else {
      open.text += text;
      open.parts++;
    }
  }

  finish(stream: string, tsText: string, text: string): ParsedEvent | string {
    const open = this.pending.get(stream);
    if (open === undefined) return containerEvent(tsText, stream, text, 1);
    this.pending.delete(stream);
    return containerEvent(open.tsText, stream, open.text + text, open.parts + 1);
  }
}

function createCriParser(): LineParser {
  const join = new PartialJoin();
  return (line) => {
    const match = CRI_LINE.exec(line);
    if (match === null) return 'not a CRI log line (expected "<RFC3339 time> <stdout|stderr> <P|F> <text>")';
    const [, tsText, stream, tag, text = ''] = match;
    if (tag === 'P') {
      join.part(stream!, tsText!, text);
      return JOINS_NEXT;
    }
    return join.finish(stream!, tsText!, text);
  };
}

function createDockerJsonParser(): LineParser {
  const join = new PartialJoin();
  return (line) => {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return 'not a Docker json-file log line (invalid JSON)';
    }
    if (record === null || typeof record !== 'object' || typeof (record as { log?: unknown }).log !== 'string') {
      return 'not a Docker json-file log line (expected {"log": …, "stream": …, "time": …})';
    }
    const { log, stream, time } = record as { log: string; stream?: unknown; time?: unknown };
    if (typeof time !== 'string') return 'Docker json-file line without a "time" string';
    const streamName = typeof stream === 'string' ? stream : 'stdout';
    if (!log.endsWith('\n')) {
      join.part(streamName, time, log);
      return JOINS_NEXT;
    }
    return join.finish(streamName, time, log.replace(/\r?\n$/, ''));
  };
}

function sniffBy(pattern: RegExp) {
  return (sampleLines: readonly string[]): number => {
    const lines = sampleLines.slice(0, SNIFF_LINE_LIMIT);
    if (lines.length === 0) return 0;
    let hits = 0;
    for (const line of lines) if (pattern.test(line)) hits++;
    return hits / lines.length;
  };
}

const criSamples: FormatSample[] = [
  {
    description: 'kubelet CRI log: stderr with no level word is a warning; nanoseconds kept',
    line: '2024-04-16T06:21:30.494902976Z stderr F 2024/04/16 06:21:30 Health service listening on 0.0.0.0:81',
    expected: {
      event: { tsMs: Date.UTC(2024, 3, 16, 6, 21, 30, 494), tsSubNs: 902_976, level: 'warn', message: '2024/04/16 06:21:30 Health service listening on 0.0.0.0:81', attrs: { stream: 'stderr' } },
    },
  },
  {
    description: 'stderr with a klog prefix takes its level from it',
    line: '2024-05-02T10:15:30.1Z stderr F I0502 10:15:30.100000       1 controller.go:88] Starting rollout controller',
    expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 100), level: 'info' } },
  },
  {
    description: 'stdout with a level word is that level',
    line: '2024-05-02T10:15:31Z stdout F level=error msg="upstream connect error" upstream=cart',
    expected: { event: { level: 'error', message: 'level=error msg="upstream connect error" upstream=cart', attrs: { stream: 'stdout' } } },
  },
  {
    description: 'two partial (P) lines joined with the full (F) line that ends them',
    line: '2024-05-02T10:15:32.000000001Z stdout P {"msg":"big payload","data":"aaaa\n2024-05-02T10:15:32.000000002Z stdout P bbbb\n2024-05-02T10:15:32.000000003Z stdout F cccc"}',
    expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 32), tsSubNs: 1, message: '{"msg":"big payload","data":"aaaabbbbcccc"}', level: 'info', attrs: { stream: 'stdout', parts: 3 } } },
  },
  {
    description: 'an empty full line',
    line: '2024-05-02T10:15:33Z stdout F',
    expected: { event: { message: '', level: 'info' } },
  },
  {
    description: 'a line that is not CRI',
    line: 'E0502 10:15:30.100000 1 controller.go:88] oops',
    expected: { unparsedReason: 'not a CRI log line (expected "<RFC3339 time> <stdout|stderr> <P|F> <text>")' },
  },
];

const dockerSamples: FormatSample[] = [
  {
    description: 'json-file stderr line without a level word is a warning; the trailing newline is dropped',
    line: '{"log":"connection refused: dial tcp 10.0.3.7:5432\\n","stream":"stderr","time":"2024-05-02T10:15:30.123456789Z"}',
    expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 123), tsSubNs: 456_789, level: 'warn', message: 'connection refused: dial tcp 10.0.3.7:5432', attrs: { stream: 'stderr' } } },
  },
  {
    description: 'plaso sample: a terminal title escape and CRLF; a time without a zone is taken as UTC',
    line: '{"log":"\\u001b]0;root@e7d0b7ea5ccf: /home/plaso\\u0007root@e7d0b7ea5ccf:/home/plaso# ls\\r\\n","stream":"stdout","time":"2016-01-07T16:49:10.0"}',
    expected: { event: { tsMs: Date.UTC(2016, 0, 7, 16, 49, 10), level: 'info', message: 'root@e7d0b7ea5ccf:/home/plaso# ls' } },
  },
  {
    description: 'a line split by the 16 KiB limit: parts without a newline join the one that ends it',
    line: '{"log":"{\\"level\\":\\"error\\",\\"msg\\":\\"dump ","stream":"stdout","time":"2024-05-02T10:15:31.000000001Z"}\n{"log":"part two\\"}\\n","stream":"stdout","time":"2024-05-02T10:15:31.000000002Z"}',
    expected: { event: { tsSubNs: 1, message: '{"level":"error","msg":"dump part two"}', level: 'error', attrs: { stream: 'stdout', parts: 2 } } },
  },
  {
    description: 'a JSON line that is not a json-file record',
    line: '{"msg":"hello","time":"2024-05-02T10:15:31Z"}',
    expected: { unparsedReason: 'not a Docker json-file log line (expected {"log": …, "stream": …, "time": …})' },
  },
];

/** Kubernetes CRI container logs. */
export const criFormat: LineFormatDefinition = {
  name: 'cri',
  description: 'Kubernetes CRI container logs (<time> <stream> <P|F> <text>; partial lines joined)',
  sniff: sniffBy(/^\d{4}-\d{2}-\d{2}T\S+ (stdout|stderr) [PF]( |$)/),
  createParser: createCriParser,
  samples: criSamples,
};

/** Docker json-file container logs. */
export const dockerJsonFormat: LineFormatDefinition = {
  name: 'docker-json',
  description: 'Docker json-file container logs ({"log","stream","time"}; split lines joined)',
  sniff: sniffBy(/^\{"log":".*","stream":"(stdout|stderr)",.*"time":"/),
  createParser: createDockerJsonParser,
  samples: dockerSamples,
};
