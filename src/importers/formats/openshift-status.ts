/**
 * `openshift-status`: `oc get clusterversion -o json|yaml` and `oc get clusteroperator x -o json|yaml`
 * (bare objects or a `List`). One event per status condition (`openshift.condition`; Degraded=True,
 * Failing=True or Available=False is an error, Upgradeable=False a warning, Progressing=True is
 * `openshift.progressing`) and, for a ClusterVersion, one per `status.history` entry
 * (`openshift.upgrade`: startedTime → completionTime, "upgrade to 4.x.y Completed|Partial"; a Partial
 * upgrade that has not completed is a warning). Service: `clusterversion/version`, `clusteroperator/<name>`.
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { readJsonOrYamlValues } from '../document-yaml';
import { parseTimestamp } from '../time';
import { conditionEvent, objectsOf, recordsAt, type ConditionFacts } from './kube-objects';

type ObjectKind = 'ClusterVersion' | 'ClusterOperator';

/** The object's kind; `oc adm inspect` and insights archives drop `kind`, so the selfLink or shape tells. */
function kindOf(object: Record<string, unknown>): ObjectKind | null {
  if (object.kind === 'ClusterVersion' || object.kind === 'ClusterOperator') return object.kind;
  if (object.kind !== undefined || !isRecord(object.status)) return null;
  const selfLink = stringField(object, 'metadata', 'selfLink') ?? '';
  if (selfLink.includes('/clusterversions/') || (isRecord(object.status.desired) && Array.isArray(object.status.history))) return 'ClusterVersion';
  if (selfLink.includes('/clusteroperators/')) return 'ClusterOperator';
  return null;
}

function conditionLevel({ type, status }: ConditionFacts): Level {
  if ((type === 'Degraded' || type === 'Failing') && status === 'True') return 'error';
  if (type === 'Available' && status === 'False') return 'error';
  if (type === 'Upgradeable' && status === 'False') return 'warn';
  return 'info';
}

function objectEvents(object: Record<string, unknown>, kind: ObjectKind, out: DocumentElement[]): void {
  const name = stringField(object, 'metadata', 'name') ?? '?';
  const service = `${kind.toLowerCase()}/${name}`;
  const attrs = { object: kind, name };
  for (const condition of recordsAt(object, 'status', 'conditions')) {
    out.push({
      element: condition,
      event: conditionEvent(condition, service, {
        kind: ({ type, status }) => (type === 'Progressing' && status === 'True' ? 'openshift.progressing' : 'openshift.condition'),
        level: conditionLevel,
        attrs,
      }),
    });
  }
  if (kind !== 'ClusterVersion') return;
  const cluster = stringField(object, 'spec', 'clusterID') ?? null;
  for (const entry of recordsAt(object, 'status', 'history')) out.push({ element: entry, event: historyEvent(entry, service, { ...attrs, cluster }) });
}

function historyEvent(entry: Record<string, unknown>, service: string, extra: Record<string, unknown>): ParsedEvent | string {
  const startText = stringField(entry, 'startedTime');
  if (startText === undefined) return 'ClusterVersion history entry without startedTime';
  const start = parseTimestamp(startText);
  if (start === null) return `ClusterVersion history time "${startText}" is not a recognisable time`;
  const completionText = stringField(entry, 'completionTime');
  const completion = completionText === undefined ? null : parseTimestamp(completionText);
  const state = stringField(entry, 'state') ?? 'Unknown';
  const version = stringField(entry, 'version') ?? stringField(entry, 'image') ?? 'an unknown version';
  return {
    tsMs: start.tsMs,
    tsSubNs: start.tsSubNs,
    endMs: completion !== null && completion.tsMs > start.tsMs ? completion.tsMs : null,
    host: null,
    service,
    level: state === 'Partial' && completion === null ? 'warn' : 'info',
    kind: 'openshift.upgrade',
    message: `upgrade to ${version} ${state}`,
    attrsJson: JSON.stringify({ ...extra, ...entry }),
  };
}

