/**
 * A rollout incident whose events arrive the way live follow appends them, for comparing a rollout
 * model updated batch by batch with one built from every event at once: two rollouts in waves (the
 * second with a failure and a rollback), a host seen only late, events that arrive after later ones of
 * their host (a few, and a whole half hour of one host), hosts whose first version or first phase only
 * comes late, and rollout markers without a
 * host (some without a rollout id, whose owner changes once a second rollout appears).
 */
import { expect } from 'vitest';
import type { Level } from '../../src/model/event';
import type { FleetData } from '../../src/replay/fleet-builder';
import type { FleetModel } from '../../src/replay/fleet-model';
import { mayCarrySignal, type ReplayEvent } from '../../src/replay/rollout-signals';
import { Prng } from '../../src/sample/prng';
import { FIXTURE_ROLLOUT_GAP_MS, FIXTURE_START_MS, fixtureLines } from './rollout-fixture';

/** One event of the scenario, in the order it is appended (its id is its 1-based position). */
export interface ScenarioEvent {
  id: number;
  tsMs: number;
  host: string | null;
  service: string;
  level: Level;
  kind: string | null;
  message: string;
  attrs: Record<string, unknown>;
}

const MINUTE_MS = 60_000;
/** The host whose every event arrives in the last third. */
export const LATE_HOST = 'api-03';
/** The host whose events of the first half hour of the first rollout arrive near the end, after all its later ones. */
const DELAYED_HOST = 'storage-02';
const DELAYED_UNTIL_MS = FIXTURE_START_MS + 30 * MINUTE_MS;

function extraLines(): Omit<ScenarioEvent, 'id'>[] {
  const second = FIXTURE_START_MS + FIXTURE_ROLLOUT_GAP_MS;
  const at = (minutes: number, base = FIXTURE_START_MS) => base + minutes * MINUTE_MS;
  const line = (tsMs: number, host: string | null, kind: string | null, attrs: Record<string, unknown>, message = kind ?? 'chatter', level: Level = 'info') => ({
    tsMs, host, service: 'extra', level, kind, message, attrs,
  });
  const rollback = { rollout_id: 'os-rollout-2', from_version: 'image-3', to_version: 'image-2' };
  return [
    // A host known only by the version its events report: moves on, then back (a rollback without a controller).
    line(at(-30), 'app-01', null, { version: '1.0' }),
    line(at(20), 'app-01', null, { version: '1.0' }),
    line(at(50), 'app-01', null, { version: '1.1' }),
    line(at(70), 'app-01', null, { version: '1.1' }, 'slow', 'warn'),
    line(at(95), 'app-01', null, { version: '1.0' }),
    // A host that only chats at first, then reports a version, then is upgraded by the controller.
    line(at(-20), 'late-01', null, {}),
    line(at(10), 'late-01', null, {}, 'disk slow', 'warn'),
    line(at(40), 'late-01', null, { image: 'image-1' }),
    line(at(60), 'late-01', 'host.upgrade.started', { rollout_id: 'os-rollout-1', from_version: 'image-1', to_version: 'image-2', wave: 9 }),
    line(at(65), 'late-01', 'host.upgrade.completed', { rollout_id: 'os-rollout-1', from_version: 'image-1', to_version: 'image-2', wave: 9 }),
    // Rollout markers without a host.
    line(at(-1), null, 'rollout.started', {}, 'rollout started'),
    line(at(30), null, 'wave.started', { rollout_id: 'os-rollout-1' }, 'wave 1 started'),
    line(at(-1, second), null, 'rollout.started', { rollout_id: 'os-rollout-2' }, 'second rollout started'),
    line(at(100, second), null, 'rollout.paused', {}, 'rollout paused'),
    // storage-01 fails the second rollout and is rolled back.
    line(at(80, second), 'storage-01', 'host.upgrade.failed', { ...rollback, from_version: 'image-2', to_version: 'image-3', phase: 'failed' }, 'upgrade failed', 'error'),
    line(at(85, second), 'storage-01', 'host.rollback.started', { ...rollback, phase: 'reimage' }, 'rollback started', 'warn'),
    line(at(95, second), 'storage-01', 'host.rollback.completed', { ...rollback, phase: 'rolled_back' }, 'rolled back'),
  ];
}

