/**
 * `argo-rollouts`: Argo Rollouts objects as `kubectl get rollout x -o yaml|json` and
 * `kubectl get analysisrun -o yaml|json` print them (bare, as a `List`, or `---`-separated).
 * A Rollout gives one event per status condition (`argo.rollout.condition`; a Progressing condition
 * with reason RolloutAborted or ProgressDeadlineExceeded is an error) and per pause condition
 * (`argo.rollout.pause`); an AnalysisRun gives one event per measurement (`argo.analysis.measurement`,
 * startedAt → finishedAt; Failed/Error is an error, Inconclusive a warning). Events are about the
 * rollout: service `namespace/rollout` (an AnalysisRun's owning Rollout).
 * NOTE: Argo Rollouts *Events* (`kubectl get events` with Rollout reasons) are kubernetes-events.
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { readJsonOrYamlValues } from '../document-yaml';
import { parseTimestamp } from '../time';
import { conditionEvent, objectService, objectsOf, recordsAt, scalarText, type ConditionFacts } from './kube-objects';

const ARGO_KINDS = new Set(['Rollout', 'AnalysisRun']);
const FAILED_REASON = /Aborted|DeadlineExceeded|Fail|Error|Invalid/;

function isArgoObject(object: Record<string, unknown>): boolean {
  return typeof object.kind === 'string' && ARGO_KINDS.has(object.kind) && isRecord(object.status);
}

function conditionLevel({ type, status, reason }: ConditionFacts): Level {
  if (FAILED_REASON.test(reason)) return 'error';
  if ((type === 'ReplicaFailure' || type === 'InvalidSpec') && status === 'True') return 'error';
  if ((type === 'Available' || type === 'Healthy') && status === 'False') return 'warn';
  return 'info';
}

function rolloutEvents(rollout: Record<string, unknown>, out: DocumentElement[]): void {
  const service = objectService(rollout);
  const attrs = { rollout: stringField(rollout, 'metadata', 'name') ?? null, revision: stringField(rollout, 'metadata', 'annotations', 'rollout.argoproj.io/revision') ?? null };
  for (const condition of recordsAt(rollout, 'status', 'conditions')) {
    out.push({ element: condition, event: conditionEvent(condition, service, { kind: () => 'argo.rollout.condition', level: conditionLevel, attrs }) });
  }
  for (const pause of recordsAt(rollout, 'status', 'pauseConditions')) out.push({ element: pause, event: pauseEvent(pause, service, attrs) });
}

function pauseEvent(pause: Record<string, unknown>, service: string | null, extra: Record<string, unknown>): ParsedEvent | string {
  const startText = stringField(pause, 'startTime');
  const start = startText === undefined ? null : parseTimestamp(startText);
  if (start === null) return startText === undefined ? 'pause condition without startTime' : `pause condition time "${startText}" is not a recognisable time`;
  const reason = stringField(pause, 'reason') ?? 'paused';
  return {
    tsMs: start.tsMs, tsSubNs: start.tsSubNs, endMs: null, host: null, service, level: 'info', kind: 'argo.rollout.pause',
    message: `Rollout paused (${reason})`, attrsJson: JSON.stringify({ ...extra, ...pause }),
  };
}

function analysisEvents(run: Record<string, unknown>, out: DocumentElement[]): void {
  const owner = recordsAt(run, 'metadata', 'ownerReferences').find((ref) => ref.kind === 'Rollout');
  const ownerName = stringField(owner, 'name');
  const namespace = stringField(run, 'metadata', 'namespace');
  const service = ownerName === undefined ? objectService(run) : namespace === undefined ? ownerName : `${namespace}/${ownerName}`;
  const analysisRun = stringField(run, 'metadata', 'name') ?? null;
  for (const metric of recordsAt(run, 'status', 'metricResults')) {
    const name = stringField(metric, 'name') ?? 'metric';
    for (const measurement of recordsAt(metric, 'measurements')) {
      out.push({ element: measurement, event: measurementEvent(measurement, service, { analysisRun, rollout: ownerName ?? null, metric: name }) });
    }
  }
}

function measurementEvent(measurement: Record<string, unknown>, service: string | null, extra: { metric: string } & Record<string, unknown>): ParsedEvent | string {
  const startText = stringField(measurement, 'startedAt') ?? stringField(measurement, 'finishedAt');
  if (startText === undefined) return 'analysis measurement without startedAt or finishedAt';
  const start = parseTimestamp(startText);
  if (start === null) return `analysis measurement time "${startText}" is not a recognisable time`;
  const finishedText = stringField(measurement, 'finishedAt');
  const finished = finishedText === undefined ? null : parseTimestamp(finishedText);
  const phase = stringField(measurement, 'phase') ?? 'Unknown';
  const value = scalarText(measurement.value);
  const detail = stringField(measurement, 'message');
  return {
    tsMs: start.tsMs,
    tsSubNs: start.tsSubNs,
    endMs: finished !== null && finished.tsMs > start.tsMs ? finished.tsMs : null,
    host: null,
    service,
    level: phase === 'Failed' || phase === 'Error' ? 'error' : phase === 'Inconclusive' ? 'warn' : 'info',
    kind: 'argo.analysis.measurement',
    message: `metric "${extra.metric}" measured ${phase}${value === '' ? '' : `: value ${value}`}${detail === undefined ? '' : ` (${detail})`}`,
    attrsJson: JSON.stringify({ ...extra, ...measurement }),
  };
}

const ROLLOUT_YAML = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  annotations:
    rollout.argoproj.io/revision: "7"
  name: checkout
  namespace: shop
spec:
  strategy:
    canary:
      steps:
      - setWeight: 20
      - pause: {duration: 10m}
status:
  abort: true
  abortedAt: "2024-05-02T10:24:31Z"
  conditions:
  - lastTransitionTime: "2024-05-02T09:58:10Z"
    lastUpdateTime: "2024-05-02T09:58:10Z"
    message: Rollout has minimum availability
    reason: AvailableReason
    status: "True"
    type: Available
  - lastTransitionTime: "2024-05-02T10:24:31Z"
    lastUpdateTime: "2024-05-02T10:24:31Z"
    message: 'Rollout aborted update to revision 7: Metric "success-rate" assessed Failed'
    reason: RolloutAborted
    status: "False"
    type: Progressing
  pauseConditions:
  - reason: CanaryPauseStep
    startTime: "2024-05-02T10:20:05Z"
  stableRS: 6b7f9c8d5`;

const samples: DocumentSample[] = [
  {
    description: 'kubectl get rollout -o yaml after an abort: conditions and a pause, header lines with the first event',
    fileName: 'checkout-rollout.yaml',
    document: ROLLOUT_YAML,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 23, tsMs: Date.UTC(2024, 4, 2, 9, 58, 10), endMs: null, level: 'info', kind: 'argo.rollout.condition', service: 'shop/checkout',
          message: 'Available=True (AvailableReason): Rollout has minimum availability',
          attrs: { rollout: 'checkout', revision: '7', lastTransitionTime: '2024-05-02T09:58:10Z', lastUpdateTime: '2024-05-02T09:58:10Z', reason: 'AvailableReason', status: 'True', type: 'Available' },
        },
        {
          lineStart: 24, lineEnd: 30, tsMs: Date.UTC(2024, 4, 2, 10, 24, 31), level: 'error', kind: 'argo.rollout.condition',
          message: 'Progressing=False (RolloutAborted): Rollout aborted update to revision 7: Metric "success-rate" assessed Failed',
        },
        { lineStart: 31, lineEnd: 33, tsMs: Date.UTC(2024, 4, 2, 10, 20, 5), level: 'info', kind: 'argo.rollout.pause', message: 'Rollout paused (CanaryPauseStep)' },
      ],
    },
  },
  {
    description: 'kubectl get analysisrun -o json: one event per measurement, owned by the rollout',
    document: `{
  "apiVersion": "argoproj.io/v1alpha1",
  "kind": "AnalysisRun",
  "metadata": {
    "name": "checkout-6b7f9c8d5-7-1",
    "namespace": "shop",
    "ownerReferences": [{"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "name": "checkout"}]
  },
  "status": {
    "metricResults": [
      {
        "name": "success-rate",
        "phase": "Failed",
        "measurements": [
          {"phase": "Successful", "startedAt": "2024-05-02T10:21:00Z", "finishedAt": "2024-05-02T10:21:02Z", "value": "[0.991]"},
          {"phase": "Inconclusive", "startedAt": "2024-05-02T10:22:00Z", "finishedAt": "2024-05-02T10:22:01Z", "value": "[0.962]"},
          {"phase": "Failed", "startedAt": "2024-05-02T10:23:00Z", "finishedAt": "2024-05-02T10:23:01Z", "value": "[0.871]"},
          {"phase": "Error", "startedAt": "2024-05-02T10:24:00Z", "finishedAt": "2024-05-02T10:24:30Z", "message": "Post \\"http://prometheus:9090/api/v1/query\\": context deadline exceeded"}
        ]
      }
    ],
    "phase": "Failed",
    "startedAt": "2024-05-02T10:21:00Z"
  }
}`,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 15, tsMs: Date.UTC(2024, 4, 2, 10, 21), endMs: Date.UTC(2024, 4, 2, 10, 21, 2), level: 'info', kind: 'argo.analysis.measurement',
          service: 'shop/checkout', message: 'metric "success-rate" measured Successful: value [0.991]',
          attrs: { analysisRun: 'checkout-6b7f9c8d5-7-1', rollout: 'checkout', metric: 'success-rate', phase: 'Successful', startedAt: '2024-05-02T10:21:00Z', finishedAt: '2024-05-02T10:21:02Z', value: '[0.991]' },
        },
        { lineStart: 16, lineEnd: 16, level: 'warn' },
        { lineStart: 17, lineEnd: 17, level: 'error', message: 'metric "success-rate" measured Failed: value [0.871]' },
        { lineStart: 18, lineEnd: 25, level: 'error', endMs: Date.UTC(2024, 4, 2, 10, 24, 30), message: 'metric "success-rate" measured Error (Post "http://prometheus:9090/api/v1/query": context deadline exceeded)' },
      ],
    },
  },
  {
    description: 'a condition without a time is unparsed over its lines; YAML broken in a later document is unparsed from that document on',
    fileName: 'rollouts.yaml',
    document: `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: cart
  namespace: shop
status:
  conditions:
  - type: Paused
    status: "True"
    reason: RolloutPaused
  - type: Healthy
    status: "False"
    lastTransitionTime: "2024-05-02T11:00:00Z"
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web
status: {}`,
    expected: {
      events: [{ lineStart: 11, lineEnd: 13, level: 'warn', message: 'Healthy=False', service: 'shop/cart' }],
      unparsed: [
        { lineStart: 1, lineEnd: 10, reason: 'status condition without lastTransitionTime or lastUpdateTime' },
        { lineStart: 14, lineEnd: 14, raw: '---', reason: 'invalid YAML: Flow map in block collection must be sufficiently indented and end with a } at line 18 column 1' },
        { lineStart: 15, lineEnd: 15 },
        { lineStart: 16, lineEnd: 16 },
        { lineStart: 17, lineEnd: 17 },
        { lineStart: 18, lineEnd: 18 },
      ],
    },
  },
];

/** The Argo Rollouts object format (Rollout and AnalysisRun snapshots, YAML or JSON). */
export const argoRolloutsFormat = jsonDocumentFormat({
  name: 'argo-rollouts',
  description: 'Argo Rollouts Rollout and AnalysisRun objects (kubectl get -o yaml|json): conditions, pauses, analysis measurements',
  sniffText(head) {
    if (/"involvedObject"|"regarding"|^\s*-?\s*kind:\s*Event\b|"kind"\s*:\s*"Event/m.test(head)) return 0;
    if (!/argoproj\.io\//.test(head)) return 0;
    return /^\s*-?\s*kind:\s*["']?(Rollout|AnalysisRun)["']?\s*$|"kind"\s*:\s*"(Rollout|AnalysisRun)"/m.test(head) ? 1 : 0;
  },
  readValues: readJsonOrYamlValues,
  extract(values) {
    const out: DocumentElement[] = [];
    for (const object of objectsOf(values, isArgoObject)) {
      if (object.kind === 'Rollout') rolloutEvents(object, out);
      else analysisEvents(object, out);
    }
    return out;
  },
  noEventsReason: 'a readable document, but it holds no Argo Rollout conditions, pause conditions or AnalysisRun measurements',
  samples,
});
