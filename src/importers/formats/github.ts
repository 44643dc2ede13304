/**
 * `github-deployments`: GitHub webhook payloads for deployment, deployment_status and workflow_run
 * (one payload, an array of them, or JSON lines), and the REST shapes of the same objects (arrays of
 * deployments or statuses, `{"workflow_runs": [...]}`). The payload type is the kind; state or
 * conclusion gives the level (failure/error → error); a workflow run spans run_started_at → updated_at.
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { parseTimestamp } from '../time';

const OUTCOME_LEVELS: Readonly<Record<string, Level>> = {
  failure: 'error', error: 'error', timed_out: 'error', startup_failure: 'error',
  cancelled: 'warn', action_required: 'warn', stale: 'warn', inactive: 'info',
  success: 'info', neutral: 'info', skipped: 'info', pending: 'info', queued: 'info', in_progress: 'info', waiting: 'info', requested: 'info', completed: 'info',
};

type JsonObject = Record<string, unknown>;

function outcomeLevel(outcome: string | undefined): Level {
  return outcome === undefined ? 'info' : (OUTCOME_LEVELS[outcome] ?? 'unknown');
}

function repoName(payload: JsonObject | null, object: JsonObject): string | null {
  return stringField(payload, 'repository', 'full_name') ?? stringField(object, 'repository', 'full_name') ?? stringField(object, 'repository_url')?.replace(/^https:\/\/api\.github\.com\/repos\//, '') ?? null;
}

function build(kind: string, timeText: string | undefined, endText: string | undefined, fields: { service: string | null; level: Level; message: string }, attrs: JsonObject): ParsedEvent | string {
  if (timeText === undefined) return `GitHub ${kind} without created_at`;
  const time = parseTimestamp(timeText);
  if (time === null) return `GitHub ${kind} time "${timeText}" is not a recognisable time`;
  const end = endText === undefined ? null : parseTimestamp(endText);
  return { tsMs: time.tsMs, tsSubNs: time.tsSubNs, endMs: end !== null && end.tsMs > time.tsMs ? end.tsMs : null, host: null, kind, ...fields, attrsJson: JSON.stringify(attrs) };
}

function deployment(d: JsonObject, payload: JsonObject | null): ParsedEvent | string {
  const environment = stringField(d, 'environment') ?? 'an environment';
  const ref = stringField(d, 'ref') ?? stringField(d, 'sha')?.slice(0, 7) ?? 'a ref';
  const creator = stringField(d, 'creator', 'login');
  return build(
    'deployment',
    stringField(d, 'created_at'),
    undefined,
    { service: repoName(payload, d), level: 'info', message: `Deployment of ${ref} to ${environment}${creator ? ` by ${creator}` : ''}${stringField(d, 'description') ? `: ${stringField(d, 'description')}` : ''}` },
    { action: payload?.action, id: d.id, environment: d.environment, ref: d.ref, sha: d.sha, task: d.task, creator, url: d.url },
  );
}

function deploymentStatus(s: JsonObject, payload: JsonObject | null): ParsedEvent | string {
  const d = isRecord(payload?.deployment) ? payload.deployment : null;
  const state = stringField(s, 'state');
  const environment = stringField(s, 'environment') ?? stringField(d, 'environment') ?? 'an environment';
  const description = stringField(s, 'description');
  return build(
    'deployment_status',
    stringField(s, 'created_at'),
    undefined,
    { service: repoName(payload, s), level: outcomeLevel(state), message: `Deployment to ${environment} ${state ?? 'updated'}${description ? `: ${description}` : ''}` },
    { action: payload?.action, id: s.id, state, environment, deploymentId: d?.id, ref: d?.ref, sha: d?.sha, creator: stringField(s, 'creator', 'login'), target_url: s.target_url || undefined },
  );
}

function workflowRun(r: JsonObject, payload: JsonObject | null): ParsedEvent | string {
  const status = stringField(r, 'status');
  const conclusion = stringField(r, 'conclusion');
  const name = stringField(r, 'name') ?? stringField(r, 'display_title') ?? 'workflow';
  const runNumber = typeof r.run_number === 'number' ? ` #${r.run_number}` : '';
  const branch = stringField(r, 'head_branch');
  return build(
    'workflow_run',
    stringField(r, 'run_started_at') ?? stringField(r, 'created_at'),
    status === 'completed' ? stringField(r, 'updated_at') : undefined,
    {
      service: repoName(payload, r),
      level: outcomeLevel(conclusion ?? undefined),
      message: `${name}${runNumber} ${status ?? 'updated'}${conclusion ? `: ${conclusion}` : ''}${branch ? ` on ${branch}` : ''}`,
    },
    {
      action: payload?.action, id: r.id, status, conclusion: r.conclusion, event: r.event, head_branch: branch, head_sha: r.head_sha, run_attempt: r.run_attempt,
      display_title: r.display_title, html_url: r.html_url, actor: stringField(r, 'actor', 'login'),
    },
  );
}

function collect(value: unknown, out: DocumentElement[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
    return;
  }
  if (!isRecord(value)) return;
  if (isRecord(value.deployment_status)) out.push({ element: value, event: deploymentStatus(value.deployment_status, value) });
  else if (isRecord(value.deployment)) out.push({ element: value, event: deployment(value.deployment, value) });
  else if (isRecord(value.workflow_run)) out.push({ element: value, event: workflowRun(value.workflow_run, value) });
  else if (Array.isArray(value.workflow_runs)) for (const run of value.workflow_runs.filter(isRecord)) out.push({ element: run, event: workflowRun(run, null) });
  else if ('workflow_id' in value && 'run_number' in value) out.push({ element: value, event: workflowRun(value, null) });
  else if ('deployment_url' in value && 'state' in value) out.push({ element: value, event: deploymentStatus(value, null) });
  else if ('statuses_url' in value && 'environment' in value) out.push({ element: value, event: deployment(value, null) });
}

const samples: DocumentSample[] = [
  {
    description: 'deployment_status webhook: state failure is an error; the embedded deployment is context',
    document: `{
  "action": "created",
  "deployment_status": {
    "id": 209916254, "state": "failure", "description": "Health checks failed on 3 of 12 hosts", "environment": "production",
    "target_url": "https://ci.example.com/deploys/812", "created_at": "2024-05-02T10:21:07Z", "updated_at": "2024-05-02T10:21:07Z",
    "creator": {"login": "deploy-bot"}
  },
  "deployment": {"id": 145988746, "sha": "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", "ref": "v2.4.1", "environment": "production", "created_at": "2024-05-02T10:15:00Z"},
  "repository": {"full_name": "shop/checkout", "created_at": "2019-04-17T20:36:21Z"},
  "sender": {"login": "deploy-bot"}
}`,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 11, tsMs: Date.UTC(2024, 4, 2, 10, 21, 7), kind: 'deployment_status', level: 'error', service: 'shop/checkout',
          message: 'Deployment to production failure: Health checks failed on 3 of 12 hosts',
        },
      ],
    },
  },
  {
    description: 'an array of payloads: a deployment, then a completed workflow run that spans its run time',
    document: `[
  {"action": "created", "deployment": {"id": 7, "ref": "main", "sha": "3484a3f", "task": "deploy", "environment": "staging", "created_at": "2024-05-02T09:00:00Z", "creator": {"login": "dana"}},
   "repository": {"full_name": "shop/checkout"}},
  {"action": "completed", "workflow_run": {"id": 289782451, "name": "Deploy", "run_number": 163, "event": "push", "status": "completed", "conclusion": "timed_out",
   "head_branch": "main", "created_at": "2024-05-02T09:01:00Z", "run_started_at": "2024-05-02T09:01:02Z", "updated_at": "2024-05-02T09:31:02.000Z"},
   "repository": {"full_name": "shop/checkout"}}
]`,
    expected: {
      events: [
        { lineStart: 1, lineEnd: 3, kind: 'deployment', level: 'info', message: 'Deployment of main to staging by dana', service: 'shop/checkout' },
        {
          lineStart: 4, lineEnd: 7, kind: 'workflow_run', level: 'error', tsMs: Date.UTC(2024, 4, 2, 9, 1, 2), endMs: Date.UTC(2024, 4, 2, 9, 31, 2),
          message: 'Deploy #163 completed: timed_out on main',
        },
      ],
    },
  },
  {
    description: 'a deployment payload without created_at is unparsed over its lines',
    document: '{"action": "created", "deployment": {"id": 7, "environment": "production"}, "repository": {"full_name": "shop/checkout"}}',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'GitHub deployment without created_at' }] },
  },
];

/** The GitHub deployments and workflow runs format. */
export const githubFormat = jsonDocumentFormat({
  name: 'github-deployments',
  description: 'GitHub deployment, deployment_status and workflow_run webhook payloads and REST responses',
  sniffText(head) {
    if (!/^\s*[{[]/.test(head)) return 0;
    if (/"(deployment_status|deployment|workflow_run)"\s*:\s*\{/.test(head) && /"(repository|sender|action)"\s*:/.test(head)) return 1;
    if (/"workflow_runs"\s*:\s*\[/.test(head)) return 1;
    if (/"statuses_url"\s*:\s*"https:\/\/api\.github/.test(head) || /"deployment_url"\s*:\s*"https:\/\/api\.github/.test(head)) return 1;
    return 0;
  },
  extract(values) {
    const out: DocumentElement[] = [];
    collect(values, out);
    return out;
  },
  noEventsReason: 'valid JSON, but it holds no GitHub deployment, deployment_status or workflow_run',
  samples,
});
