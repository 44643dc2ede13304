/**
 * Builds the rollout model from events in any order: per host, its events, warnings, errors and rollout
 * signals, folded into a compact timeline of state changes; per rollout, its versions, hosts, waves and
 * markers. Events may arrive out of order; each host's signals are sorted by (time, id) before folding.
 * A builder can be kept and fed more events after {@link FleetBuilder.finish} (live follow): the next
 * finish redoes only the hosts that got events or signals since, merging their new events into the
 * arrays of the previous finish.
 */
import { emptyPhaseCounts, type RolloutInfo, type RolloutMarker, type RolloutWave } from '../model/replay';
import { compareNames, groupFromAttributes, inferGroup } from './grouping';
import { phaseOfCode, type HostTimeline } from './host-timeline';
import { signalOf, type ReplayEvent, type RolloutSignal } from './rollout-signals';
import { foldSignals, type FoldTables, type SignalFold, type TimedSignal } from './signal-fold';
import { eventCountOf, EventTimesBuilder, lastEventAtOrBefore, packEventTimes, unpackEventTimes, type EventTimes } from './event-times';
import { mergeSortedEvents, mergeSortedTimes } from './sorted-merge';

/** What the builder produces; {@link FleetModel} answers questions over it. */
export interface FleetData {
  versions: string[];
  steps: string[];
  hosts: HostTimeline[];
  rollouts: RolloutInfo[];
}

interface HostAccumulator {
  attributeGroup: string | null;
  signalGroup: string | null;
  /** The host's timeline as the last finish made it; null before its first finish. */
  finished: HostTimeline | null;
  /** Whether events or signals came since the last finish (the host's timeline must be redone). */
  isChanged: boolean;
  /** Events, warnings and errors added since the last finish; merged into `finished` by the next. */
  events: EventTimesBuilder;
  warnTsMs: number[];
  errorTsMs: number[];
  /** Every signal about the host, sorted by (time, id) as of the last finish, and their fold. */
  signals: TimedSignal[];
  fold: SignalFold | null;
}

interface RolloutAccumulator {
  id: string;
  fromVersion: string | null;
  toVersion: string | null;
  startMs: number;
  endMs: number;
  hosts: Set<string>;
  waves: Map<number, { startMs: number; endMs: number; hosts: Set<string> }>;
}

const MARKER_KIND = /^(rollout|wave|deploy|deployment)\./;
const NO_TIMES = new Float64Array(0);

/**
 * Accumulates events; {@link FleetBuilder.finish} gives the model of every event added so far, and may
 * be called again after more events are added.
 */
