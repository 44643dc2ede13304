/**
 * `kubernetes-events`: `kubectl get events -o json` (a `List` with `items`), bare Event objects, JSON
 * lines of them, `kubectl get events -o json --watch` (concatenated objects, optionally wrapped as
 * `{"type":"ADDED","object":…}` watch events), events.k8s.io/v1 Events (regarding, note, series), and
 * Argo Rollouts events, which are Events with Rollout/AnalysisRun reasons.
 * An event repeated `count` times spans first → last occurrence (tsMs → endMs); count and series stay in attrs.
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { parseTimestamp } from '../time';

const MAPPED_KEYS = ['reason', 'type', 'message', 'note', 'apiVersion', 'kind'];
const WATCH_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** True for an object that looks like a Kubernetes Event (core/v1, events.k8s.io/v1 or the compact insights form). */
function isEventObject(value: Record<string, unknown>): boolean {
  if (value.kind === 'Event') return true;
  return typeof value.reason === 'string' && ('involvedObject' in value || 'regarding' in value || 'lastTimestamp' in value || 'eventTime' in value || 'firstTimestamp' in value);
}

function collect(value: unknown, out: DocumentElement[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
    return;
  }
  if (!isRecord(value)) return;
  if (Array.isArray(value.items)) {
    collect(value.items, out);
    return;
  }
  if (typeof value.type === 'string' && WATCH_TYPES.has(value.type) && isRecord(value.object)) {
    out.push({ element: value, event: readEvent(value.object, value.type) });
    return;
  }
  if (isEventObject(value)) out.push({ element: value, event: readEvent(value, null) });
}

function readEvent(record: Record<string, unknown>, watchType: string | null): ParsedEvent | string {
  const series = isRecord(record.series) ? record.series : null;
  const startText =
    stringField(record, 'eventTime') ?? stringField(record, 'firstTimestamp') ?? stringField(record, 'lastTimestamp') ??
    stringField(series, 'lastObservedTime') ?? stringField(record, 'metadata', 'creationTimestamp');
  if (startText === undefined) return 'Kubernetes event without eventTime, firstTimestamp, lastTimestamp or series.lastObservedTime';
  const start = parseTimestamp(startText);
  if (start === null) return `Kubernetes event time "${startText}" is not a recognisable time`;
  const lastText = stringField(series, 'lastObservedTime') ?? stringField(record, 'lastTimestamp');
  const last = lastText === undefined ? null : parseTimestamp(lastText);
  const subject = isRecord(record.involvedObject) ? record.involvedObject : isRecord(record.regarding) ? record.regarding : null;
  const objectKind = stringField(subject, 'kind');
  const objectName = stringField(subject, 'name');
  const namespace = stringField(subject, 'namespace') ?? stringField(record, 'namespace') ?? stringField(record, 'metadata', 'namespace');
  const nodeHost = objectKind === 'Node' ? objectName : (stringField(record, 'source', 'host') ?? stringField(record, 'deprecatedSource', 'host'));
  const service = objectKind === 'Node' ? null : namespace !== undefined && objectName !== undefined ? `${namespace}/${objectName}` : (namespace ?? objectName ?? null);
  const attrs: Record<string, unknown> = {};
  if (watchType !== null) attrs.watchType = watchType;
  for (const key in record) if (!MAPPED_KEYS.includes(key)) attrs[key] = record[key];
  return {
    tsMs: start.tsMs,
    tsSubNs: start.tsSubNs,
    endMs: last !== null && last.tsMs > start.tsMs ? last.tsMs : null,
    host: nodeHost ?? null,
    service,
    level: levelOf(stringField(record, 'type')),
    kind: stringField(record, 'reason') ?? null,
    message: stringField(record, 'message') ?? stringField(record, 'note') ?? '',
    attrsJson: JSON.stringify(attrs),
  };
}

function levelOf(type: string | undefined): Level {
  if (type === 'Warning') return 'warn';
  if (type === 'Normal') return 'info';
  return 'unknown';
}

const POD_EVENT = `{
  "apiVersion": "v1",
  "count": 4,
  "eventTime": null,
  "firstTimestamp": "2024-05-02T10:15:30Z",
  "involvedObject": {"apiVersion": "v1", "fieldPath": "spec.containers{api}", "kind": "Pod", "name": "api-7f9c-x2k4p", "namespace": "checkout", "uid": "6b1e"},
  "kind": "Event",
  "lastTimestamp": "2024-05-02T10:17:45Z",
  "message": "Back-off restarting failed container api in pod api-7f9c-x2k4p_checkout(6b1e)",
  "metadata": {"name": "api-7f9c-x2k4p.17c1", "namespace": "checkout"},
  "reason": "BackOff",
  "source": {"component": "kubelet", "host": "ip-10-0-1-17.ec2.internal"},
  "type": "Warning"
}`;