/**
 * Every event of the scenario in append order: mostly in time order, but ~5% arrive a little later than
 * their time (after later events of the same host), {@link LATE_HOST}'s events arrive after two thirds,
 * and {@link DELAYED_HOST}'s first half hour after five sixths.
 */
export function scenarioEvents(seed: number): ScenarioEvent[] {
  const prng = new Prng(seed);
  const lines = [...fixtureLines({ seed, rollouts: 2, hostsPerGroup: 4, faultyRollouts: [1] }), ...extraLines()].sort((a, b) => a.tsMs - b.tsMs);
  const onTime: Omit<ScenarioEvent, 'id'>[] = [];
  const late: Omit<ScenarioEvent, 'id'>[] = [];
  const delayed: Omit<ScenarioEvent, 'id'>[] = [];
  const held: { line: Omit<ScenarioEvent, 'id'>; releaseAt: number }[] = [];
  lines.forEach((line, i) => {
    if (line.host === LATE_HOST) late.push(line);
    else if (line.host === DELAYED_HOST && line.tsMs < DELAYED_UNTIL_MS) delayed.push(line);
    else if (prng.chance(0.05)) held.push({ line, releaseAt: i + prng.int(5, 200) });
    else onTime.push(line);
    for (const h of held.filter((h) => h.releaseAt === i)) onTime.push(h.line);
  });
  const ordered = [...onTime, ...held.filter((h) => h.releaseAt >= lines.length).map((h) => h.line)];
  const [lateAt, delayedAt] = [Math.floor((ordered.length * 2) / 3), Math.floor((ordered.length * 5) / 6)];
  return [...ordered.slice(0, lateAt), ...late, ...ordered.slice(lateAt, delayedAt), ...delayed, ...ordered.slice(delayedAt)].map((line, i) => ({ ...line, id: i + 1 }));
}

/** The event as the rollout model reads it from the incident. */
export function replayEventOf(e: ScenarioEvent): ReplayEvent {
  return { id: e.id, tsMs: e.tsMs, host: e.host, level: e.level, kind: e.kind, message: e.message, attrs: mayCarrySignal(JSON.stringify(e.attrs)) ? e.attrs : null };
}

/** Every host timeline with its version and step numbers replaced by names (builders may number them differently). */
export function timelinesByName(data: FleetData) {
  const version = (index: number) => (index < 0 ? null : data.versions[index]);
  const step = (index: number) => (index < 0 ? null : data.steps[index]);
  return data.hosts.map((h) => ({
    ...h,
    initialVersion: version(h.initialVersion),
    changeVersion: Array.from(h.changeVersion, version),
    changeTarget: Array.from(h.changeTarget, version),
    changeStep: Array.from(h.changeStep, step),
  }));
}

/** Instants worth asking a model about: around every state change, warning and error, and every ten minutes. */
export function instantsOf(model: FleetModel): number[] {
  const times = new Set<number>();
  for (const h of model.data.hosts) for (const array of [h.changeTsMs, h.warnTsMs, h.errorTsMs]) for (const t of array) [t - 1, t, t + 1].forEach((x) => times.add(x));
  const all = [...times];
  const [first, last] = [Math.min(...all), Math.max(...all)];
  for (let t = first - 10 * MINUTE_MS; t <= last + 10 * MINUTE_MS; t += 10 * MINUTE_MS) times.add(t);
  return [...times].sort((a, b) => a - b);
}

/** Expects two models to give the same answers: hosts, rollouts, every host's timeline and the state at every instant of `expected`. */
export function expectSameFleet(actual: FleetModel, expected: FleetModel): void {
  expect(actual.hosts()).toEqual(expected.hosts());
  expect(actual.rollouts()).toEqual(expected.rollouts());
  expect(timelinesByName(actual.data)).toEqual(timelinesByName(expected.data));
  for (const tsMs of instantsOf(expected)) expect(actual.stateAt(tsMs), `state at ${tsMs}`).toEqual(expected.stateAt(tsMs));
}
