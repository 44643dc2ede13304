/** A FleetBuilder kept across finishes (live follow) gives exactly what one builder fed every event at once gives. */
import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/model/event';
import { FleetBuilder, type FleetData } from '../../../src/replay/fleet-builder';
import { FleetModel } from '../../../src/replay/fleet-model';
import type { ReplayEvent } from '../../../src/replay/rollout-signals';
import { Prng } from '../../../src/sample/prng';
import { expectSameFleet, LATE_HOST, replayEventOf, scenarioEvents, timelinesByName } from '../../support/fleet-scenario';

function modelOfAll(events: readonly ReplayEvent[]): FleetModel {
  const builder = new FleetBuilder();
  for (const e of events) builder.add(e);
  return new FleetModel(builder.finish());
}

/** Cut points splitting `count` events into batches of 1 to `maxBatch` events. */
function batchEnds(count: number, maxBatch: number, prng: Prng): number[] {
  const ends: number[] = [];
  for (let end = 0; end < count; ) ends.push((end = Math.min(count, end + prng.int(1, maxBatch))));
  return ends;
}

function copyOf(data: FleetData) {
  return structuredClone({ ...data, hosts: timelinesByName(data) });
}

describe('FleetBuilder fed in batches', () => {
  for (const seed of [1, 2, 3]) {
    it(`matches a builder fed everything after every batch (seed ${seed})`, () => {
      const events = scenarioEvents(seed).map(replayEventOf);
      const prng = new Prng(seed);
      const builder = new FleetBuilder();
      let start = 0;
      const ends = batchEnds(events.length, 400, prng);
      for (const [k, end] of ends.entries()) {
        for (const e of events.slice(start, end)) builder.add(e);
        start = end;
        // NOTE: comparing after every batch would be slow; every 7th batch and the last cover early and late states.
        if (k % 7 === 0 || end === events.length) expectSameFleet(new FleetModel(builder.finish()), modelOfAll(events.slice(0, end)));
      }
    });
  }

  it('sees the late host, events older than their host\'s newest, the rollback and both rollouts in the scenario', () => {
    const events = scenarioEvents(1);
    const lateFrom = events.findIndex((e) => e.host === LATE_HOST);
    expect(events.slice(lateFrom + 1).some((e) => e.host !== LATE_HOST)).toBe(true);
    const newestOf = new Map<string, number>();
    const olderArrivals = events.filter((e) => {
      const host = e.host ?? '';
      const isOlder = e.tsMs < (newestOf.get(host) ?? -Infinity);
      newestOf.set(host, Math.max(e.tsMs, newestOf.get(host) ?? -Infinity));
      return isOlder;
    });
    expect(olderArrivals.length).toBeGreaterThan(10);
    const model = modelOfAll(events.map(replayEventOf));
    expect(model.rollouts().map((r) => r.id)).toEqual(['os-rollout-1', 'os-rollout-2']);
    expect(model.rollouts()[1]!.phaseCounts.rolled_back).toBe(1);
    expect(model.hosts().find((h) => h.host === 'app-01')?.versions).toEqual(['1.0', '1.1']);
  });

  it('keeps one event per batch exact, including the first and the last', () => {
    const events = scenarioEvents(4).map(replayEventOf).slice(0, 600);
    const builder = new FleetBuilder();
    events.forEach((e, i) => {
      builder.add(e);
      const data = builder.finish();
      if (i < 40 || i % 50 === 0 || i === events.length - 1) expectSameFleet(new FleetModel(data), modelOfAll(events.slice(0, i + 1)));
    });
  });

  it('leaves models it finished earlier as they were', () => {
    const events = scenarioEvents(5).map(replayEventOf);
    const builder = new FleetBuilder();
    const half = Math.floor(events.length / 2);
    for (const e of events.slice(0, half)) builder.add(e);
    const early = builder.finish();
    const snapshot = copyOf(early);
    expect(copyOf(builder.finish())).toEqual(snapshot);
    for (const e of events.slice(half)) builder.add(e);
    builder.finish();
    expect(copyOf(early)).toEqual(snapshot);
  });
});

