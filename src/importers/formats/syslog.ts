/**
 * Syslog as files hold it. `syslog-rfc3164`: the BSD format of /var/log/messages, auth.log and
 * macOS system.log (`Mmm dd hh:mm:ss host tag[pid]: message`, optionally led by `<PRI>`), whose year
 * is inferred (see YearTracker) and whose wall-clock time is local to the source's zone.
 * `syslog-rfc5424`: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG` with an RFC 3339 timestamp (the
 * `<PRI>1 ` prefix may be missing when a collector strips it). Host, app (as service), pid and msgid
 * are columns or attrs; the severity part of PRI gives the level.
 */
import { SYSLOG_SEVERITY_LEVELS } from '../levels';
import type { Level } from '../../model/event';
import { monthNumber, SourceClock, fractionParts } from '../time-text';
import { attrsJsonOf, levelWordIn, textFormat } from './text-format';

const RFC3164 = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? (?:(\d{4}) )?(\S+) (.*)$/;
const TAG = /^([^\s:[\]]+(?:\([^)]*\))?)(?:\[(\d+)\])?: ?/;
const FACILITY_NAMES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock'];

function levelOfPri(pri: string | undefined): Level {
  if (pri === undefined) return 'unknown';
  return SYSLOG_SEVERITY_LEVELS[Number(pri) % 8] ?? 'unknown';
}

function facilityOfPri(pri: string | undefined): string | null {
  if (pri === undefined) return null;
  const code = Math.floor(Number(pri) / 8);
  return FACILITY_NAMES[code] ?? `local${code - 16}`;
}

/** RFC 3164 (BSD) syslog. */
export const syslogRfc3164Format = textFormat({
  name: 'syslog-rfc3164',
  description: 'BSD syslog: "Mmm dd hh:mm:ss host tag[pid]: message" (year inferred, local time in --tz)',
  mismatchReason: 'not a BSD syslog line (expected "Mmm dd hh:mm:ss host tag: message")',
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      const match = RFC3164.exec(line);
      if (match === null) return null;
      const month = monthNumber(match[2]!);
      if (month === 0) return null;
      const { ms, subNs } = fractionParts(match[7] ?? '');
      const tsMs = clock.wallClock(match[8] === undefined ? null : Number(match[8]), month, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), ms);
      const rest = match[10]!;
      const tag = TAG.exec(rest);
      return {
        tsMs,
        tsSubNs: subNs,
        endMs: null,
        host: match[9]!,
        service: tag === null ? null : tag[1]!,
        level: levelOfPri(match[1]),
        kind: null,
        message: tag === null ? rest : rest.slice(tag[0].length),
        attrsJson: attrsJsonOf({ pid: tag?.[2] === undefined ? null : Number(tag[2]), facility: facilityOfPri(match[1]) }),
      };
    };
  },
  samples: [
    {
      description: 'Linux auth log: host, tag with a pam module, pid (local time in the given zone)',
      line: 'Mar  2 04:17:09 bastion-1 sshd(pam_unix)[20113]: session opened for user deploy by (uid=0)',
      options: { year: 2024, timeZone: 'Europe/Berlin' },
      expected: {
        event: { tsMs: Date.UTC(2024, 2, 2, 3, 17, 9), host: 'bastion-1', service: 'sshd(pam_unix)', level: 'unknown', message: 'session opened for user deploy by (uid=0)', attrs: { pid: 20113 } },
      },
    },
    {
      description: 'PRI prefix: facility daemon, severity 3 (error)',
      line: '<27>Oct 11 22:14:15 web-04 nginx[811]: upstream timed out while connecting to upstream',
      expected: { event: { tsMs: Date.UTC(2024, 9, 11, 22, 14, 15), level: 'error', service: 'nginx', attrs: { pid: 811, facility: 'daemon' } } },
    },
    {
      description: 'no tag: the rest is the message',
      line: 'Jan 22 07:53:01 db-2 last message repeated 3 times',
      expected: { event: { host: 'db-2', service: null, message: 'last message repeated 3 times', attrs: {} } },
    },
    {
      description: 'macOS system.log: a tab-indented continuation line joins the event',
      line: 'Aug 16 00:32:15 mbp-7 syslogd[314]: Configuration Notice:\n\tASL Module "com.apple.cdscheduler" claims selected messages.',
      expected: { event: { service: 'syslogd', message: 'Configuration Notice:\n\tASL Module "com.apple.cdscheduler" claims selected messages.' } },
    },
    {
      description: 'a line in another shape at the start of the file',
      line: '2024-03-02 04:17:09 not syslog',
      expected: { unparsedReason: 'not a BSD syslog line (expected "Mmm dd hh:mm:ss host tag: message")' },
    },
  ],
});

