/**
 * The rollout model of an incident, in memory: answers "what was every host doing at t" with a few
 * binary searches per host over typed arrays (well under a millisecond for 1,000 hosts), lists hosts
 * with their groups (user rules applied) and the detected rollouts.
 */
import {
  emptyHealthCounts,
  emptyPhaseCounts,
  type FleetState,
  type GroupingRule,
  type HostHealth,
  type HostInfo,
  type HostState,
  type RolloutInfo,
} from '../model/replay';
import type { FleetData } from './fleet-builder';
import { compareNames, createGroupResolver } from './grouping';
import { lastEventAtOrBefore } from './event-times';
import { phaseOfCode, type HostTimeline } from './host-timeline';
import { upperBound } from './sorted-merge';

/** Default width of the health window: warnings and errors in the last five minutes colour a host. */
export const HEALTH_WINDOW_MS = 5 * 60_000;

/** The rollout model over one incident's events. */
export class FleetModel {
  /** Each host's group after the user's rules, in the order of {@link FleetData.hosts}. */
  private groups: string[] = [];
  private origins: HostInfo['groupOrigin'][] = [];
  /** Host indexes sorted by group, then host name (numeric-aware). */
  private order: number[] = [];

  constructor(
    readonly data: FleetData,
    rules: readonly GroupingRule[] = [],
  ) {
    this.applyRules(rules);
  }

  /** Re-resolves every host's group with the user's grouping rules (first match by id wins). */
  applyRules(rules: readonly GroupingRule[]): void {
    const resolve = createGroupResolver(rules);
    const resolved = this.data.hosts.map((h) => resolve(h.host, { group: h.inferredGroup, origin: h.inferredOrigin }));
    this.groups = resolved.map((r) => r.group);
    this.origins = resolved.map((r) => r.origin);
    this.order = this.data.hosts.map((_, i) => i);
    this.order.sort((a, b) => compareNames(this.groups[a]!, this.groups[b]!) || a - b);
  }

  /** Number of hosts in the model. */
  get hostCount(): number {
    return this.data.hosts.length;
  }

  /** Every host with its group, counts and versions, ordered by group then name. */
  hosts(): HostInfo[] {
    return this.order.map((i) => {
      const h = this.data.hosts[i]!;
      const seen = new Set<number>([h.initialVersion, ...h.changeVersion]);
      seen.delete(-1);
      return {
        host: h.host,
        group: this.groups[i]!,
        groupOrigin: this.origins[i]!,
        eventCount: h.eventCount,
        firstTsMs: h.firstTsMs,
        lastTsMs: h.lastTsMs,
        versions: [...seen].map((v) => this.data.versions[v]!),
      };
    });
  }

  /** The rollouts detected in the incident. */
  rollouts(): RolloutInfo[] {
    return this.data.rollouts;
  }

  /** Every host's state at `tsMs` (ordered by group then name), with counts per phase and health. */
  stateAt(tsMs: number, healthWindowMs = HEALTH_WINDOW_MS): FleetState {
    const phaseCounts = emptyPhaseCounts();
    const healthCounts = emptyHealthCounts();
    const hosts: HostState[] = new Array<HostState>(this.order.length);
    for (let k = 0; k < this.order.length; k++) {
      const i = this.order[k]!;
      const state = this.hostStateAt(this.data.hosts[i]!, this.groups[i]!, tsMs, healthWindowMs);
      phaseCounts[state.phase]++;
      healthCounts[state.health]++;
      hosts[k] = state;
    }
    return { tsMs, healthWindowMs, hosts, phaseCounts, healthCounts };
  }

  private hostStateAt(h: HostTimeline, group: string, tsMs: number, windowMs: number): HostState {
    const { versions, steps } = this.data;
    const c = upperBound(h.changeTsMs, tsMs) - 1;
    const phase = phaseOfCode(c < 0 ? h.initialPhase : h.changePhase[c]!);
    const version = c < 0 ? h.initialVersion : h.changeVersion[c]!;
    const target = c < 0 ? -1 : h.changeTarget[c]!;
    const step = c < 0 ? -1 : h.changeStep[c]!;
    const wave = c < 0 ? NaN : h.changeWave[c]!;
    const sinceMs = tsMs - windowMs;
    const errorCount = upperBound(h.errorTsMs, tsMs) - upperBound(h.errorTsMs, sinceMs);
    const warnCount = upperBound(h.warnTsMs, tsMs) - upperBound(h.warnTsMs, sinceMs);
    const last = lastEventAtOrBefore(h.events, tsMs);
    const lastEventTsMs = last === null ? null : last.tsMs;
    const health: HostHealth = errorCount > 0 ? 'error' : warnCount > 0 ? 'warn' : lastEventTsMs !== null && lastEventTsMs > sinceMs ? 'ok' : 'silent';
    return {
      host: h.host,
      group,
      version: version < 0 ? null : versions[version]!,
      targetVersion: target < 0 ? null : versions[target]!,
      phase,
      step: step < 0 ? null : steps[step]!,
      wave: Number.isNaN(wave) ? null : wave,
      health,
      warnCount,
      errorCount,
      lastEventId: last === null ? null : last.id,
      lastEventTsMs,
      lastEventMessage: null,
    };
  }
}