const CLUSTER_VERSION = `{
  "apiVersion": "config.openshift.io/v1",
  "kind": "ClusterVersion",
  "metadata": {"name": "version"},
  "spec": {"channel": "stable-4.14", "clusterID": "5f0e2c1a-93d4-4c55-a1f6-0b7d2e9c4a10"},
  "status": {
    "desired": {"version": "4.14.12"},
    "history": [
      {"state": "Partial", "startedTime": "2024-05-02T10:00:04Z", "completionTime": null, "version": "4.14.12", "verified": true},
      {"state": "Completed", "startedTime": "2024-03-11T08:12:40Z", "completionTime": "2024-03-11T09:05:02Z", "version": "4.14.8", "verified": true}
    ],
    "conditions": [
      {"type": "Available", "status": "True", "lastTransitionTime": "2024-03-11T09:05:02Z", "message": "Done applying 4.14.8"},
      {"type": "Failing", "status": "True", "lastTransitionTime": "2024-05-02T10:31:17Z", "reason": "ClusterOperatorDegraded", "message": "Cluster operator machine-config is degraded"},
      {"type": "Progressing", "status": "True", "lastTransitionTime": "2024-05-02T10:00:04Z", "reason": "ClusterOperatorDegraded", "message": "Unable to apply 4.14.12: wait has exceeded 40 minutes for these operators: machine-config"}
    ]
  }
}`;

const samples: DocumentSample[] = [
  {
    description: 'oc get clusterversion -o json during a stuck upgrade: history entries and conditions',
    document: CLUSTER_VERSION,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 9, tsMs: Date.UTC(2024, 4, 2, 10, 0, 4), endMs: null, level: 'warn', kind: 'openshift.upgrade', service: 'clusterversion/version',
          message: 'upgrade to 4.14.12 Partial',
          attrs: { object: 'ClusterVersion', name: 'version', cluster: '5f0e2c1a-93d4-4c55-a1f6-0b7d2e9c4a10', state: 'Partial', startedTime: '2024-05-02T10:00:04Z', completionTime: null, version: '4.14.12', verified: true },
        },
        { lineStart: 10, lineEnd: 12, endMs: Date.UTC(2024, 2, 11, 9, 5, 2), level: 'info', kind: 'openshift.upgrade', message: 'upgrade to 4.14.8 Completed' },
        { lineStart: 13, lineEnd: 13, level: 'info', kind: 'openshift.condition', message: 'Available=True: Done applying 4.14.8' },
        { lineStart: 14, lineEnd: 14, level: 'error', kind: 'openshift.condition', message: 'Failing=True (ClusterOperatorDegraded): Cluster operator machine-config is degraded' },
        { lineStart: 15, lineEnd: 18, level: 'info', kind: 'openshift.progressing', tsMs: Date.UTC(2024, 4, 2, 10, 0, 4) },
      ],
    },
  },
  {
    description: 'oc get clusteroperator -o yaml as a List; a condition without a time is unparsed',
    fileName: 'clusteroperators.yaml',
    document: `apiVersion: v1
items:
- apiVersion: config.openshift.io/v1
  kind: ClusterOperator
  metadata:
    name: machine-config
  status:
    conditions:
    - lastTransitionTime: "2024-05-02T10:31:17Z"
      message: 'Failed to resync 4.14.12 because: error during syncRequiredMachineConfigPools'
      reason: RequiredPoolsFailed
      status: "True"
      type: Degraded
    - lastTransitionTime: "2024-05-02T10:31:17Z"
      reason: RequiredPoolsFailed
      status: "False"
      type: Available
    - status: "True"
      type: Upgradeable
kind: List`,
    expected: {
      events: [
        { lineStart: 1, lineEnd: 13, level: 'error', service: 'clusteroperator/machine-config', message: 'Degraded=True (RequiredPoolsFailed): Failed to resync 4.14.12 because: error during syncRequiredMachineConfigPools' },
        { lineStart: 14, lineEnd: 17, level: 'error', message: 'Available=False (RequiredPoolsFailed)' },
      ],
      unparsed: [{ lineStart: 18, lineEnd: 20, reason: 'status condition without lastTransitionTime or lastUpdateTime' }],
    },
  },
];

/** The OpenShift ClusterVersion / ClusterOperator status format. */
export const openshiftStatusFormat = jsonDocumentFormat({
  name: 'openshift-status',
  description: 'OpenShift ClusterVersion and ClusterOperator objects (oc get -o json|yaml): conditions and upgrade history',
  sniffText(head) {
    if (!/config\.openshift\.io\//.test(head)) return 0;
    return /ClusterVersion|ClusterOperator|\/clusterversions\/|\/clusteroperators\//.test(head) ? 1 : 0;
  },
  readValues: readJsonOrYamlValues,
  extract(values) {
    const out: DocumentElement[] = [];
    for (const object of objectsOf(values, (candidate) => kindOf(candidate) !== null)) objectEvents(object, kindOf(object)!, out);
    return out;
  },
  noEventsReason: 'a readable document, but it holds no ClusterVersion or ClusterOperator conditions or upgrade history',
  samples,
});
