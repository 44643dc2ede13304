/**
 * `pagerduty`: PagerDuty incident log entries (`{"log_entries": [...]}` from the REST API), Webhooks
 * v2 messages (`{"messages": [{event, log_entries, incident}]}`: one event per log entry, or per
 * message when it has none) and Webhooks v3 events (`{"event": {event_type, occurred_at, data}}`).
 */
import type { Level } from '../../model/event';
import type { DocumentSample, ParsedEvent } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { parseTimestamp } from '../time';

/** Levels of log entry types and webhook event names, by their verb. */
const VERB_LEVELS: Readonly<Record<string, Level>> = {
  trigger: 'error', triggered: 'error', escalate: 'warn', escalated: 'warn', reopen: 'error', reopened: 'error',
  acknowledge: 'warn', acknowledged: 'warn', unacknowledge: 'warn', unacknowledged: 'warn',
  resolve: 'info', resolved: 'info', annotate: 'info', annotated: 'info', notify: 'info', assign: 'info', delegated: 'info',
};

function verbLevel(name: string | undefined): Level {
  if (name === undefined) return 'unknown';
  const verb = name.replace(/^incident\./, '').replace(/_log_entry$/, '');
  return VERB_LEVELS[verb] ?? 'info';
}

function event(timeText: string | undefined, fields: Omit<ParsedEvent, 'tsMs' | 'tsSubNs' | 'endMs' | 'attrsJson' | 'host'>, attrs: Record<string, unknown>): ParsedEvent | string {
  if (timeText === undefined) return `PagerDuty ${fields.kind ?? 'record'} without a created_at or occurred_at time`;
  const time = parseTimestamp(timeText);
  if (time === null) return `PagerDuty time "${timeText}" is not a recognisable time`;
  return { ...fields, tsMs: time.tsMs, tsSubNs: time.tsSubNs, endMs: null, host: null, attrsJson: JSON.stringify(attrs) };
}

function logEntry(entry: Record<string, unknown>, incident: Record<string, unknown> | null): ParsedEvent | string {
  const type = stringField(entry, 'type');
  const incidentRef = isRecord(entry.incident) ? entry.incident : incident;
  return event(
    stringField(entry, 'created_at'),
    {
      service: stringField(entry, 'service', 'summary') ?? stringField(incident, 'service', 'summary') ?? null,
      level: verbLevel(type),
      kind: type ?? 'log_entry',
      message: stringField(entry, 'summary') ?? stringField(entry, 'channel', 'summary') ?? type ?? '',
    },
    {
      id: entry.id, agent: stringField(entry, 'agent', 'summary'), channel: entry.channel, incident: stringField(incidentRef, 'summary'),
      incidentId: stringField(incidentRef, 'id'), html_url: entry.html_url, event_details: entry.event_details,
    },
  );
}

function collect(value: unknown, out: DocumentElement[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
    return;
  }
  if (!isRecord(value)) return;
  if (Array.isArray(value.log_entries) && !Array.isArray(value.messages)) {
    const incident = isRecord(value.incident) ? value.incident : null;
    for (const entry of value.log_entries) if (isRecord(entry)) out.push({ element: entry, event: logEntry(entry, incident) });
    if (value.log_entries.length > 0 || typeof value.event !== 'string') return;
  }
  if (Array.isArray(value.messages)) {
    for (const message of value.messages) {
      if (!isRecord(message)) continue;
      const entries = Array.isArray(message.log_entries) ? message.log_entries.filter(isRecord) : [];
      const incident = isRecord(message.incident) ? message.incident : null;
      if (entries.length > 0) for (const entry of entries) out.push({ element: entry, event: logEntry(entry, incident) });
      else out.push({ element: message, event: webhookV2(message, incident) });
    }
    return;
  }
  if (isRecord(value.event) && typeof value.event.event_type === 'string') {
    out.push({ element: value, event: webhookV3(value.event) });
    return;
  }
  if (typeof value.type === 'string' && value.type.endsWith('_log_entry')) out.push({ element: value, event: logEntry(value, null) });
}

function webhookV2(message: Record<string, unknown>, incident: Record<string, unknown> | null): ParsedEvent | string {
  const name = stringField(message, 'event');
  return event(
    stringField(message, 'created_at') ?? stringField(incident, 'last_status_change_at') ?? stringField(incident, 'created_at'),
    { service: stringField(incident, 'service', 'summary') ?? null, level: verbLevel(name), kind: name ?? 'webhook', message: stringField(incident, 'title') ?? stringField(incident, 'summary') ?? name ?? '' },
    { incidentId: stringField(incident, 'id'), status: stringField(incident, 'status'), urgency: stringField(incident, 'urgency'), html_url: stringField(incident, 'html_url') },
  );
}