const samples: DocumentSample[] = [
  {
    description: 'kubectl get events -o json: a List; wrapper lines join the first and last events',
    document: `{
    "apiVersion": "v1",
    "items": [
        ${POD_EVENT.split('\n').join('\n        ')},
        {
            "apiVersion": "v1",
            "firstTimestamp": "2024-05-02T10:14:02Z",
            "involvedObject": {"kind": "Node", "name": "ip-10-0-1-17.ec2.internal", "uid": "ip-10-0-1-17.ec2.internal"},
            "kind": "Event",
            "lastTimestamp": "2024-05-02T10:14:02Z",
            "message": "Node ip-10-0-1-17.ec2.internal status is now: NodeNotReady",
            "metadata": {"name": "ip-10-0-1-17.ec2.internal.17c0", "namespace": "default"},
            "reason": "NodeNotReady",
            "source": {"component": "node-controller"},
            "type": "Normal"
        }
    ],
    "kind": "List",
    "metadata": {"resourceVersion": ""}
}`,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 17, tsMs: Date.UTC(2024, 4, 2, 10, 15, 30), endMs: Date.UTC(2024, 4, 2, 10, 17, 45), level: 'warn', kind: 'BackOff',
          host: 'ip-10-0-1-17.ec2.internal', service: 'checkout/api-7f9c-x2k4p', message: 'Back-off restarting failed container api in pod api-7f9c-x2k4p_checkout(6b1e)',
        },
        { lineStart: 18, lineEnd: 33, tsMs: Date.UTC(2024, 4, 2, 10, 14, 2), endMs: null, level: 'info', kind: 'NodeNotReady', host: 'ip-10-0-1-17.ec2.internal', service: null },
      ],
    },
  },
  {
    description: 'events.k8s.io/v1 as JSON lines: eventTime with µs, regarding, note, series',
    document: [
      '{"apiVersion":"events.k8s.io/v1","kind":"Event","eventTime":"2024-05-02T10:15:30.123456Z","series":{"count":3,"lastObservedTime":"2024-05-02T10:16:00.000000Z"},"regarding":{"kind":"Pod","namespace":"web","name":"web-0"},"reason":"Unhealthy","note":"Readiness probe failed: HTTP probe failed with statuscode: 503","type":"Warning","reportingController":"kubelet","reportingInstance":"node-3"}',
      '{"apiVersion":"events.k8s.io/v1","kind":"Event","eventTime":"2024-05-02T10:16:05.000001Z","regarding":{"kind":"Deployment","namespace":"web","name":"web"},"reason":"ScalingReplicaSet","note":"Scaled up replica set web-5d8 to 3","type":"Normal"}',
    ].join('\n'),
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 1, tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 123), tsSubNs: 456_000, endMs: Date.UTC(2024, 4, 2, 10, 16), level: 'warn',
          kind: 'Unhealthy', service: 'web/web-0', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
          attrs: {
            eventTime: '2024-05-02T10:15:30.123456Z', series: { count: 3, lastObservedTime: '2024-05-02T10:16:00.000000Z' },
            regarding: { kind: 'Pod', namespace: 'web', name: 'web-0' }, reportingController: 'kubelet', reportingInstance: 'node-3',
          },
        },
        { lineStart: 2, lineEnd: 2, tsSubNs: 1000, kind: 'ScalingReplicaSet', service: 'web/web', level: 'info' },
      ],
    },
  },
  {
    description: 'Argo Rollouts events from kubectl get events --watch -o json --output-watch-events (concatenated objects)',
    document: `{"type":"ADDED","object":{"kind":"Event","apiVersion":"v1","metadata":{"name":"checkout.17c2","namespace":"shop"},"involvedObject":{"kind":"Rollout","namespace":"shop","name":"checkout","apiVersion":"argoproj.io/v1alpha1"},"reason":"RolloutUpdated","message":"Rollout updated to revision 7","source":{"component":"rollouts-controller"},"firstTimestamp":"2024-05-02T10:20:00Z","lastTimestamp":"2024-05-02T10:20:00Z","count":1,"type":"Normal"}}
{"type":"ADDED","object":{"kind":"Event","apiVersion":"v1","metadata":{"name":"checkout.17c3","namespace":"shop"},"involvedObject":{"kind":"Rollout","namespace":"shop","name":"checkout"},"reason":"RolloutStepCompleted","message":"Rollout step 1/4 completed (setWeight: 20)","firstTimestamp":"2024-05-02T10:20:05Z","lastTimestamp":"2024-05-02T10:20:05Z","count":1,"type":"Normal"}}{"type":"ADDED","object":{"kind":"Event","apiVersion":"v1","involvedObject":{"kind":"Rollout","namespace":"shop","name":"checkout"},"reason":"RolloutAborted","message":"Rollout aborted update to revision 7: Metric \\"success-rate\\" assessed Failed due to failed (3) > failureLimit (2)","firstTimestamp":"2024-05-02T10:24:31Z","lastTimestamp":"2024-05-02T10:24:31Z","count":1,"type":"Warning"}}`,
    expected: {
      events: [
        { lineStart: 1, lineEnd: 1, kind: 'RolloutUpdated', service: 'shop/checkout', level: 'info', message: 'Rollout updated to revision 7' },
        { lineStart: 2, lineEnd: 2, kind: 'RolloutStepCompleted', tsMs: Date.UTC(2024, 4, 2, 10, 20, 5) },
        { lineStart: 2, lineEnd: 2, kind: 'RolloutAborted', level: 'warn', tsMs: Date.UTC(2024, 4, 2, 10, 24, 31) },
      ],
    },
  },
  {
    description: 'a watch stream cut off mid-object: the complete event stays, the broken lines are unparsed',
    document: `{"kind":"Event","reason":"Pulled","message":"Container image \\"nginx:1.27\\" already present on machine","type":"Normal","lastTimestamp":"2024-05-02T10:00:00Z","involvedObject":{"kind":"Pod","namespace":"default","name":"nginx"}}
{"kind":"Event","reason":"Started","message":"Started container`,
    expected: {
      events: [{ lineStart: 1, lineEnd: 1, kind: 'Pulled', service: 'default/nginx' }],
      unparsed: [{ lineStart: 2, lineEnd: 2, reason: 'invalid JSON: Unterminated string at line 2 column 46' }],
    },
  },
  {
    description: 'a watch stream broken right after a complete event on the same line: that line stays with the event, the broken value is unparsed from the next line with its first part leading the raw text',
    document: `{"kind":"Event","reason":"Pulled","message":"pulled","type":"Normal","lastTimestamp":"2024-05-02T10:00:00Z","involvedObject":{"kind":"Pod","namespace":"default","name":"nginx"}}{"kind":"Event","reason"
:"Started","message":"Started container`,
    expected: {
      events: [{ lineStart: 1, lineEnd: 1, kind: 'Pulled' }],
      unparsed: [{ lineStart: 2, lineEnd: 2, raw: '{"kind":"Event","reason"\n:"Started","message":"Started container', reason: 'invalid JSON: Unterminated string at line 2 column 22' }],
    },
  },
  {
    description: 'an event without any time is unparsed over its own lines',
    document: '{"kind":"EventList","items":[{"kind":"Event","reason":"Killing","involvedObject":{"kind":"Pod","name":"x"},"message":"Stopping container"}]}',
    expected: {
      events: [],
      unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'Kubernetes event without eventTime, firstTimestamp, lastTimestamp or series.lastObservedTime' }],
    },
  },
];

/** The Kubernetes events format. */
export const kubernetesEventsFormat = jsonDocumentFormat({
  name: 'kubernetes-events',
  description: 'kubectl get events -o json (List, bare Events, JSON lines, --watch), events.k8s.io/v1, Argo Rollouts events',
  sniffText(head) {
    const start = head.trimStart();
    if (!start.startsWith('{') && !start.startsWith('[')) return 0;
    if (/"kind"\s*:\s*"Event(List)?"/.test(head) && /"reason"\s*:/.test(head)) return 1;
    if (/"involvedObject"\s*:|"regarding"\s*:/.test(head) && /"reason"\s*:/.test(head)) return 1;
    if (/"reason"\s*:/.test(head) && /"(lastTimestamp|firstTimestamp|eventTime)"\s*:/.test(head) && /"type"\s*:\s*"(Warning|Normal)"/.test(head)) return 1;
    return 0;
  },
  extract(values) {
    const out: DocumentElement[] = [];
    collect(values, out);
    return out;
  },
  noEventsReason: 'valid JSON, but it holds no Kubernetes Event objects (items with reason and a time)',
  samples,
});
