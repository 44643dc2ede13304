/**
 * `access-log`: NCSA common and combined access logs (Apache, nginx), e.g.
 * `10.0.0.7 - alice [02/May/2024:10:15:30 +0200] "GET /cart HTTP/1.1" 502 157 "-" "curl/8.5.0"`.
 * Status 5xx is an error, 4xx a warning, anything else info. The client address(es), method, path,
 * protocol, status, bytes, referer and user agent go to attrs. Host stays null: an access log names
 * its clients, not the server that wrote it.
 */
import type { Level } from '../../model/event';
import { monthNumber } from '../time-text';
import { daysFromCivil } from '../time';
import { attrsJsonOf, textFormat } from './text-format';

const NCSA = /^(\S+(?:, \S+)*) (\S+) (\S+) \[(\d\d)\/([A-Za-z]{3})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?:\.(\d+))? ([+-])(\d\d)(\d\d)\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(.*)$/;

function levelOfStatus(status: number): Level {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'info';
}

function dash(value: string | undefined): string | null {
  return value === undefined || value === '-' ? null : value;
}

/** NCSA common/combined access logs. */
export const accessLogFormat = textFormat({
  name: 'access-log',
  description: 'NCSA common/combined access log (Apache, nginx): 5xx error, 4xx warning',
  mismatchReason: 'not an access log line (expected \'client - user [dd/Mon/yyyy:hh:mm:ss +zzzz] "request" status bytes\')',
  createReader() {
    return (line) => {
      const m = NCSA.exec(line);
      if (m === null) return null;
      const month = monthNumber(m[5]!);
      if (month === 0) return null;
      const offsetMinutes = (m[11] === '-' ? -1 : 1) * (Number(m[12]) * 60 + Number(m[13]));
      const fraction = (m[10] ?? '').slice(0, 3).padEnd(3, '0');
      const tsMs =
        daysFromCivil(Number(m[6]), month, Number(m[4])) * 86_400_000 +
        ((Number(m[7]) * 60 + Number(m[8]) - offsetMinutes) * 60 + Number(m[9])) * 1000 +
        Number(fraction);
      const request = m[14]!;
      const [method, path, protocol] = request.split(' ');
      const status = m[15] === '-' ? null : Number(m[15]);
      const isRequestLine = path !== undefined && protocol !== undefined;
      return {
        tsMs,
        tsSubNs: 0,
        endMs: null,
        host: null,
        service: null,
        level: status === null ? 'unknown' : levelOfStatus(status),
        kind: null,
        message: request.length > 0 ? `${request} ${m[15]}` : `(empty request) ${m[15]}`,
        attrsJson: attrsJsonOf({
          client: m[1],
          ident: dash(m[2]),
          user: dash(m[3]),
          method: isRequestLine ? method : null,
          path: isRequestLine ? path : null,
          protocol: isRequestLine ? protocol : null,
          request: isRequestLine ? null : request,
          status,
          bytes: m[16] === '-' ? null : Number(m[16]),
          referer: dash(m[17]),
          agent: dash(m[18]),
          extra: m[19]!.trim(),
        }),
      };
    };
  },
  samples: [
    {
      description: 'combined log: a 502 is an error; zone offset applied',
      line: '10.0.0.7 - alice [02/May/2024:10:15:30 +0200] "GET /cart HTTP/1.1" 502 157 "https://shop.example/" "curl/8.5.0"',
      expected: {
        event: {
          tsMs: Date.UTC(2024, 4, 2, 8, 15, 30), level: 'error', host: null, message: 'GET /cart HTTP/1.1 502',
          attrs: { client: '10.0.0.7', user: 'alice', method: 'GET', path: '/cart', protocol: 'HTTP/1.1', status: 502, bytes: 157, referer: 'https://shop.example/', agent: 'curl/8.5.0' },
        },
      },
    },
    {
      description: 'common log: a 404 is a warning, bytes "-"',
      line: '192.0.2.44 - - [15/Jan/2025:23:59:59 +0000] "HEAD /healthz HTTP/1.0" 404 -',
      expected: { event: { tsMs: Date.UTC(2025, 0, 15, 23, 59, 59), level: 'warn', attrs: { client: '192.0.2.44', method: 'HEAD', path: '/healthz', protocol: 'HTTP/1.0', status: 404 } } },
    },
    {
      description: 'nginx behind proxies: several client addresses, extra trailing field kept',
      line: '10.0.0.2, 172.16.0.9 - - [07/Dec/2023:11:05:07 -0500] "POST /api/v1/orders HTTP/2.0" 201 88 "-" "okhttp/4.12" "203.0.113.9"',
      expected: { event: { tsMs: Date.UTC(2023, 11, 7, 16, 5, 7), level: 'info', attrs: { client: '10.0.0.2, 172.16.0.9', method: 'POST', path: '/api/v1/orders', protocol: 'HTTP/2.0', status: 201, bytes: 88, agent: 'okhttp/4.12', extra: '"203.0.113.9"' } } },
    },
    {
      description: 'a garbage request line (a TLS handshake on the plain port) is still an event',
      line: '198.51.100.3 - - [02/May/2024:10:15:31 +0000] "\\x16\\x03\\x01" 400 150 "-" "-"',
      expected: { event: { level: 'warn', attrs: { client: '198.51.100.3', request: '\\x16\\x03\\x01', status: 400, bytes: 150 } } },
    },
    {
      description: 'not an access log line',
      line: 'GET /cart 200',
      expected: { unparsedReason: 'not an access log line (expected \'client - user [dd/Mon/yyyy:hh:mm:ss +zzzz] "request" status bytes\')' },
    },
  ],
});