export class FleetBuilder {
  private readonly hosts = new Map<string, HostAccumulator>();
  /** Host names sorted by {@link compareNames} (ties in the order hosts were first met), as of the last finish. */
  private hostOrder: string[] = [];
  private readonly rollouts = new Map<string, RolloutAccumulator>();
  private readonly strayMarkers: (RolloutMarker & { rolloutId: string | null })[] = [];
  private readonly versions: string[] = [];
  private readonly versionIndex = new Map<string, number>();
  private readonly steps: string[] = [];
  private readonly stepIndex = new Map<string, number>();
  private readonly tables: FoldTables = {
    version: (value) => this.intern(this.versions, this.versionIndex, value),
    step: (value) => this.intern(this.steps, this.stepIndex, value),
    knownVersion: (value) => this.versionIndex.get(value),
  };

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
    host.isChanged = true;
    if (signal.phase !== undefined || signal.toVersion !== undefined) this.addToRollout(signal, event.tsMs);
  }

  /**
   * The model of every event added so far. Only hosts with new events or signals are redone; the others
   * keep their timeline objects (never mutated), so a caller can tell which hosts changed by identity.
   * NOTE: versions and steps are numbered in the order first folded, so a builder fed in several rounds
   * may number them differently from one fed everything at once; every answer through the tables is the same.
   */
  finish(): FleetData {
    for (const [name, acc] of this.hosts) if (acc.isChanged) acc.finished = this.timelineOf(name, acc);
    if (this.hostOrder.length !== this.hosts.size) this.hostOrder = [...this.hosts.keys()].sort(compareNames);
    const hosts = this.hostOrder.map((name) => this.hosts.get(name)!.finished!);
    return { versions: [...this.versions], steps: [...this.steps], hosts, rollouts: this.finishRollouts(hosts) };
  }

  private hostFor(name: string): HostAccumulator {
    let acc = this.hosts.get(name);
    if (!acc) {
      acc = {
        attributeGroup: null, signalGroup: null, finished: null, isChanged: true,
        events: new EventTimesBuilder(), warnTsMs: [], errorTsMs: [], signals: [], fold: null,
      };
      this.hosts.set(name, acc);
    }
    return acc;
  }

  private addHostEvent(acc: HostAccumulator, event: ReplayEvent): void {
    acc.isChanged = true;
    acc.events.push(event.tsMs, event.id);
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
      rollout = { id, fromVersion: null, toVersion: null, startMs: tsMs, endMs: tsMs, hosts: new Set(), waves: new Map() };
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

  /** The host's timeline: its previous one with the events added since merged in, and its signals folded on from where they were. */
  private timelineOf(name: string, acc: HostAccumulator): HostTimeline {
    const previous = acc.finished;
    const events = mergedWithPrevious(previous, acc.events.finish());
    const warnTsMs = mergeSortedTimes(previous?.warnTsMs ?? NO_TIMES, acc.warnTsMs.sort((a, b) => a - b));
    const errorTsMs = mergeSortedTimes(previous?.errorTsMs ?? NO_TIMES, acc.errorTsMs.sort((a, b) => a - b));
    clearAdded(acc);
    acc.signals.sort((a, b) => a.tsMs - b.tsMs || a.id - b.id);
    const inferred = acc.signalGroup !== null ? { group: acc.signalGroup, origin: 'attribute' as const } : inferGroup(name, acc.attributeGroup);
    const changes = foldSignals(acc.signals, this.tables, acc.fold);
    acc.fold = changes;
    const eventCount = eventCountOf(events);
    return {
      host: name,
      inferredGroup: inferred.group,
      inferredOrigin: inferred.origin,
      eventCount,
      firstTsMs: eventCount === 0 ? null : events.blockTsMs[0]!,
      lastTsMs: lastEventAtOrBefore(events, Number.POSITIVE_INFINITY)?.tsMs ?? null,
      initialPhase: changes.initialPhase,
      initialVersion: changes.initialVersion,
      changeTsMs: Float64Array.from(changes.points.map((p) => p.tsMs)),
      changeEventId: Float64Array.from(changes.points.map((p) => p.id)),
      changePhase: Float64Array.from(changes.points.map((p) => p.phase)),
      changeVersion: Float64Array.from(changes.points.map((p) => p.version)),
      changeTarget: Float64Array.from(changes.points.map((p) => p.target)),
      changeStep: Float64Array.from(changes.points.map((p) => p.step)),
      changeWave: Float64Array.from(changes.points.map((p) => p.wave)),
      warnTsMs,
      errorTsMs,
      events,
    };
  }

  private finishRollouts(hosts: HostTimeline[]): RolloutInfo[] {
    const finalPhase = new Map(hosts.map((h) => [h.host, phaseOfCode(h.changePhase.length === 0 ? h.initialPhase : h.changePhase[h.changePhase.length - 1]!)]));
    const list = [...this.rollouts.values()].sort((a, b) => a.startMs - b.startMs);
    // NOTE: markers are given to rollouts anew on every finish: a marker without a rollout id belongs to the
    // only rollout, and stops belonging to it once a second rollout appears.
    const markersOf = new Map<RolloutAccumulator, RolloutMarker[]>();
    for (const { rolloutId, ...marker } of this.strayMarkers) {
      const owner = (rolloutId === null ? undefined : this.rollouts.get(rolloutId)) ?? (list.length === 1 ? list[0] : undefined);
      if (owner === undefined) continue;
      const markers = markersOf.get(owner);
      if (markers === undefined) markersOf.set(owner, [marker]);
      else markers.push(marker);
    }
    return list.map((r) => {
      const phaseCounts = emptyPhaseCounts();
      for (const host of r.hosts) phaseCounts[finalPhase.get(host) ?? 'pending']++;
      const waves: RolloutWave[] = [...r.waves.entries()]
        .sort(([a], [b]) => a - b)
        .map(([wave, w]) => ({ wave, startMs: w.startMs, endMs: w.endMs, hostCount: w.hosts.size }));
      const markers = (markersOf.get(r) ?? []).sort((a, b) => a.tsMs - b.tsMs || a.eventId - b.eventId);
      const startMs = Math.min(r.startMs, markers[0]?.tsMs ?? Infinity);
      const endMs = Math.max(r.endMs, markers[markers.length - 1]?.tsMs ?? -Infinity);
      return { id: r.id, fromVersion: r.fromVersion, toVersion: r.toVersion, startMs, endMs, hostCount: r.hosts.size, phaseCounts, waves, markers };
    });
  }
}

/** Empties what was added since the last finish, once merged into the host's timeline. */
function clearAdded(acc: HostAccumulator): void {
  acc.isChanged = false;
  acc.events = new EventTimesBuilder();
  acc.warnTsMs = [];
  acc.errorTsMs = [];
}

/** A host's events: those of its previous timeline (if any) with the ones added since merged in. */
function mergedWithPrevious(previous: HostTimeline | null, added: EventTimes): EventTimes {
  if (previous === null || eventCountOf(previous.events) === 0) return added;
  if (eventCountOf(added) === 0) return previous.events;
  const old = unpackEventTimes(previous.events);
  const add = unpackEventTimes(added);
  const merged = mergeSortedEvents(old.tsMs, old.ids, add.tsMs, add.ids);
  return packEventTimes(merged.tsMs, merged.ids);
}
