/**
 * One side of a rollout comparison, summarised from the host tracks: the hosts that moved during the
 * rollout, how long each step took them (median and 90th percentile), which failed or were rolled back,
 * and its waves and controller markers as offsets from the rollout's start (T+, in ms).
 */
import type { ComparedRollout, ComparedStep } from '../model/insight';
import type { RolloutInfo } from '../model/replay';
import type { DetectorInput, HostTrack } from './host-tracks';
import { median } from './robust-stats';

/** Where a side comes from, as the caller names it. */
export interface SideOrigin {
  label: string;
  incidentPath: string;
  isOpenIncident: boolean;
}

/** Hosts whose phase changed within the rollout's span (from its start to its end, inclusive). */
export function rolloutHosts(input: DetectorInput, rollout: RolloutInfo): HostTrack[] {
  return input.hosts.filter((h) => h.spans.some((s) => s.fromMs >= rollout.startMs && s.fromMs <= rollout.endMs));
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function stepsOf(hosts: HostTrack[], rollout: RolloutInfo): ComparedStep[] {
  const perStep = new Map<string, number[]>();
  for (const h of hosts) {
    const mine = new Map<string, number>();
    for (const s of h.spans) {
      if (s.phase !== 'updating' || s.fromMs < rollout.startMs || s.fromMs > rollout.endMs) continue;
      const step = s.step ?? 'updating';
      mine.set(step, (mine.get(step) ?? 0) + Math.min(s.toMs, rollout.endMs) - s.fromMs);
    }
    for (const [step, ms] of mine) perStep.set(step, [...(perStep.get(step) ?? []), ms]);
  }
  const order = (step: string) => Math.min(...hosts.map((h) => h.spans.find((s) => s.step === step && s.fromMs >= rollout.startMs)?.fromMs ?? Infinity).map((t) => t - rollout.startMs));
  return [...perStep]
    .filter(([, values]) => values.some((ms) => ms > 0))
    .map(([step, values]) => ({ step, hostCount: values.length, medianMs: Math.round(median(values)), p90Ms: Math.round(quantile(values, 0.9)), firstMs: order(step) }))
    .sort((x, y) => x.firstMs - y.firstMs || x.step.localeCompare(y.step))
    .map(({ firstMs: _firstMs, ...step }) => step);
}

function upgradeMs(h: HostTrack, rollout: RolloutInfo): number | null {
  const start = h.spans.find((s) => s.phase === 'updating' && s.fromMs >= rollout.startMs && s.fromMs <= rollout.endMs);
  if (!start) return null;
  const end = h.spans.find((s) => s.fromMs > start.fromMs && (s.phase === 'done' || s.phase === 'failed' || s.phase === 'rolled_back'));
  return end && end.fromMs <= rollout.endMs ? end.fromMs - start.fromMs : null;
}

function hostsEntering(hosts: HostTrack[], rollout: RolloutInfo, phase: string): string[] {
  return hosts
    .filter((h) => h.spans.some((s) => s.phase === phase && s.fromMs >= rollout.startMs && s.fromMs <= rollout.endMs))
    .map((h) => h.host)
    .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
}

/** The summary of one side; `alignedMs` bounds the warnings and errors counted. */
export function rolloutProfile(origin: SideOrigin, input: DetectorInput, rollout: RolloutInfo, rolloutIds: string[], alignedMs: number): ComparedRollout {
  const hosts = rolloutHosts(input, rollout);
  const upgrades = hosts.map((h) => upgradeMs(h, rollout)).filter((ms): ms is number => ms !== null);
  let problemCount = 0;
  for (const h of input.hosts) for (const ts of h.problemTsMs) if (ts >= rollout.startMs && ts < rollout.startMs + alignedMs) problemCount++;
  return {
    ...origin,
    rolloutIds,
    rolloutId: rollout.id,
    fromVersion: rollout.fromVersion,
    toVersion: rollout.toVersion,
    startMs: rollout.startMs,
    durationMs: rollout.endMs - rollout.startMs,
    hostCount: rollout.hostCount,
    phaseCounts: { ...rollout.phaseCounts },
    waveCount: rollout.waves.length,
    waves: rollout.waves.map((w) => ({ wave: w.wave, tsMs: w.startMs, offsetMs: w.startMs - rollout.startMs, durationMs: w.endMs - w.startMs, hostCount: w.hostCount })),
    steps: stepsOf(hosts, rollout),
    medianHostUpgradeMs: upgrades.length === 0 ? null : Math.round(median(upgrades)),
    failedHosts: hostsEntering(hosts, rollout, 'failed'),
    rolledBackHosts: hostsEntering(hosts, rollout, 'rolled_back'),
    markers: rollout.markers.map((m) => ({ tsMs: m.tsMs, offsetMs: m.tsMs - rollout.startMs, kind: m.kind, message: m.message, eventId: m.eventId })),
    problemCount,
  };
}
