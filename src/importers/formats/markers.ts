/**
 * Deploy markers from observability tools, each a JSON array of spans of time:
 * `grafana-annotations` (GET /api/annotations: time/timeEnd in epoch ms, tags, text; alert
 * annotations carry newState), `honeycomb-markers` (GET /1/markers/{dataset}: start_time/end_time in
 * epoch seconds, message, type, url) and `aws-autoscaling` (describe-scaling-activities: an
 * `Activities` array with StartTime/EndTime, StatusCode, Description, Cause, AutoScalingGroupName).
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { parseEpochNumber, parseTimestamp } from '../time';
import { normaliseLevel } from '../levels';

type JsonObject = Record<string, unknown>;

/** Every object of the top-level arrays (or of `key` arrays inside top-level objects) that passes `accept`. */
function elementsOf(values: readonly unknown[], key: string | null, accept: (item: JsonObject) => boolean): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isRecord(value)) {
      if (key !== null && Array.isArray(value[key])) visit(value[key]);
      else if (accept(value)) found.push(value);
    }
  };
  for (const value of values) visit(value);
  return found;
}

function span(startValue: unknown, endValue: unknown, what: string): { tsMs: number; tsSubNs: number; endMs: number | null } | string {
  const start = typeof startValue === 'number' ? parseEpochNumber(startValue) : parseTimestamp(startValue);
  if (start === null) return startValue === undefined ? `${what} without a start time` : `${what} start time ${JSON.stringify(startValue)} is not a recognisable time`;
  const end = typeof endValue === 'number' ? parseEpochNumber(endValue) : parseTimestamp(endValue);
  return { tsMs: start.tsMs, tsSubNs: start.tsSubNs, endMs: end !== null && end.tsMs > start.tsMs ? end.tsMs : null };
}

function withSpan(time: ReturnType<typeof span>, fields: Omit<ParsedEvent, 'tsMs' | 'tsSubNs' | 'endMs' | 'attrsJson'>, attrs: JsonObject): ParsedEvent | string {
  return typeof time === 'string' ? time : { ...time, ...fields, attrsJson: JSON.stringify(attrs) };
}

function omit(record: JsonObject, keys: readonly string[]): JsonObject {
  const attrs: JsonObject = {};
  for (const key in record) if (!keys.includes(key)) attrs[key] = record[key];
  return attrs;
}

const GRAFANA_STATE_LEVELS: Readonly<Record<string, Level>> = { alerting: 'error', error: 'error', pending: 'warn', nodata: 'warn', no_data: 'warn', ok: 'info', normal: 'info' };

function grafanaAnnotation(a: JsonObject): ParsedEvent | string {
  const state = stringField(a, 'newState')?.toLowerCase();
  const tags = Array.isArray(a.tags) ? a.tags.filter((t): t is string => typeof t === 'string') : [];
  return withSpan(
    span(a.time, a.timeEnd, 'Grafana annotation'),
    {
      host: null,
      service: stringField(a, 'dashboardUID') ?? null,
      level: state !== undefined ? (GRAFANA_STATE_LEVELS[state] ?? 'unknown') : 'info',
      kind: typeof a.alertId === 'number' && a.alertId > 0 ? 'alert' : 'annotation',
      message: stringField(a, 'text') ?? (tags.length > 0 ? tags.join(', ') : ''),
    },
    omit(a, ['time', 'timeEnd', 'text', 'avatarUrl', 'email']),
  );
}

function honeycombMarker(m: JsonObject): ParsedEvent | string {
  return withSpan(
    span(m.start_time, m.end_time, 'Honeycomb marker'),
    { host: null, service: stringField(m, 'dataset') ?? null, level: 'info', kind: stringField(m, 'type') ?? 'marker', message: stringField(m, 'message') ?? stringField(m, 'url') ?? '' },
    omit(m, ['start_time', 'end_time', 'message', 'type']),
  );
}

const ACTIVITY_LEVELS: Readonly<Record<string, Level>> = { Failed: 'error', Cancelled: 'warn', WaitingForSpotInstanceId: 'info', Successful: 'info', InProgress: 'info' };

