/**
 * Builds the rollout model from events in any order: per host, its events, warnings, errors and rollout
 * signals, folded into a compact timeline of state changes; per rollout, its versions, hosts, waves and
 * markers. Events may arrive out of order; each host's signals are sorted by (time, id) before folding.
 */
import { emptyPhaseCounts, type RolloutInfo, type RolloutMarker, type RolloutWave } from '../model/replay';
import { groupFromAttributes, inferGroup } from './grouping';
import { phaseCode, phaseOfCode, type HostTimeline } from './host-timeline';
import { signalOf, type ReplayEvent, type RolloutSignal } from './rollout-signals';

/** What the builder produces; {@link FleetModel} answers questions over it. */
export interface FleetData {
  versions: string[];
  steps: string[];
  hosts: HostTimeline[];
  rollouts: RolloutInfo[];
}

interface TimedSignal {
  tsMs: number;
  id: number;
  signal: RolloutSignal;
}

interface HostAccumulator {
  attributeGroup: string | null;
  signalGroup: string | null;
  eventTsMs: number[];
  eventId: number[];
  warnTsMs: number[];
  errorTsMs: number[];
  signals: TimedSignal[];
  isSorted: boolean;
  lastTsMs: number;
  lastId: number;
}

interface RolloutAccumulator {
  id: string;
  fromVersion: string | null;
  toVersion: string | null;
  startMs: number;
  endMs: number;
  hosts: Set<string>;
  waves: Map<number, { startMs: number; endMs: number; hosts: Set<string> }>;
  markers: RolloutMarker[];
}

const MARKER_KIND = /^(rollout|wave|deploy|deployment)\./;

/** Accumulates events; call {@link FleetBuilder.finish} once at the end. */
export class FleetBuilder {
  private readonly hosts = new Map<string, HostAccumulator>();
  private readonly rollouts = new Map<string, RolloutAccumulator>();
  private readonly strayMarkers: (RolloutMarker & { rolloutId: string | null })[] = [];
  private readonly versions: string[] = [];
  private readonly versionIndex = new Map<string, number>();
  private readonly steps: string[] = [];
  private readonly stepIndex = new Map<string, number>();

  /** Adds one event. */
  add(event: ReplayEvent): void {
    if (event.host !== null) this.addHostEvent(this.hostFor(event.host), event);
    else if (event.kind !== null && MARKER_KIND.test(event.kind) && event.level !== 'debug' && event.level !== 'trace') {
      const rolloutId = typeof event.attrs?.rollout_id === 'string' ? event.attrs.rollout_id : null;
      this.strayMarkers.push({ tsMs: event.tsMs, eventId: event.id, kind: event.kind, message: event.message, rolloutId });
    }
    const signal = signalOf(event);
    if (signal === null) return;
    const host = this.hostFor(signal.target);
    if (signal.group !== undefined) host.signalGroup = signal.group;
    host.signals.push({ tsMs: event.tsMs, id: event.id, signal });
    if (signal.phase !== undefined || signal.toVersion !== undefined) this.addToRollout(signal, event.tsMs);
  }

