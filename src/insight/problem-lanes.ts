/**
 * Lanes of warnings and errors that bursts are measured on: per host group (from the rollout model's
 * host tracks), per source file and per service (from the events). Each lane keeps its problem times in
 * order with the host of each, so a burst can say which hosts it hit.
 */
import type { DetectorInput } from './host-tracks';

/** What a lane groups by. */
export type ProblemLaneKind = 'group' | 'source' | 'service';

/** One lane's warnings and errors, sorted by time. */
export interface ProblemLane {
  kind: ProblemLaneKind;
  name: string;
  tsMs: Float64Array;
  /** Host of each problem (null when the event names none), parallel to `tsMs`. */
  hosts: (string | null)[];
  /** Every host whose events belong to the lane (for the evidence query); empty for source and service lanes. */
  memberHosts: string[];
}

const MINUTE_MS = 60_000;

/** The lane as a person reads it: "api hosts", "service cron.service", "source healthchecks.jsonl". */
export function laneLabel(lane: Pick<ProblemLane, 'kind' | 'name'>): string {
  return lane.kind === 'group' ? `${lane.name} hosts` : `${lane.kind} ${lane.name}`;
}

/** One lane per host group, from the host tracks. */
export function groupLanes(input: DetectorInput): ProblemLane[] {
  const byGroup = new Map<string, { ts: number[]; hosts: string[]; members: string[] }>();
  for (const h of input.hosts) {
    let acc = byGroup.get(h.group);
    if (!acc) {
      acc = { ts: [], hosts: [], members: [] };
      byGroup.set(h.group, acc);
    }
    acc.members.push(h.host);
    for (const ts of h.problemTsMs) {
      acc.ts.push(ts);
      acc.hosts.push(h.host);
    }
  }
  return [...byGroup].map(([name, acc]) => sortedLane('group', name, acc.ts, acc.hosts, acc.members));
}

/** A lane from unsorted times and hosts. */
export function sortedLane(kind: ProblemLaneKind, name: string, ts: readonly number[], hosts: readonly (string | null)[], memberHosts: string[] = []): ProblemLane {
  const order = Array.from(ts, (_, i) => i).sort((a, b) => ts[a]! - ts[b]!);
  return { kind, name, tsMs: Float64Array.from(order, (i) => ts[i]!), hosts: order.map((i) => hosts[i] ?? null), memberHosts };
}

/** Problems per minute from `fromMinute` (epoch minute) for `minutes` minutes; index 0 is `fromMinute`. */
export function minuteSeries(lane: ProblemLane, fromMinute: number, minutes: number): Float64Array {
  const series = new Float64Array(Math.max(0, minutes));
  for (const ts of lane.tsMs) {
    const i = Math.floor(ts / MINUTE_MS) - fromMinute;
    if (i >= 0 && i < series.length) series[i]! += 1;
  }
  return series;
}

/** Hosts with problems in [fromMs, toMs), most problems first. */
export function hostsIn(lane: ProblemLane, fromMs: number, toMs: number): { host: string; n: number }[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < lane.tsMs.length; i++) {
    const ts = lane.tsMs[i]!;
    const host = lane.hosts[i];
    if (ts < fromMs || ts >= toMs || host === null || host === undefined) continue;
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return [...counts].map(([host, n]) => ({ host, n })).sort((a, b) => b.n - a.n || a.host.localeCompare(b.host));
}