function webhookV3(payload: Record<string, unknown>): ParsedEvent | string {
  const name = stringField(payload, 'event_type');
  const data = isRecord(payload.data) ? payload.data : null;
  return event(
    stringField(payload, 'occurred_at'),
    { service: stringField(data, 'service', 'summary') ?? null, level: verbLevel(name), kind: name ?? 'webhook', message: stringField(data, 'title') ?? stringField(data, 'summary') ?? name ?? '' },
    {
      id: payload.id, agent: stringField(payload, 'agent', 'summary'), incidentId: stringField(data, 'id'), number: data?.number, status: stringField(data, 'status'),
      urgency: stringField(data, 'urgency'), html_url: stringField(data, 'html_url'),
    },
  );
}

const samples: DocumentSample[] = [
  {
    description: 'REST /incidents/{id}/log_entries: trigger, acknowledge, resolve',
    document: `{
  "log_entries": [
    {"id": "R1", "type": "trigger_log_entry", "summary": "Triggered through the API", "created_at": "2024-05-02T10:16:02Z",
     "agent": {"type": "generic_events_api_inbound_integration_reference", "summary": "Prometheus Alertmanager"},
     "service": {"id": "PSVC1", "summary": "checkout-api"}, "incident": {"id": "Q1", "summary": "[#812] HighErrorRate checkout-api"}},
    {"id": "R2", "type": "acknowledge_log_entry", "summary": "Acknowledged by Dana Reyes", "created_at": "2024-05-02T10:18:40Z",
     "agent": {"type": "user_reference", "summary": "Dana Reyes"}, "service": {"id": "PSVC1", "summary": "checkout-api"}, "incident": {"id": "Q1"}},
    {"id": "R3", "type": "resolve_log_entry", "summary": "Resolved by Dana Reyes", "created_at": "2024-05-02T10:52:11Z", "service": {"summary": "checkout-api"}}
  ],
  "limit": 25, "offset": 0, "more": false
}`,
    expected: {
      events: [
        { lineStart: 1, lineEnd: 5, tsMs: Date.UTC(2024, 4, 2, 10, 16, 2), level: 'error', kind: 'trigger_log_entry', service: 'checkout-api', message: 'Triggered through the API' },
        { lineStart: 6, lineEnd: 7, level: 'warn', kind: 'acknowledge_log_entry', message: 'Acknowledged by Dana Reyes' },
        { lineStart: 8, lineEnd: 11, level: 'info', kind: 'resolve_log_entry' },
      ],
    },
  },
  {
    description: 'Webhooks v3 incident.triggered',
    document: `{
  "event": {
    "id": "01BZYIL05THJDFF2Y08X9SVMTU", "event_type": "incident.triggered", "resource_type": "incident", "occurred_at": "2024-05-02T10:16:03.120Z",
    "agent": {"summary": "Prometheus Alertmanager", "type": "service_reference"},
    "data": {"id": "Q1", "type": "incident", "number": 812, "status": "triggered", "title": "HighErrorRate checkout-api", "service": {"summary": "checkout-api"}, "urgency": "high"}
  }
}`,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 7, tsMs: Date.UTC(2024, 4, 2, 10, 16, 3, 120), level: 'error', kind: 'incident.triggered', service: 'checkout-api', message: 'HighErrorRate checkout-api',
          attrs: { id: '01BZYIL05THJDFF2Y08X9SVMTU', agent: 'Prometheus Alertmanager', incidentId: 'Q1', number: 812, status: 'triggered', urgency: 'high' },
        },
      ],
    },
  },
  {
    description: 'a log entry without a time is unparsed; a document that is not JSON is unparsed line by line',
    document: `{"log_entries": [{"id": "R9", "type": "notify_log_entry", "summary": "Notified Dana Reyes by SMS"},
 {"id": "R10", "type": "annotate_log_entry", "summary": "Rolled back to v2.4.0", "created_at": "2024-05-02T10:40:00Z"}
oops]}`,
    expected: {
      events: [],
      unparsed: [
        { lineStart: 1, lineEnd: 1, reason: "invalid JSON: Expected ',' or ']' after array element but found 'o' at line 3 column 1" },
        { lineStart: 2, lineEnd: 2 },
        { lineStart: 3, lineEnd: 3 },
      ],
    },
  },
  {
    description: 'a log entry without a time is unparsed over its lines',
    document: '{"log_entries": [{"id": "R9", "type": "notify_log_entry", "summary": "Notified Dana Reyes by SMS"}]}',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'PagerDuty notify_log_entry without a created_at or occurred_at time' }] },
  },
];

/** The PagerDuty format. */
export const pagerdutyFormat = jsonDocumentFormat({
  name: 'pagerduty',
  description: 'PagerDuty incident log entries and webhook payloads (v2 messages, v3 events)',
  sniffText(head) {
    if (!/^\s*[{[]/.test(head)) return 0;
    if (/"type"\s*:\s*"\w+_log_entry"/.test(head)) return 1;
    if (/"event_type"\s*:\s*"(incident|service)\.\w+"/.test(head)) return 1;
    if (/"messages"\s*:/.test(head) && /"event"\s*:\s*"incident\.\w+"/.test(head)) return 1;
    return 0;
  },
  extract(values) {
    const out: DocumentElement[] = [];
    collect(values, out);
    return out;
  },
  noEventsReason: 'valid JSON, but it holds no PagerDuty log entries or webhook events',
  samples,
});
