/**
 * `json-lines`: one JSON object per line, of any shape (bunyan, pino, zap, logrus, structlog, ECS,
 * `journalctl -o json`, …). The field map below is the whole format; json-fields.ts does the reading.
 * Samples are lines in the shape each tool writes, with the event each must produce.
 */
import { jsonFieldFormat, type JsonFieldMap } from '../json-fields';

/** Where json-lines looks for each column: candidate field names, first match wins, dotted names reach into objects. */
export const JSON_LINES_FIELDS: JsonFieldMap = {
  timestamp: [
    'ts', 'time', 'datetime', 'timestamp', '@timestamp', 'eventTime', 'date', '__REALTIME_TIMESTAMP', 't',
    'Timestamp', 'Time', 'timeMillis', 'time_local', 'created_at', 'createdAt', 'asctime', 'lastTimestamp', 'firstTimestamp',
  ],
  level: ['level', 'severity', 'lvl', 'log.level', 'levelname', 'loglevel', 'Level', 'Severity', 'PRIORITY', 'severity_text', 'SeverityText'],
  host: ['host', 'hostname', '_HOSTNAME', 'host.name', 'host.hostname', 'node', 'nodeName', 'Host', 'Hostname', 'instance'],
  service: [
    'service', 'service.name', 'app', 'application', 'component', '_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER', 'logger',
    'logger_name', 'log.logger', 'name', 'source',
  ],
  message: ['msg', 'message', 'MESSAGE', 'text', 'log', 'body', 'Message', 'Body'],
  kind: ['kind', 'event', 'event.action', 'type', 'reason', 'action'],
};