describe('FleetBuilder folding signals that arrive later', () => {
  let nextId = 1;
  const ev = (tsMs: number, host: string | null, kind: string | null, attrs: Record<string, unknown> | null, level: Level = 'info', message = ''): ReplayEvent => ({
    id: nextId++, tsMs, host, level, kind, message, attrs,
  });
  const controller = (tsMs: number, host: string, kind: string, extra: Record<string, unknown> = {}) =>
    ev(tsMs, host, kind, { rollout_id: 'r1', from_version: 'v1', to_version: 'v2', ...extra });

  /** Feeds `batches` one finish at a time and expects the same model as all of them at once after each. */
  function expectSameAfterEachBatch(batches: ReplayEvent[][]): void {
    const builder = new FleetBuilder();
    const seen: ReplayEvent[] = [];
    for (const batch of batches) {
      for (const e of batch) builder.add(e);
      seen.push(...batch);
      expectSameFleet(new FleetModel(builder.finish()), modelOfAll(seen));
    }
  }

  it('redoes a host whose first version arrives after events without one', () => {
    expectSameAfterEachBatch([[ev(100, 'web-1', null, null)], [ev(200, 'web-1', null, { version: 'v1' })], [ev(300, 'web-1', null, { version: 'v2' })]]);
  });

  it('redoes a host whose first version comes from a from_version after phases without versions', () => {
    expectSameAfterEachBatch([
      [ev(100, 'web-1', 'host.drain.started', { rollout_id: 'r1' })],
      [ev(200, 'web-1', 'host.reimage.started', { rollout_id: 'r1', from_version: 'v1', to_version: 'v2' })],
      [controller(300, 'web-1', 'host.upgrade.completed')],
    ]);
  });

  it('redoes a version-only host once a phase signal arrives, and once its version changes', () => {
    expectSameAfterEachBatch([
      [ev(100, 'web-1', null, { version: 'v1' }), ev(150, 'web-1', null, { version: 'v1' })],
      [ev(200, 'web-1', null, { version: 'v1' })],
      [ev(300, 'web-1', null, { version: 'v2' })],
      [ev(400, 'web-1', null, { version: 'v1' })],
      [controller(500, 'web-1', 'host.upgrade.started')],
      [controller(600, 'web-1', 'host.upgrade.completed')],
    ]);
  });

  it('redoes a host when a signal arrives before the ones it already folded', () => {
    expectSameAfterEachBatch([
      [controller(1000, 'web-1', 'host.upgrade.started', { wave: 1 }), controller(3000, 'web-1', 'host.upgrade.completed', { wave: 1 })],
      [controller(2000, 'web-1', 'host.reimage.started', { wave: 1, os_image: 'v2' }), ev(500, 'web-1', null, null, 'error', 'boom')],
      [controller(3000, 'web-1', 'host.bootstrap.failed', { wave: 1 }), ev(3000, 'web-1', null, null, 'warn', 'same time')],
    ]);
  });

  it('gives markers without a rollout id to the only rollout, and to none once a second appears', () => {
    const builder = new FleetBuilder();
    for (const e of [ev(50, null, 'rollout.started', null), controller(100, 'web-1', 'host.upgrade.started')]) builder.add(e);
    expect(builder.finish().rollouts.map((r) => r.markers.length)).toEqual([1]);
    expect(builder.finish().rollouts.map((r) => r.markers.length)).toEqual([1]);
    builder.add(ev(5000, 'web-2', 'host.upgrade.started', { rollout_id: 'r2', from_version: 'v2', to_version: 'v3' }));
    expect(builder.finish().rollouts.map((r) => r.markers.length)).toEqual([0, 0]);
  });
});
