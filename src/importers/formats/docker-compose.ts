/**
 * `docker-compose`: the output of `docker compose logs` (and `up`), where every line starts with the
 * container's name padded to a column and `| `: `web-1  | 2024-04-25T05:32:35.584Z  * Running on …`
 * (with `--timestamps`) or `caddy  | {"level":"info","ts":1761019822.31,"msg":"…"}`. The prefix gives
 * the service (the container name without its `-1` replica number); the rest is read as JSON lines when
 * it is a JSON object, else as timestamped text. Lines without the prefix continue the event before.
 * NOTE: compose may start a line with ANSI escapes (`ESC[2K`, colours); they are skipped in the prefix.
 */
import { CONTINUATION, type LineFormatDefinition, type ParserOptions } from '../format';
import { jsonLinesFormat } from './json-lines';
import { timestampTextFormat } from './timestamp-text';

const PREFIX = new RegExp(String.raw`^(?:\x1b\[[0-9;?]*[A-Za-z])*([A-Za-z0-9][\w.-]*?)\s*\| ?(.*)$`, 's');
const REPLICA_SUFFIX = /[-_]\d+$/;
const SNIFF_LINE_LIMIT = 50;
const MISMATCH_REASON = 'not a docker compose log line (expected "service-1  | text")';

/** `docker compose logs` output, with or without `--timestamps`. */
export const dockerComposeFormat: LineFormatDefinition = {
  name: 'docker-compose',
  description: 'docker compose logs output: "service-1  | text" lines, with or without --timestamps, JSON or text after the bar',
  sniff(sampleLines) {
    const lines = sampleLines.slice(0, SNIFF_LINE_LIMIT);
    if (lines.length === 0) return 0;
    const matched = lines.filter((line) => PREFIX.test(line) && !line.startsWith('{')).length;
    return matched / lines.length >= 0.6 ? 0.95 * (matched / lines.length) : 0;
  },
  createParser(options?: ParserOptions) {
    const json = jsonLinesFormat.createParser(options);
    const text = timestampTextFormat.createParser(options);
    let hasEvent = false;
    return (line) => {
      const match = PREFIX.exec(line);
      if (match === null) return hasEvent ? CONTINUATION : MISMATCH_REASON;
      const [, container = '', rest = ''] = match;
      const result = rest.trimStart().startsWith('{') ? json(rest) : text(rest);
      if (typeof result !== 'object') return result;
      hasEvent = true;
      const attrs = { ...(JSON.parse(result.attrsJson) as Record<string, unknown>), container };
      return { ...result, service: result.service ?? container.replace(REPLICA_SUFFIX, ''), attrsJson: JSON.stringify(attrs) };
    };
  },
  samples: [
    {
      description: 'docker compose logs --timestamps: a Flask container',
      line: 'web-1  | 2024-04-25T05:32:35.600215839Z WARNING: This is a development server. Do not use it in a production deployment.',
      expected: { event: { tsMs: Date.UTC(2024, 3, 25, 5, 32, 35, 600), level: 'warn', service: 'web', attrs: { container: 'web-1' } } },
    },
    {
      description: 'docker compose logs: a caddy container writing zap JSON',
      line: 'caddy  | {"level":"error","ts":1761019822.5,"logger":"http.log.error","msg":"dial tcp 172.18.0.4:8080: connect: connection refused"}',
      expected: { event: { tsMs: 1761019822500, level: 'error', message: 'dial tcp 172.18.0.4:8080: connect: connection refused' } },
    },
    {
      description: 'a line without the "service  |" prefix before any event',
      line: 'Attaching to caddy, web-1',
      expected: { unparsedReason: MISMATCH_REASON },
    },
  ],
};