  /** The model built from every event added. */
  finish(): FleetData {
    const hosts: HostTimeline[] = [];
    for (const [name, acc] of this.hosts) hosts.push(this.timelineOf(name, acc));
    hosts.sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }));
    return { versions: this.versions, steps: this.steps, hosts, rollouts: this.finishRollouts(hosts) };
  }

  private hostFor(name: string): HostAccumulator {
    let acc = this.hosts.get(name);
    if (!acc) {
      acc = { attributeGroup: null, signalGroup: null, eventTsMs: [], eventId: [], warnTsMs: [], errorTsMs: [], signals: [], isSorted: true, lastTsMs: -Infinity, lastId: -Infinity };
      this.hosts.set(name, acc);
    }
    return acc;
  }

  private addHostEvent(acc: HostAccumulator, event: ReplayEvent): void {
    if (event.tsMs < acc.lastTsMs || (event.tsMs === acc.lastTsMs && event.id < acc.lastId)) acc.isSorted = false;
    acc.lastTsMs = event.tsMs;
    acc.lastId = event.id;
    acc.eventTsMs.push(event.tsMs);
    acc.eventId.push(event.id);
    if (event.level === 'warn') acc.warnTsMs.push(event.tsMs);
    else if (event.level === 'error' || event.level === 'fatal') acc.errorTsMs.push(event.tsMs);
    if (acc.attributeGroup === null && event.attrs !== null) acc.attributeGroup = groupFromAttributes(event.attrs);
  }

  private addToRollout(signal: RolloutSignal, tsMs: number): void {
    const from = signal.isRollback ? signal.toVersion : signal.fromVersion;
    const to = signal.isRollback ? signal.fromVersion : signal.toVersion;
    const id = signal.rolloutId ?? `${from ?? '?'} → ${to ?? '?'}`;
    if (signal.rolloutId === undefined && from === undefined && to === undefined) return;
    let rollout = this.rollouts.get(id);
    if (!rollout) {
      rollout = { id, fromVersion: null, toVersion: null, startMs: tsMs, endMs: tsMs, hosts: new Set(), waves: new Map(), markers: [] };
      this.rollouts.set(id, rollout);
    }
    if (!signal.isRollback) {
      rollout.fromVersion ??= from ?? null;
      rollout.toVersion ??= to ?? null;
    }
    rollout.startMs = Math.min(rollout.startMs, tsMs);
    rollout.endMs = Math.max(rollout.endMs, tsMs);
    rollout.hosts.add(signal.target);
    if (typeof signal.wave === 'number') {
      let wave = rollout.waves.get(signal.wave);
      if (!wave) {
        wave = { startMs: tsMs, endMs: tsMs, hosts: new Set() };
        rollout.waves.set(signal.wave, wave);
      }
      wave.startMs = Math.min(wave.startMs, tsMs);
      wave.endMs = Math.max(wave.endMs, tsMs);
      wave.hosts.add(signal.target);
    }
  }

  private intern(table: string[], index: Map<string, number>, value: string | null | undefined): number {
    if (value === null || value === undefined) return -1;
    let at = index.get(value);
    if (at === undefined) {
      at = table.length;
      table.push(value);
      index.set(value, at);
    }
    return at;
  }

  private timelineOf(name: string, acc: HostAccumulator): HostTimeline {
    if (!acc.isSorted) sortEventsOf(acc);
    acc.warnTsMs.sort((a, b) => a - b);
    acc.errorTsMs.sort((a, b) => a - b);
    acc.signals.sort((a, b) => a.tsMs - b.tsMs || a.id - b.id);
    const inferred = acc.signalGroup !== null ? { group: acc.signalGroup, origin: 'attribute' as const } : inferGroup(name, acc.attributeGroup);
    const changes = this.foldSignals(acc.signals);
    return {
      host: name,
      inferredGroup: inferred.group,
      inferredOrigin: inferred.origin,
      eventCount: acc.eventTsMs.length,
      firstTsMs: acc.eventTsMs.length === 0 ? null : acc.eventTsMs[0]!,
      lastTsMs: acc.eventTsMs.length === 0 ? null : acc.eventTsMs[acc.eventTsMs.length - 1]!,
      initialPhase: changes.initialPhase,
      initialVersion: changes.initialVersion,
      changeTsMs: Float64Array.from(changes.points.map((p) => p.tsMs)),
      changeEventId: Float64Array.from(changes.points.map((p) => p.id)),
      changePhase: Float64Array.from(changes.points.map((p) => p.phase)),
      changeVersion: Float64Array.from(changes.points.map((p) => p.version)),
      changeTarget: Float64Array.from(changes.points.map((p) => p.target)),
      changeStep: Float64Array.from(changes.points.map((p) => p.step)),
      changeWave: Float64Array.from(changes.points.map((p) => p.wave)),
      warnTsMs: Float64Array.from(acc.warnTsMs),
      errorTsMs: Float64Array.from(acc.errorTsMs),
      eventTsMs: Float64Array.from(acc.eventTsMs),
      eventId: Float64Array.from(acc.eventId),
    };
  }

  /**
   * Folds sorted signals into change points. A host with explicit phase signals starts `pending`; one
   * whose only signals are versions is `not_in_rollout` until its version changes, then `done` (or
   * `rolled_back` when it returns to a version it ran before).
   */
  private foldSignals(signals: TimedSignal[]): { initialPhase: number; initialVersion: number; points: ChangePoint[] } {
    const hasPhases = signals.some((s) => s.signal.phase !== undefined);
    const first = signals.find((s) => s.signal.fromVersion !== undefined || s.signal.version !== undefined)?.signal;
    const initialVersion = this.intern(this.versions, this.versionIndex, first?.fromVersion ?? first?.version);
    const versionsSeen = new Set<number>(initialVersion === -1 ? [] : [initialVersion]);
    const hasVersionChange = signals.some((s) => s.signal.version !== undefined && this.versionIndex.get(s.signal.version) !== initialVersion);
    const initialPhase = phaseCode(hasPhases || hasVersionChange ? 'pending' : 'not_in_rollout');
    let state: ChangePoint = { tsMs: -Infinity, id: 0, phase: initialPhase, version: initialVersion, target: -1, step: -1, wave: NaN };
    const points: ChangePoint[] = [];
    for (const { tsMs, id, signal } of signals) {
      const next: ChangePoint = { ...state, tsMs, id };
      if (signal.version !== undefined) next.version = this.intern(this.versions, this.versionIndex, signal.version);
      if (signal.isTargetReached && state.target !== -1) next.version = state.target;
      if (signal.phase !== undefined) next.phase = phaseCode(signal.phase);
      else if (!hasPhases && next.version !== state.version && next.version !== -1) {
        next.phase = phaseCode(versionsSeen.has(next.version) ? 'rolled_back' : 'done');
      }
      if (signal.step !== undefined) next.step = this.intern(this.steps, this.stepIndex, signal.step);
      if (signal.wave !== undefined) next.wave = signal.wave ?? NaN;
      const phase = phaseOfCode(next.phase);
      if (phase === 'updating' && signal.toVersion !== undefined) next.target = this.intern(this.versions, this.versionIndex, signal.toVersion);
      if (phase === 'done' || phase === 'rolled_back' || phase === 'pending') {
        next.target = -1;
        next.step = -1;
      }
      if (next.version !== -1) versionsSeen.add(next.version);
      if (!sameState(next, state)) points.push(next);
      state = next;
    }
    return { initialPhase, initialVersion, points };
  }

  private finishRollouts(hosts: HostTimeline[]): RolloutInfo[] {
    const finalPhase = new Map(hosts.map((h) => [h.host, phaseOfCode(h.changePhase.length === 0 ? h.initialPhase : h.changePhase[h.changePhase.length - 1]!)]));
    const list = [...this.rollouts.values()].sort((a, b) => a.startMs - b.startMs);
    for (const marker of this.strayMarkers) {
      const owner = (marker.rolloutId === null ? undefined : this.rollouts.get(marker.rolloutId)) ?? (list.length === 1 ? list[0] : undefined);
      owner?.markers.push({ tsMs: marker.tsMs, eventId: marker.eventId, kind: marker.kind, message: marker.message });
    }
    return list.map((r) => {
      const phaseCounts = emptyPhaseCounts();
      for (const host of r.hosts) phaseCounts[finalPhase.get(host) ?? 'pending']++;
      const waves: RolloutWave[] = [...r.waves.entries()]
        .sort(([a], [b]) => a - b)
        .map(([wave, w]) => ({ wave, startMs: w.startMs, endMs: w.endMs, hostCount: w.hosts.size }));
      const markers = r.markers.sort((a, b) => a.tsMs - b.tsMs || a.eventId - b.eventId);
      const startMs = Math.min(r.startMs, markers[0]?.tsMs ?? Infinity);
      const endMs = Math.max(r.endMs, markers[markers.length - 1]?.tsMs ?? -Infinity);
      return { id: r.id, fromVersion: r.fromVersion, toVersion: r.toVersion, startMs, endMs, hostCount: r.hosts.size, phaseCounts, waves, markers };
    });
  }
}

interface ChangePoint {
  tsMs: number;
  id: number;
  phase: number;
  version: number;
  target: number;
  step: number;
  wave: number;
}

function sameState(a: ChangePoint, b: ChangePoint): boolean {
  return a.phase === b.phase && a.version === b.version && a.target === b.target && a.step === b.step && Object.is(a.wave, b.wave);
}

function sortEventsOf(acc: HostAccumulator): void {
  const order = acc.eventTsMs.map((_, i) => i).sort((a, b) => acc.eventTsMs[a]! - acc.eventTsMs[b]! || acc.eventId[a]! - acc.eventId[b]!);
  acc.eventTsMs = order.map((i) => acc.eventTsMs[i]!);
  acc.eventId = order.map((i) => acc.eventId[i]!);
}
