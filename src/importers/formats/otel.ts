/**
 * `otel-logs`: OpenTelemetry logs as OTLP/JSON (`{"resourceLogs": [{resource, scopeLogs: [{scope,
 * logRecords}]}]}`), one export per file or one per line as the collector's file exporter writes them.
 * Each log record is an event: timeUnixNano (or observedTimeUnixNano) as ns, severityText or
 * severityNumber as the level, body as the message, resource service.name / host.name as service and
 * host; record attributes, trace and span ids and the scope name go to attrs.
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { normaliseLevel } from '../levels';
import { parseTimestamp } from '../time';

type JsonObject = Record<string, unknown>;

/** OTLP severityNumber ranges 1-4, 5-8, …, 21-24. */
const SEVERITY_NUMBER_LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** The plain value of an OTLP AnyValue ({stringValue}, {intValue}, {arrayValue}, {kvlistValue}, …). */
function anyValue(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return typeof value.intValue === 'string' ? Number(value.intValue) : value.intValue;
  if ('doubleValue' in value) return value.doubleValue;
  if ('bytesValue' in value) return value.bytesValue;
  if (isRecord(value.arrayValue)) return Array.isArray(value.arrayValue.values) ? value.arrayValue.values.map(anyValue) : [];
  if (isRecord(value.kvlistValue)) return keyValues(value.kvlistValue.values);
  return null;
}

function keyValues(list: unknown): JsonObject {
  const out: JsonObject = {};
  if (Array.isArray(list)) for (const kv of list) if (isRecord(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  return out;
}

function levelOf(record: JsonObject): Level {
  const text = stringField(record, 'severityText');
  const fromText = text === undefined ? 'unknown' : normaliseLevel(text);
  if (fromText !== 'unknown') return fromText;
  const number = record.severityNumber;
  if (typeof number === 'number' && number >= 1 && number <= 24) return SEVERITY_NUMBER_LEVELS[Math.floor((number - 1) / 4)]!;
  return 'unknown';
}

function logRecord(record: JsonObject, resource: JsonObject, scopeName: string | undefined): ParsedEvent | string {
  const timeValue = record.timeUnixNano !== undefined && record.timeUnixNano !== '0' && record.timeUnixNano !== 0 ? record.timeUnixNano : record.observedTimeUnixNano;
  const time = parseTimestamp(timeValue);
  if (time === null) return timeValue === undefined ? 'OpenTelemetry log record without timeUnixNano or observedTimeUnixNano' : `OpenTelemetry log record time ${JSON.stringify(timeValue)} is not a recognisable time`;
  const body = anyValue(record.body);
  const attributes = keyValues(record.attributes);
  const { 'service.name': service, 'host.name': host, ...otherResource } = resource;
  const attrs: JsonObject = { ...attributes };
  if (scopeName !== undefined) attrs['otel.scope'] = scopeName;
  for (const key of ['traceId', 'spanId', 'flags', 'severityText', 'severityNumber', 'eventName'] as const) if (record[key] !== undefined && record[key] !== '') attrs[key] = record[key];
  if (Object.keys(otherResource).length > 0) attrs['otel.resource'] = otherResource;
  return {
    tsMs: time.tsMs,
    tsSubNs: time.tsSubNs,
    endMs: null,
    host: typeof host === 'string' ? host : null,
    service: typeof service === 'string' ? service : null,
    level: levelOf(record),
    kind: stringField(record, 'eventName') ?? (typeof attributes['event.name'] === 'string' ? attributes['event.name'] : null),
    message: typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body),
    attrsJson: JSON.stringify(attrs),
  };
}

function collect(values: readonly unknown[]): DocumentElement[] {
  const out: DocumentElement[] = [];
  const exports = values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter(isRecord);
  for (const payload of exports) {
    if (!Array.isArray(payload.resourceLogs)) continue;
    for (const resourceLogs of payload.resourceLogs.filter(isRecord)) {
      const resource = keyValues(isRecord(resourceLogs.resource) ? resourceLogs.resource.attributes : undefined);
      const scopes = Array.isArray(resourceLogs.scopeLogs) ? resourceLogs.scopeLogs : Array.isArray(resourceLogs.instrumentationLibraryLogs) ? resourceLogs.instrumentationLibraryLogs : [];
      for (const scopeLogs of scopes.filter(isRecord)) {
        const scopeName = stringField(scopeLogs, 'scope', 'name') ?? stringField(scopeLogs, 'instrumentationLibrary', 'name');
        const records = Array.isArray(scopeLogs.logRecords) ? scopeLogs.logRecords.filter(isRecord) : [];
        for (const record of records) out.push({ element: record, event: logRecord(record, resource, scopeName) });
      }
    }
  }
  return out;
}

const samples: DocumentSample[] = [
  {
    description: 'collector file exporter: one export per line, several records on one line share it',
    document: [
      '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}},{"key":"host.name","value":{"stringValue":"web-3"}},{"key":"k8s.pod.name","value":{"stringValue":"checkout-7f9c"}}]},"scopeLogs":[{"scope":{"name":"io.opentelemetry.express"},"logRecords":[{"timeUnixNano":"1714645263123456789","severityNumber":17,"severityText":"ERROR","body":{"stringValue":"POST /cart 502 upstream reset"},"attributes":[{"key":"http.status_code","value":{"intValue":"502"}}],"traceId":"5b8aa5a2d2c872e8321cf37308d69df2","spanId":"051581bf3cb55c13"},{"timeUnixNano":"1714645264000000000","severityNumber":13,"body":{"stringValue":"retrying"}}]}]}]}',
      '{"resourceLogs":[{"resource":{"attributes":[]},"scopeLogs":[{"logRecords":[{"timeUnixNano":"0","observedTimeUnixNano":"1714645265000000000","body":{"kvlistValue":{"values":[{"key":"event","value":{"stringValue":"gc"}}]}}}]}]}]}',
    ].join('\n'),
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 1, tsMs: 1714645263123, tsSubNs: 456_789, level: 'error', service: 'checkout', host: 'web-3', message: 'POST /cart 502 upstream reset',
          attrs: {
            'http.status_code': 502, 'otel.scope': 'io.opentelemetry.express', traceId: '5b8aa5a2d2c872e8321cf37308d69df2', spanId: '051581bf3cb55c13',
            severityText: 'ERROR', severityNumber: 17, 'otel.resource': { 'k8s.pod.name': 'checkout-7f9c' },
          },
        },
        { lineStart: 1, lineEnd: 1, tsMs: 1714645264000, level: 'warn', message: 'retrying' },
        { lineStart: 2, lineEnd: 2, tsMs: 1714645265000, level: 'unknown', service: null, host: null, message: '{"event":"gc"}' },
      ],
    },
  },
  {
    description: 'a record with no time at all',
    document: '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"when?"}}]}]}]}',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'OpenTelemetry log record without timeUnixNano or observedTimeUnixNano' }] },
  },
];

/** The OpenTelemetry OTLP/JSON logs format. */
export const otelLogsFormat = jsonDocumentFormat({
  name: 'otel-logs',
  description: 'OpenTelemetry logs as OTLP/JSON (resourceLogs → scopeLogs → logRecords), whole or one export per line',
  sniffText: (head) => (/"resourceLogs"\s*:/.test(head) ? 1 : 0),
  extract: collect,
  noEventsReason: 'valid JSON, but it holds no OpenTelemetry log records (resourceLogs → scopeLogs → logRecords)',
  samples,
});