function scalingActivity(a: JsonObject): ParsedEvent | string {
  const description = stringField(a, 'Description') ?? '';
  const statusCode = stringField(a, 'StatusCode');
  const kind = /^Launching/i.test(description) ? 'instance.launch' : /^Terminating/i.test(description) ? 'instance.terminate' : 'scaling.activity';
  return withSpan(
    span(a.StartTime, a.EndTime, 'Auto Scaling activity'),
    {
      host: /\bi-[0-9a-f]{8,17}\b/.exec(description)?.[0] ?? null,
      service: stringField(a, 'AutoScalingGroupName') ?? null,
      level: statusCode === undefined ? 'unknown' : (ACTIVITY_LEVELS[statusCode] ?? normaliseLevel(statusCode)),
      kind,
      message: stringField(a, 'StatusMessage') && statusCode === 'Failed' ? `${description}: ${stringField(a, 'StatusMessage')}` : description,
    },
    omit(a, ['StartTime', 'EndTime', 'Description', 'AutoScalingGroupName']),
  );
}

const grafanaSamples: DocumentSample[] = [
  {
    description: 'GET /api/annotations: a deploy region with tags, and an alert state change',
    document: `[{"id":1124,"alertId":0,"dashboardUID":"checkout-overview","panelId":0,"userId":3,"login":"deploy-bot","email":"deploy@example.com","avatarUrl":"/avatar/1","tags":["deploy","v2.4.1"],"text":"Deploy v2.4.1 to production","time":1714644900000,"timeEnd":1714645500000,"created":1714644901000,"updated":1714645501000},
{"id":1125,"alertId":42,"alertName":"HighErrorRate","dashboardUID":"checkout-overview","panelId":7,"newState":"alerting","prevState":"pending","tags":[],"text":"","time":1714645263512,"timeEnd":1714645263512}]`,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 1, tsMs: 1714644900000, endMs: 1714645500000, kind: 'annotation', level: 'info', service: 'checkout-overview', message: 'Deploy v2.4.1 to production',
          attrs: { id: 1124, alertId: 0, dashboardUID: 'checkout-overview', panelId: 0, userId: 3, login: 'deploy-bot', tags: ['deploy', 'v2.4.1'], created: 1714644901000, updated: 1714645501000 },
        },
        { lineStart: 2, lineEnd: 2, tsMs: 1714645263512, endMs: null, kind: 'alert', level: 'error', message: '' },
      ],
    },
  },
  {
    description: 'an annotation without time is unparsed',
    document: '[{"id":9,"dashboardUID":"x","tags":["note"],"text":"no time here"}]',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'Grafana annotation without a start time' }] },
  },
];

const honeycombSamples: DocumentSample[] = [
  {
    description: 'GET /1/markers/{dataset}: a deploy with an end, and a point marker',
    document: `[
  {"id": "fGRbD6W8bZ7", "created_at": "2024-05-02T10:15:01Z", "updated_at": "2024-05-02T10:15:01Z", "start_time": 1714644900, "end_time": 1714645500,
   "message": "deploy checkout v2.4.1", "type": "deploy", "url": "https://ci.example.com/deploys/812", "color": "#f00"},
  {"id": "a1b2c3", "start_time": 1714645263, "message": "feature flag new-cart on", "type": "flag"}
]`,
    expected: {
      events: [
        { lineStart: 1, lineEnd: 3, tsMs: 1714644900000, endMs: 1714645500000, kind: 'deploy', message: 'deploy checkout v2.4.1', level: 'info' },
        { lineStart: 4, lineEnd: 5, tsMs: 1714645263000, endMs: null, kind: 'flag', attrs: { id: 'a1b2c3' } },
      ],
    },
  },
  {
    description: 'a marker whose start_time is not a time',
    document: '[{"id": "x", "start_time": "soon", "message": "maybe", "type": "deploy"}]',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'Honeycomb marker start time "soon" is not a recognisable time' }] },
  },
];

