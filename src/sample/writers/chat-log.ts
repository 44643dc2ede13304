/**
 * The responders' chat channel (`incident-channel.jsonl`), one Slack message object per line:
 * `ts` as Slack's "seconds.micros" string, `user`, `text`, `type: "message"`. Messages name the hosts
 * that the simulation actually put in trouble, so the chat and the logs tell one story.
 */
import { NEW_IMAGE, OLD_IMAGE } from '../fleet';
import { clockUtc, LogBuffer } from '../log-lines';
import { spanAt, type HostPlan, type Scenario } from '../scenario';

/** File name of the chat export. */
export const CHAT_LOG_FILE = 'incident-channel.jsonl';

/** Channel the responders talked in. */
export const CHAT_CHANNEL = 'inc-20261110-os-rollout';

const PEOPLE = {
  priya: { id: 'U05PRIYA01', realName: 'Priya Raman' },
  marco: { id: 'U03MARCO07', realName: 'Marco Silva' },
  dana: { id: 'U04DANA022', realName: 'Dana Okafor' },
  lee: { id: 'U02LEEK009', realName: 'Lee Kim' },
  sam: { id: 'U06SAMW013', realName: 'Sam Weber' },
} as const;

type Person = keyof typeof PEOPLE;

const MINUTE_MS = 60_000;

