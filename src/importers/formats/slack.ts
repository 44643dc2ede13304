/**
 * `slack`: one day file of a Slack channel export (`<channel>/<YYYY-MM-DD>.json`, an array of
 * messages). The channel is the service (from the folder name, a `channel_name` field, or a
 * `<channel>_<date>.json` file name); the user id and name (from `user_profile`, or the export's
 * users.json beside the channel folder) go to attrs; threads are kept: `thread_ts` and, for a reply,
 * `parent_ts` (the ts of the message it answers). ts "1700000000.000100" keeps its microseconds.
 */
import { posix } from 'node:path';
import type { DocumentSample, ParsedEvent, ReadRelatedFile } from '../format';
import { isRecord, jsonDocumentFormat, stringField, type DocumentElement } from '../document-format';
import { parseTimeString } from '../time';

const DAY_FILE = /^(?:(.+)[_-])?\d{4}-\d{2}-\d{2}\.json$/;
const MAPPED_KEYS = ['ts', 'text', 'subtype', 'type', 'user_profile', 'channel_name', 'blocks'];

/** The files of a Slack export that describe it rather than hold messages; skipped beside day files. */
export const SLACK_METADATA_FILES: readonly string[] = [
  'users.json', 'channels.json', 'groups.json', 'dms.json', 'mpims.json', 'integration_logs.json', 'canvases.json', 'org_users.json',
];

/** The channel a day file belongs to, from its path within the import. */
function channelOf(fileName: string): string | null {
  const inner = fileName.slice(fileName.lastIndexOf('!') + 1).replaceAll('\\', '/');
  const folder = posix.basename(posix.dirname(inner));
  if (folder !== '.' && folder !== '' && /^\d{4}-\d{2}-\d{2}\.json$/.test(posix.basename(inner))) return folder;
  return DAY_FILE.exec(posix.basename(inner))?.[1] ?? null;
}

/** User id → display name from the export's users.json (one folder up from the day file). */
function userNames(readRelated: ReadRelatedFile): Map<string, string> {
  const names = new Map<string, string>();
  const text = readRelated('../users.json');
  if (text === null) return names;
  try {
    const users: unknown = JSON.parse(text);
    if (Array.isArray(users)) {
      for (const user of users) {
        const id = stringField(user, 'id');
        const name = stringField(user, 'real_name') ?? stringField(user, 'profile', 'real_name') ?? stringField(user, 'name');
        if (id !== undefined && name !== undefined) names.set(id, name);
      }
    }
  } catch {
    // NOTE: an unreadable users.json only costs the names; messages keep their user ids.
  }
  return names;
}

function message(m: Record<string, unknown>, channel: string | null, names: Map<string, string>): ParsedEvent | string {
  const ts = stringField(m, 'ts');
  if (ts === undefined) return 'Slack message without ts';
  const time = parseTimeString(ts);
  if (time === null) return `Slack message ts "${ts}" is not an epoch time`;
  const user = stringField(m, 'user');
  const threadTs = stringField(m, 'thread_ts');
  const attrs: Record<string, unknown> = {};
  const userName = stringField(m, 'user_profile', 'real_name') ?? (user === undefined ? undefined : names.get(user)) ?? stringField(m, 'username');
  if (userName !== undefined) attrs.user_name = userName;
  attrs.ts = ts;
  if (threadTs !== undefined && threadTs !== ts) attrs.parent_ts = threadTs;
  for (const key in m) if (!MAPPED_KEYS.includes(key)) attrs[key] = m[key];
  return {
    tsMs: time.tsMs,
    tsSubNs: time.tsSubNs,
    endMs: null,
    host: null,
    service: stringField(m, 'channel_name') ?? channel,
    level: 'info',
    kind: stringField(m, 'subtype') ?? 'message',
    message: typeof m.text === 'string' ? m.text : '',
    attrsJson: JSON.stringify(attrs),
  };
}

const samples: DocumentSample[] = [
  {
    description: 'a day file in its channel folder: a thread parent, a reply, a join',
    fileName: 'incident-812/2024-05-02.json',
    document: `[
    {
        "client_msg_id": "7d2f", "type": "message", "text": "checkout 5xx climbing after the v2.4.1 deploy, rolling back", "user": "U061A1R2R",
        "ts": "1714645263.000100", "thread_ts": "1714645263.000100", "reply_count": 1, "reply_users": ["U066MTL5U"],
        "user_profile": {"real_name": "Dana Reyes", "display_name": "dana"}
    },
    {
        "type": "message", "text": "ack, pausing the rollout", "user": "U066MTL5U", "ts": "1714645290.012345", "thread_ts": "1714645263.000100",
        "parent_user_id": "U061A1R2R"
    },
    {"type": "message", "subtype": "channel_join", "text": "<@U07> has joined the channel", "user": "U07", "ts": "1714645301.000200"}
]`,
    expected: {
      events: [
        {
          lineStart: 1, lineEnd: 6, tsMs: 1714645263000, tsSubNs: 100_000, service: 'incident-812', host: null, kind: 'message', level: 'info',
          message: 'checkout 5xx climbing after the v2.4.1 deploy, rolling back',
          attrs: { user_name: 'Dana Reyes', ts: '1714645263.000100', client_msg_id: '7d2f', user: 'U061A1R2R', thread_ts: '1714645263.000100', reply_count: 1, reply_users: ['U066MTL5U'] },
        },
        {
          lineStart: 7, lineEnd: 10, tsMs: 1714645290012, tsSubNs: 345_000, kind: 'message',
          attrs: { ts: '1714645290.012345', parent_ts: '1714645263.000100', user: 'U066MTL5U', thread_ts: '1714645263.000100', parent_user_id: 'U061A1R2R' },
        },
        { lineStart: 11, lineEnd: 12, kind: 'channel_join', service: 'incident-812' },
      ],
    },
  },
  {
    description: 'a message whose ts is not an epoch',
    fileName: 'general_2024-05-02.json',
    document: '[{"type": "message", "text": "hi", "user": "U1", "ts": "yesterday"}]',
    expected: { events: [], unparsed: [{ lineStart: 1, lineEnd: 1, reason: 'Slack message ts "yesterday" is not an epoch time' }] },
  },
];

/** The Slack export format. */
export const slackFormat = jsonDocumentFormat({
  name: 'slack',
  description: 'Slack channel export day files (<channel>/<YYYY-MM-DD>.json, threads kept)',
  sniffText: (head) => (/^\s*\[/.test(head) && /"ts"\s*:\s*"\d{9,10}\.\d{6}"/.test(head) && /"(text|user|subtype)"\s*:/.test(head) ? 1 : 0),
  extract(values, context) {
    const channel = channelOf(context.fileName);
    const names = userNames(context.readRelated);
    const out: DocumentElement[] = [];
    for (const value of values) {
      if (!Array.isArray(value)) continue;
      for (const item of value) if (isRecord(item)) out.push({ element: item, event: message(item, channel, names) });
    }
    return out;
  },
  noEventsReason: 'valid JSON, but it holds no Slack messages (an array of objects with ts)',
  samples,
});