const autoscalingSamples: DocumentSample[] = [
  {
    description: 'aws autoscaling describe-scaling-activities: a failed launch and a successful termination',
    document: `{
    "Activities": [
        {
            "ActivityId": "5e3a1f3c-7b0e-4a4e-9d3c-3f3b2a1c0d9e",
            "AutoScalingGroupName": "checkout-asg",
            "Description": "Launching a new EC2 instance.  Status Reason: We currently do not have sufficient m5.large capacity in the Availability Zone you requested.",
            "Cause": "At 2024-05-02T10:15:02Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 11 to 12.",
            "StartTime": "2024-05-02T10:15:04.512Z",
            "EndTime": "2024-05-02T10:15:04Z",
            "StatusCode": "Failed",
            "StatusMessage": "We currently do not have sufficient m5.large capacity in the Availability Zone you requested.",
            "Progress": 100
        },
        {
            "ActivityId": "d2b6c9f0-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "AutoScalingGroupName": "checkout-asg",
            "Description": "Terminating EC2 instance: i-0abc123def4567890",
            "Cause": "At 2024-05-02T10:20:00Z an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped.",
            "StartTime": "2024-05-02T10:20:01.250Z",
            "EndTime": "2024-05-02T10:21:40Z",
            "StatusCode": "Successful",
            "Progress": 100
        }
    ]
}`,
    expected: {
      events: [
        { lineStart: 1, lineEnd: 13, tsMs: Date.UTC(2024, 4, 2, 10, 15, 4, 512), endMs: null, level: 'error', kind: 'instance.launch', service: 'checkout-asg', host: null },
        {
          lineStart: 14, lineEnd: 25, endMs: Date.UTC(2024, 4, 2, 10, 21, 40), level: 'info', kind: 'instance.terminate', host: 'i-0abc123def4567890',
          message: 'Terminating EC2 instance: i-0abc123def4567890',
        },
      ],
    },
  },
  {
    description: 'an activity without StartTime is unparsed',
    document: '{"Activities": [{"ActivityId": "x", "AutoScalingGroupName": "a", "Description": "Launching a new EC2 instance: i-0123456789abcdef0", "StatusCode": "InProgress"}]}',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'Auto Scaling activity without a start time' }] },
  },
];

function collectWith(key: string | null, accept: (item: JsonObject) => boolean, read: (item: JsonObject) => ParsedEvent | string) {
  return (values: readonly unknown[]): DocumentElement[] => elementsOf(values, key, accept).map((element) => ({ element, event: read(element) }));
}

/** Grafana annotations. */
export const grafanaAnnotationsFormat = jsonDocumentFormat({
  name: 'grafana-annotations',
  description: 'Grafana annotations (GET /api/annotations: time/timeEnd in ms, tags, text)',
  sniffText: (head) => (/^\s*\[/.test(head) && /"(dashboardUID|dashboardId|panelId)"\s*:/.test(head) && /"timeEnd"\s*:/.test(head) ? 1 : 0),
  extract: collectWith(null, (a) => 'time' in a || 'timeEnd' in a || 'dashboardUID' in a || 'panelId' in a, grafanaAnnotation),
  noEventsReason: 'valid JSON, but it holds no Grafana annotations (objects with time and timeEnd)',
  samples: grafanaSamples,
});

/** Honeycomb markers. */
export const honeycombMarkersFormat = jsonDocumentFormat({
  name: 'honeycomb-markers',
  description: 'Honeycomb markers (GET /1/markers: start_time/end_time in seconds, message, type, url)',
  sniffText: (head) => (/^\s*\[/.test(head) && /"start_time"\s*:/.test(head) && /"(message|type|url)"\s*:/.test(head) && !/"timeEnd"\s*:/.test(head) ? 1 : 0),
  extract: collectWith(null, (m) => 'start_time' in m, honeycombMarker),
  noEventsReason: 'valid JSON, but it holds no Honeycomb markers (objects with start_time)',
  samples: honeycombSamples,
});

/** AWS Auto Scaling activities. */
export const awsAutoscalingFormat = jsonDocumentFormat({
  name: 'aws-autoscaling',
  description: 'AWS Auto Scaling activities (describe-scaling-activities: Activities with StartTime/EndTime, StatusCode)',
  sniffText: (head) => (/"Activities"\s*:\s*\[/.test(head) || (/"ActivityId"\s*:/.test(head) && /"AutoScalingGroupName"\s*:/.test(head)) ? 1 : 0),
  extract: collectWith('Activities', (a) => 'ActivityId' in a || 'AutoScalingGroupName' in a, scalingActivity),
  noEventsReason: 'valid JSON, but it holds no Auto Scaling activities',
  samples: autoscalingSamples,
});