/** The generic JSON-lines format. */
export const jsonLinesFormat = jsonFieldFormat({
  name: 'json-lines',
  description: 'One JSON object per line (bunyan, pino, zap, logrus, ECS, journalctl -o json, …)',
  fields: JSON_LINES_FIELDS,
  samples: [
    {
      description: 'pino: numeric level, epoch ms, hostname, name as service',
      line: '{"level":30,"time":1700000000123,"pid":4711,"hostname":"web-3","name":"checkout","msg":"request completed","reqId":"r-81","responseTime":12}',
      expected: {
        event: {
          tsMs: 1700000000123, tsSubNs: 0, level: 'info', host: 'web-3', service: 'checkout', message: 'request completed', kind: null,
          attrs: { pid: 4711, reqId: 'r-81', responseTime: 12 },
        },
      },
    },
    {
      description: 'bunyan: level 50, ISO time, nested err object kept in attrs',
      line: '{"name":"api","hostname":"api-7f9c","pid":7,"level":50,"err":{"message":"ECONNRESET","code":"ECONNRESET"},"msg":"upstream failed","time":"2024-05-02T10:15:30.250Z","v":0}',
      expected: {
        event: {
          tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 250), level: 'error', host: 'api-7f9c', service: 'api', message: 'upstream failed',
          attrs: { pid: 7, err: { message: 'ECONNRESET', code: 'ECONNRESET' }, v: 0 },
        },
      },
    },
    {
      description: 'zap production encoder: float epoch seconds, caller and stacktrace in attrs',
      line: '{"level":"warn","ts":1700000000.0001235,"logger":"rollout","caller":"rollout/step.go:88","msg":"canary error rate above threshold","ratePct":4.2}',
      expected: {
        event: {
          tsMs: 1700000000000, tsSubNs: 123500, level: 'warn', service: 'rollout', message: 'canary error rate above threshold',
          attrs: { caller: 'rollout/step.go:88', ratePct: 4.2 },
        },
      },
    },
    {
      description: 'logrus: RFC 3339 with a zone offset, level word',
      line: '{"level":"error","msg":"health check failed","time":"2024-05-02T12:15:30+02:00","host":"db-1","check":"tcp"}',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30), level: 'error', host: 'db-1', message: 'health check failed', attrs: { check: 'tcp' } } },
    },
    {
      description: 'python-json-logger: asctime with a comma fraction and no zone (in the source zone, UTC here), levelname WARNING',
      line: '{"asctime":"2024-05-02 10:15:30,500","levelname":"WARNING","name":"agent.disk","message":"disk 91% full","mount":"/var"}',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 500), level: 'warn', service: 'agent.disk', message: 'disk 91% full', attrs: { mount: '/var' } } },
    },
    {
      description: 'Elastic Common Schema: literal dotted keys and nested objects',
      line: '{"@timestamp":"2025-01-13T09:58:13.631Z","log.level":"critical","message":"pool exhausted","ecs.version":"1.6.0","service":{"name":"billing"},"host":{"name":"ip-10-0-1-5"}}',
      expected: {
        event: {
          tsMs: Date.UTC(2025, 0, 13, 9, 58, 13, 631), level: 'fatal', service: 'billing', host: 'ip-10-0-1-5', message: 'pool exhausted',
          attrs: { 'ecs.version': '1.6.0', service: { name: 'billing' }, host: { name: 'ip-10-0-1-5' } },
        },
      },
    },
    {
      description: 'journalctl -o json: every value a string, µs realtime, syslog PRIORITY',
      line: '{"__REALTIME_TIMESTAMP":"1700000000123456","PRIORITY":"3","_HOSTNAME":"node-2","_SYSTEMD_UNIT":"kubelet.service","SYSLOG_IDENTIFIER":"kubelet","MESSAGE":"Failed to pull image","_PID":"912"}',
      expected: {
        event: {
          tsMs: 1700000000123, tsSubNs: 456000, level: 'error', host: 'node-2', service: 'kubelet.service', message: 'Failed to pull image',
          attrs: { SYSLOG_IDENTIFIER: 'kubelet', _PID: '912' },
        },
      },
    },
    {
      description: 'deploy tool event: nanosecond ISO time, kind from "event", no level',
      line: '{"ts":"2024-05-02T10:15:30.123456789Z","event":"deploy.start","service":"checkout","version":"v2.4.1","message":"rolling out v2.4.1"}',
      expected: {
        event: {
          tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 123), tsSubNs: 456789, level: 'unknown', kind: 'deploy.start', service: 'checkout',
          message: 'rolling out v2.4.1', attrs: { version: 'v2.4.1' },
        },
      },
    },
    {
      description: 'unrecognised level word stays in attrs; no message field gives a key=value message',
      line: '{"t":"2024-05-02T10:15:30Z","lvl":"STATS","beats":1}',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30), level: 'unknown', message: 'lvl=STATS beats=1', attrs: { lvl: 'STATS', beats: 1 } } },
    },
    {
      description: 'a bad first timestamp candidate falls back to the next one',
      line: '{"ts":"xxx","time":"2024-05-02T10:15:30Z","msg":"fallback"}',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30), message: 'fallback', attrs: { ts: 'xxx' } } },
    },
    {
      description: 'a truncated line',
      line: '{"ts": "2013-09-06T22:00:49.124817Z", "msg": "Shutting down',
      expected: { unparsedReason: 'invalid JSON: Unterminated string at column 60' },
    },
    {
      description: 'plain text in a JSON-lines file',
      line: 'panic: runtime error: index out of range',
      expected: { unparsedReason: "invalid JSON: Unexpected token 'p'" },
    },
    {
      description: 'valid JSON that is not an object',
      line: '[1,2,3]',
      expected: { unparsedReason: 'valid JSON but not an object (an array); each line must be one JSON object' },
    },
    {
      description: 'an object with no time',
      line: '{"level":"info","msg":"no clock here"}',
      expected: { unparsedReason: 'no timestamp field found (looked for ts, time, datetime, timestamp, @timestamp, eventTime, date, __REALTIME_TIMESTAMP, …)' },
    },
    {
      description: 'an object whose only time is not a time',
      line: '{"ts":"xxx","msg":"bad ts"}',
      expected: { unparsedReason: 'timestamp field "ts" has value "xxx", which is not a recognisable time' },
    },
  ],
});
