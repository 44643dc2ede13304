/**
 * Web server error logs. `apache-error`: `[Sun Dec 04 04:47:44 2005] [error] message`, and the
 * Apache 2.4 shape `[Wed Oct 11 14:32:52.123456 2023] [proxy:error] [pid 357:tid 43] [client 10.0.0.1:5] message`.
 * `nginx-error`: `2024/05/02 10:15:30 [error] 1234#0: *5 message`. Both write local wall-clock time
 * without a zone, so times are placed with the source's zone (`--tz`).
 */
import { normaliseLevel } from '../levels';
import { monthNumber, SourceClock, fractionParts } from '../time-text';
import { attrsJsonOf, textFormat } from './text-format';

const APACHE = /^\[(?:[A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? (\d{4})\] \[(?:([\w-]+):)?(\w+)\] (.*)$/;
const APACHE_FIELD = /^\[(pid|client|remote) ([^\]]*)\] /;

/** Apache httpd error_log. */
export const apacheErrorFormat = textFormat({
  name: 'apache-error',
  description: 'Apache httpd error_log: "[Sun Dec 04 04:47:44 2005] [error] message" (local time in --tz)',
  mismatchReason: 'not an Apache error_log line (expected "[Www Mmm dd hh:mm:ss yyyy] [level] message")',
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      const m = APACHE.exec(line);
      if (m === null) return null;
      const month = monthNumber(m[1]!);
      if (month === 0) return null;
      const { ms, subNs } = fractionParts(m[6] ?? '');
      let rest = m[10]!;
      const fields: Record<string, string> = {};
      for (let field = APACHE_FIELD.exec(rest); field !== null; field = APACHE_FIELD.exec(rest)) {
        fields[field[1]!] = field[2]!;
        rest = rest.slice(field[0].length);
      }
      return {
        tsMs: clock.wallClock(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), ms),
        tsSubNs: subNs,
        endMs: null,
        host: null,
        service: m[8] ?? null,
        level: normaliseLevel(m[9]!),
        kind: null,
        message: rest,
        attrsJson: attrsJsonOf(fields),
      };
    };
  },
  samples: [
    {
      description: 'Apache 2.2: notice level, local time in UTC',
      line: '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      expected: { event: { tsMs: Date.UTC(2005, 11, 4, 4, 47, 44), level: 'notice', service: null, message: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties', attrs: {} } },
    },
    {
      description: 'Apache 2.4: module, microseconds, pid and client fields, local time in New York',
      line: '[Wed Oct 11 14:32:52.123456 2023] [proxy:error] [pid 35708:tid 4328636416] [client 72.15.99.187:4311] AH00898: Error reading from remote server',
      options: { timeZone: 'America/New_York' },
      expected: {
        event: { tsMs: Date.UTC(2023, 9, 11, 18, 32, 52, 123), tsSubNs: 456000, level: 'error', service: 'proxy', message: 'AH00898: Error reading from remote server', attrs: { pid: '35708:tid 4328636416', client: '72.15.99.187:4311' } },
      },
    },
    {
      description: 'not an Apache error line',
      line: '2024/05/02 10:15:30 [error] 1#0: nope',
      expected: { unparsedReason: 'not an Apache error_log line (expected "[Www Mmm dd hh:mm:ss yyyy] [level] message")' },
    },
  ],
});

const NGINX = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] (\d+)#(\d+): (?:\*(\d+) )?(.*)$/;

/** nginx error.log. */
export const nginxErrorFormat = textFormat({
  name: 'nginx-error',
  description: 'nginx error.log: "2024/05/02 10:15:30 [error] 1234#0: *5 message" (local time in --tz)',
  mismatchReason: 'not an nginx error.log line (expected "yyyy/mm/dd hh:mm:ss [level] pid#tid: message")',
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      const m = NGINX.exec(line);
      if (m === null) return null;
      return {
        tsMs: clock.wallClock(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), 0),
        tsSubNs: 0,
        endMs: null,
        host: null,
        service: 'nginx',
        level: normaliseLevel(m[7]!),
        kind: null,
        message: m[11]!,
        attrsJson: attrsJsonOf({ pid: Number(m[8]), tid: Number(m[9]), connection: m[10] === undefined ? null : Number(m[10]) }),
      };
    };
  },
  samples: [
    {
      description: 'upstream error with a connection number',
      line: '2024/05/02 10:15:30 [error] 1234#0: *5 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.9',
      expected: {
        event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30), level: 'error', service: 'nginx', message: 'connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.9', attrs: { pid: 1234, tid: 0, connection: 5 } },
      },
    },
    {
      description: 'crit without a connection, Berlin summer time',
      line: '2024/07/01 02:00:00 [crit] 77#77: pwrite() "/var/cache/nginx/a" failed (28: No space left on device)',
      options: { timeZone: 'Europe/Berlin' },
      expected: { event: { tsMs: Date.UTC(2024, 6, 1, 0, 0, 0), level: 'fatal', attrs: { pid: 77, tid: 77 } } },
    },
    {
      description: 'not an nginx error line',
      line: '[Sun Dec 04 04:47:44 2005] [error] x',
      expected: { unparsedReason: 'not an nginx error.log line (expected "yyyy/mm/dd hh:mm:ss [level] pid#tid: message")' },
    },
  ],
});