/** Builds the chat lines in time order. */
export function chatLogLines(scenario: Scenario): string[] {
  const out = new LogBuffer();
  let seq = 0;
  const say = (tsMs: number, who: Person, text: string): void => {
    seq += 1;
    const ts = `${Math.floor(tsMs / 1000)}.${String((tsMs % 1000) * 1000 + seq).padStart(6, '0')}`;
    const person = PEOPLE[who];
    out.push(tsMs, JSON.stringify({ type: 'message', channel: CHAT_CHANNEL, user: person.id, user_profile: { name: who, real_name: person.realName }, text, ts }));
  };
  const wave = (n: number) => scenario.waves[n]!;
  const attempts = scenario.hosts.flatMap((plan) => plan.attempts.map((attempt) => ({ plan, attempt })));
  const panics = attempts
    .flatMap(({ plan, attempt }) => attempt.rsyncPanics.map((panic) => ({ plan, attempt, panic })))
    .sort((a, b) => a.panic.tsMs - b.panic.tsMs);
  const badWavePanics = panics.filter((p) => p.attempt.wave === 4);
  const earlyPanic = panics.find((p) => p.attempt.wave !== null && p.attempt.wave < 4);
  const failed = attempts.filter(({ attempt }) => attempt.failedMs !== null).sort((a, b) => a.attempt.failedMs! - b.attempt.failedMs!);
  const expired = attempts.flatMap(({ plan, attempt }) => attempt.expiredSegments.map((segment) => ({ plan, segment }))).find((e) => e.segment.tsMs > scenario.startMs);
  const gracefulFailure = attempts.find(({ plan, attempt }) => plan.host.role === 'api' && attempt.gracefulRestartFailed);
  const at14 = Date.UTC(2026, 10, 10, 14, 0, 0);
  const at15 = Date.UTC(2026, 10, 10, 15, 0, 0);
  const colliding = bootstrappingAt(scenario.hosts, at14);
  const rollbacks = attempts.filter(({ attempt }) => attempt.kind === 'rollback');
  const rollbackDoneMs = Math.max(...rollbacks.map(({ attempt }) => attempt.healthyMs ?? scenario.rollbackMs));

  say(scenario.startMs + 2 * MINUTE_MS + 14_000, 'priya', `Morning all. Today we roll ${NEW_IMAGE} across prod (${scenario.hosts.length} hosts): canary, then waves of 5/10/20/25/20% and the rest. I'm IC, runbook is os-upgrade.`);
  say(scenario.startMs + 3 * MINUTE_MS + 2_000, 'lee', 'dashboards up, watching api error rate, storage replication lag and the health checks');
  say(scenario.startedMs + 20_000, 'priya', `rollout started; canary wave: ${wave(0).hostNames.join(', ')}`);
  say(wave(0).endMs + 70_000, 'lee', `canaries healthy on ${NEW_IMAGE}: ${wave(0).hostNames.join(', ')}`);
  say(wave(0).endMs + 3 * MINUTE_MS, 'lee', 'heads-up: each reimaged host leaves a hole of about six minutes in its metrics (the agent is gone while the disk is rewritten). It reads as missing data, not as an outage.');
  say(wave(1).startMs + 30_000, 'priya', `canary soak clean, starting wave 1 (${wave(1).hostNames.length} hosts)`);
  if (gracefulFailure) {
    say(gracefulFailure.attempt.drainEndMs + 2 * MINUTE_MS, 'dana', `${gracefulFailure.plan.host.name} didn't drain cleanly: "graceful restart failed … forcing stop". Long-polling clients keep connections past the 30s drain timeout.`);
  }
  say(wave(2).endMs + 2 * MINUTE_MS, 'dana', 'api p99 unchanged after wave 2 👍');
  if (earlyPanic) {
    say(earlyPanic.panic.tsMs + 3 * MINUTE_MS, 'marco', `seeing an rsync panic on ${earlyPanic.plan.host.name} during bootstrap ("failed to open segment ${earlyPanic.panic.segmentId} metadata"); it restarted and carried on. Watching.`);
  }
  say(wave(4).startMs + 20_000, 'priya', `wave 4 starting (${wave(4).hostNames.length} hosts, the big one)`);
  if (badWavePanics[0]) {
    const first = badWavePanics[0];
    say(first.panic.tsMs + 50_000, 'marco', `seeing rsync panics on ${first.plan.host.name}: "rsync: failed to open segment ${first.panic.segmentId} metadata: No such file or directory"`);
  }
  say(at14 + 55_000, 'dana', 'api 5xx jumped at 14:00, gateway shows 502/503 from upstreams');
  if (colliding.length > 0) {
    say(at14 + 95_000, 'lee', `cron: backup and metrics-compaction fire on the hour on every host. On hosts still bootstrapping /data is not mounted yet: "cron: job backup-segments failed: /data not mounted (host bootstrapping)". ${colliding.length} hosts were mid-bootstrap at 14:00, e.g. ${colliding.slice(0, 3).join(', ')}`);
  }
  say(at14 + 150_000, 'lee', 'we only ever tested bootstrap between :05 and :55 on staging. Nobody ever ran one across the hour.');
  say(at14 + 5 * MINUTE_MS, 'dana', '5xx back near baseline');
  if (failed[0]) {
    const first = failed[0];
    say(first.attempt.failedMs! + 40_000, 'marco', `${first.plan.host.name} panicked ${first.attempt.rsyncPanics.length} times and systemd gave up on storage-bootstrap. Segment files arrive before their metadata: rsync copies the .seg files first and the .meta files later, and the new rsync walks in a different order.`);
  }
  const othersFailing = failed.slice(1).filter(({ attempt }) => attempt.failedMs! < scenario.pauseMs);
  if (othersFailing.length > 0) say(scenario.pauseMs - 50_000, 'marco', `same on ${othersFailing.map(({ plan }) => plan.host.name).join(', ')}`);
  say(scenario.pauseMs - 5_000, 'priya', 'pausing the rollout. In-flight hosts finish, nothing new starts until we understand the storage bootstrap.');
  say(scenario.pauseMs + 90_000, 'sam', 'status page updated: degraded performance on the storage API, no data loss expected');
  if (expired) {
    say(Math.max(expired.segment.tsMs, scenario.pauseMs) + 4 * MINUTE_MS, 'marco', `and on ${expired.plan.host.name}: "segment ${expired.segment.segmentId} expired during copy; retention sweeper removed it". Retention keeps running on the peer while we copy from it, so the copy chases a moving target.`);
  }
  say(scenario.rollbackMs - 2 * MINUTE_MS, 'priya', `decision: roll ${scenario.rolledBack.join(', ')} back to ${OLD_IMAGE}, then resume with the other hosts`);
  say(scenario.rollbackMs + 10_000, 'lee', `rolling back ${scenario.rolledBack.length} storage hosts now`);
  say(scenario.rollbackMs + 9 * MINUTE_MS, 'marco', 'PR up for bootstrap-storage: rsync the metadata first, --delay-updates for the segment files, and hold the retention sweeper on the source peer while a copy runs');
  say(scenario.resumeMs + 10_000, 'priya', 'resuming with wave 5. Heads-up: cron fires again at 15:00, expect a smaller 5xx bump from the hosts bootstrapping then.');
  if (rollbacks.length > 0) say(rollbackDoneMs + 60_000, 'lee', `rolled-back hosts are healthy on ${OLD_IMAGE} (${clockUtc(rollbackDoneMs)} UTC)`);
  say(at15 + 70_000, 'dana', `small 5xx bump at 15:00 again (${bootstrappingAt(scenario.hosts, at15).length} hosts mid-bootstrap), smaller than 14:00`);
  say(at15 + 14 * MINUTE_MS, 'lee', "metrics from upgraded hosts land under namespace 'prod-noble/<role>' instead of 'prod/<role>': the hostname label changed with the image. Dashboards undercount upgraded hosts. Ticket OPS-4471.");
  say(scenario.bootstrapFixMs + 20_000, 'marco', 'bootstrap-storage v2.4.1 is live; storage hosts started from now on use it');
  const at16 = Date.UTC(2026, 10, 10, 16, 0, 0);
  const colliding16 = bootstrappingAt(scenario.hosts, at16);
  if (colliding16.length > 0) {
    say(at16 + 80_000, 'lee', `16:00 cron hit the last wave too (${colliding16.length} hosts mid-bootstrap, e.g. ${colliding16[0]}). Same failure, same cause; it goes on the action items.`);
  }
  say(wave(6).startMs + 15_000, 'priya', `last wave starting (${wave(6).hostNames.length} hosts), including the rolled-back storage hosts with the fixed bootstrap`);
  say(scenario.completedMs + 40_000, 'priya', `rollout complete: all ${scenario.hosts.length} hosts on ${NEW_IMAGE}. Thanks all. Postmortem on Thursday.`);
  say(scenario.completedMs + 3 * MINUTE_MS, 'sam', 'status page: resolved');
  say(scenario.completedMs + 6 * MINUTE_MS, 'lee', 'action items so far: no bootstraps across :00, cron skips hosts that are bootstrapping, storage bootstrap copies metadata first, retention paused on bootstrap peers, metrics namespace fix');
  return out.sorted();
}

/** Names of hosts in their bootstrap at `tsMs`. */
export function bootstrappingAt(hosts: HostPlan[], tsMs: number): string[] {
  return hosts.filter((plan) => spanAt(plan, tsMs).phase === 'bootstrapping').map((plan) => plan.host.name);
}