const RFC5424 = /^(?:<(\d{1,3})>\d{1,2} )?(\d{4}-\d\d-\d\dT\S+) (\S+) (\S+) (\S+) (\S+) (-|\[(?:[^\]\\]|\\.)*\](?:\[(?:[^\]\\]|\\.)*\])*)(?: (.*))?$/;
const SD_PARAM = /([^\s=\]]+)="((?:[^"\\]|\\.)*)"/g;

function nil(value: string): string | null {
  return value === '-' ? null : value;
}

function structuredData(sd: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (sd === '-') return params;
  for (const match of sd.matchAll(SD_PARAM)) params[match[1]!] = match[2]!.replace(/\\(["\\\]])/g, '$1');
  return params;
}

/** RFC 5424 syslog. */
export const syslogRfc5424Format = textFormat({
  name: 'syslog-rfc5424',
  description: 'RFC 5424 syslog: "<PRI>1 2024-05-02T10:15:30.1Z host app procid msgid [sd] message"',
  mismatchReason: 'not an RFC 5424 syslog line (expected "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MESSAGE")',
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      const match = RFC5424.exec(line);
      if (match === null) return null;
      const time = clock.parseDateTime(match[2]!);
      if (time === null) return null;
      const params = structuredData(match[7]!);
      const level = match[1] !== undefined ? levelOfPri(match[1]) : 'unknown';
      const message = (match[8] ?? '').replace(/^\uFEFF/, '').trimStart();
      return {
        tsMs: time.tsMs,
        tsSubNs: time.tsSubNs,
        endMs: null,
        host: nil(match[3]!),
        service: nil(match[4]!),
        level: level === 'unknown' && params.level !== undefined ? levelFromWord(params.level) : level,
        kind: nil(match[6]!),
        message,
        attrsJson: attrsJsonOf({ procid: nil(match[5]!), facility: facilityOfPri(match[1]), ...params }),
      };
    };
  },
  samples: [
    {
      description: 'rsyslog RFC 5424 template: severity 7 (debug), procid, no msgid or SD',
      line: '<15>1 2024-03-06T04:07:38.251122+00:00 node-3 deployd 4121 - -  canary step 2 of 5',
      expected: {
        event: { tsMs: Date.UTC(2024, 2, 6, 4, 7, 38, 251), tsSubNs: 122000, host: 'node-3', service: 'deployd', level: 'debug', kind: null, message: 'canary step 2 of 5', attrs: { procid: '4121', facility: 'user' } },
      },
    },
    {
      description: 'structured data kept in attrs; its level used when PRI is absent',
      line: '2024-08-27T14:22:01.613Z edge-01.example NSX 3106 FIREWALL [nsx@6876 comp="edge" level="WARN"] rule 1012 dropped 40 packets',
      expected: { event: { tsMs: Date.UTC(2024, 7, 27, 14, 22, 1, 613), service: 'NSX', kind: 'FIREWALL', level: 'warn', attrs: { procid: '3106', comp: 'edge', level: 'WARN' } } },
    },
    {
      description: 'a message continued on the next line joins the event',
      line: '<14>1 2024-03-06T04:07:38Z node-3 deployd - - -  rollout halted:\nhealth check failed on 3 hosts',
      expected: { event: { level: 'info', message: 'rollout halted:\nhealth check failed on 3 hosts' } },
    },
    {
      description: 'a BSD syslog line is not RFC 5424',
      line: 'Mar  2 04:17:09 bastion-1 sshd[1]: hello',
      expected: { unparsedReason: 'not an RFC 5424 syslog line (expected "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MESSAGE")' },
    },
  ],
});

function levelFromWord(word: string): Level {
  return levelWordIn(word.toUpperCase(), 1);
}
