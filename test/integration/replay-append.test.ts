/**
 * The rollout model of an incident that live follow appends to: fleetModelOf takes each append by
 * reading the new events alone, and the model (and what the file stores) stays exactly what a build
 * from every event gives, for read-write and read-only incidents, with grouping rules applied.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetBuilder } from '../../src/replay/fleet-builder';
import { FleetModel } from '../../src/replay/fleet-model';
import { IncidentDb } from '../../src/store/incident-db';
import { lodFingerprint } from '../../src/store/lod-build';
import { addGroupingRule, fleetModelOf, keepFleetBuilder, listGroupingRules } from '../../src/store/replay-cache';
import { SourceWriter } from '../../src/store/source-writer';
import { useTempDirs } from '../support/temp-dir';
import { expectSameFleet, LATE_HOST, replayEventOf, scenarioEvents, type ScenarioEvent } from '../support/fleet-scenario';

const newDir = useTempDirs();

function createIncident(): { incident: IncidentDb; writer: SourceWriter; path: string } {
  const path = join(newDir(), 'follow.hindsight');
  const incident = IncidentDb.open(path, { create: true, title: 'Follow' });
  const writer = SourceWriter.begin(incident, { name: 'fleet.jsonl', path: '/follow/fleet.jsonl', format: 'json-lines', sizeBytes: 0 });
  return { incident, writer, path };
}

/** Appends events as follow does: one batch, one transaction; ids must come out as the scenario numbers them. */
function append(incident: IncidentDb, writer: SourceWriter, events: readonly ScenarioEvent[]): void {
  writer.batch(() => {
    for (const e of events) {
      const event = { tsMs: e.tsMs, tsSubNs: 0, endMs: null, host: e.host, service: e.service, level: e.level, kind: e.kind, message: e.message, attrsJson: JSON.stringify(e.attrs) };
      writer.addEvent(event, e.id, e.message);
    }
  });
  expect(incident.db.prepare('SELECT MAX(id) FROM events').pluck().get()).toBe(events[events.length - 1]!.id);
}

/** The model a builder fed every event at once gives, with the incident's grouping rules. */
function builtFromScratch(incident: IncidentDb, events: readonly ScenarioEvent[]): FleetModel {
  const builder = new FleetBuilder();
  for (const e of events) builder.add(replayEventOf(e));
  return new FleetModel(builder.finish(), listGroupingRules(incident));
}

/** Checks that a fresh read-only open of the file gives `expected` (the model the file stores, or one built from it). */
function expectFileHolds(path: string, expected: FleetModel): void {
  const reopened = IncidentDb.open(path, { readOnly: true });
  try {
    expectSameFleet(fleetModelOf(reopened), expected);
  } finally {
    reopened.close();
  }
}

function storedFingerprint(incident: IncidentDb): string | undefined {
  return incident.db.prepare("SELECT built_for FROM derived_state WHERE name = 'replay'").pluck().get() as string | undefined;
}

const line = (id: number, host: string, attrs: Record<string, unknown>): ScenarioEvent => ({ id, tsMs: id * 1000, host, service: 'svc', level: 'info', kind: null, message: `line ${id}`, attrs });
/** Appended one by one from the first two, a builder numbers version b before a; built from all, a before b. */
const NUMBERING_EVENTS = [line(1, 'y-1', {}), line(2, 'x-1', { version: 'b' }), line(3, 'y-1', { version: 'a' }), line(4, 'z-1', {}), line(5, 'z-1', {})];

/** Batch sizes like live follow's polls (single lines, bursts), then the rest. */
const BATCH_SIZES = [1, 10, 3, 250, 1, 1, 40, 700, 10, 1200];

function* batchesOf(events: readonly ScenarioEvent[], from: number): Generator<[number, number]> {
  let start = from;
  for (let k = 0; start < events.length; k++) {
    const end = Math.min(events.length, start + BATCH_SIZES[k % BATCH_SIZES.length]!);
    yield [start, end];
    start = end;
  }
}

describe('fleetModelOf while events are appended', () => {
  it('takes every append to exactly the model a full build gives, and stores it for the next open', () => {
    const events = scenarioEvents(11);
    const { incident, writer, path } = createIncident();
    try {
      const first = Math.floor(events.length * 0.4);
      append(incident, writer, events.slice(0, first));
      let previous = fleetModelOf(incident);
      expectSameFleet(previous, builtFromScratch(incident, events.slice(0, first)));
      for (const [start, end] of batchesOf(events, first)) {
        const batch = events.slice(start, end);
        append(incident, writer, batch);
        const model = fleetModelOf(incident);
        expectSameFleet(model, builtFromScratch(incident, events.slice(0, end)));
        // NOTE: the hosts an append does not touch keep their timeline objects: proof the model was updated, not rebuilt.
        const touched = new Set(batch.flatMap((e) => [e.host, ...model.data.hosts.filter((h) => previous.data.hosts.every((p) => p !== h)).map((h) => h.host)]));
        const untouched = previous.data.hosts.filter((h) => !touched.has(h.host));
        if (batch.length <= 10) expect(untouched.length).toBeGreaterThan(0);
        for (const h of untouched) expect(model.data.hosts).toContain(h);
        expect(storedFingerprint(incident)).toBe(`v2:${lodFingerprint(incident)}`);
        previous = model;
      }
      expectFileHolds(path, builtFromScratch(incident, events));
    } finally {
      incident.close();
    }
  });

  it('keeps a builder for a model read from the file when following starts, so the first append is incremental too', async () => {
    const events = scenarioEvents(13);
    const { incident, writer, path } = createIncident();
    const first = Math.floor(events.length / 2);
    append(incident, writer, events.slice(0, first));
    fleetModelOf(incident);
    incident.close();
    const reopened = IncidentDb.open(path);
    try {
      const fromFile = fleetModelOf(reopened);
      await keepFleetBuilder(reopened);
      const kept = fleetModelOf(reopened);
      expectSameFleet(kept, fromFile);
      const resumed = SourceWriter.resume(reopened, writer.sourceId);
      const batch = events.slice(first, first + 1);
      append(reopened, resumed, batch);
      const model = fleetModelOf(reopened);
      expectSameFleet(model, builtFromScratch(reopened, events.slice(0, first + 1)));
      const untouched = kept.data.hosts.filter((h) => h.host !== batch[0]!.host);
      expect(untouched.length).toBeGreaterThan(0);
      for (const h of untouched) expect(model.data.hosts).toContain(h);
    } finally {
      reopened.close();
    }
  });

  it('updates a read-only incident in memory while another connection appends', () => {
    const events = scenarioEvents(12);
    const { incident, writer, path } = createIncident();
    const first = Math.floor(events.length / 3);
    append(incident, writer, events.slice(0, first));
    const reader = IncidentDb.open(path, { readOnly: true });
    try {
      let previous = fleetModelOf(reader);
      for (const [start, end] of batchesOf(events, first)) {
        append(incident, writer, events.slice(start, end));
        const model = fleetModelOf(reader);
        expectSameFleet(model, builtFromScratch(incident, events.slice(0, end)));
        if (end - start === 1) expect(model.data.hosts.filter((h) => previous.data.hosts.includes(h)).length).toBeGreaterThan(0);
        previous = model;
      }
      expect(storedFingerprint(incident)).toBeUndefined();
    } finally {
      reader.close();
      incident.close();
    }
  });

  it('keeps the stored model right when two connections store it in turn', () => {
    const events = scenarioEvents(15);
    const { incident, writer, path } = createIncident();
    const other = IncidentDb.open(path);
    try {
      const first = Math.floor(events.length / 4);
      append(incident, writer, events.slice(0, first));
      fleetModelOf(incident);
      for (const [k, [start, end]] of [...batchesOf(events, first)].entries()) {
        append(incident, writer, events.slice(start, end));
        const connections = k % 3 === 0 ? [other, incident] : k % 3 === 1 ? [incident] : [incident, other];
        for (const connection of connections) fleetModelOf(connection);
        expectFileHolds(path, builtFromScratch(incident, events.slice(0, end)));
      }
    } finally {
      other.close();
      incident.close();
    }
  });

  it('rewrites every stored row when another connection stored the model since (it may number versions differently)', () => {
    const events = NUMBERING_EVENTS;
    const { incident, writer, path } = createIncident();
    const other = IncidentDb.open(path);
    try {
      // Appended in steps, this connection numbers b before a; the other one, building from every event, a before b.
      let appended = 0;
      for (const [end, connection] of [[2, incident], [3, incident], [3, other], [4, other], [5, incident]] as const) {
        if (end > appended) append(incident, writer, events.slice(appended, end));
        appended = end;
        fleetModelOf(connection);
      }
      expectFileHolds(path, builtFromScratch(incident, events));
    } finally {
      other.close();
      incident.close();
    }
  });

  it('rewrites every stored row when another connection stored a model for the same events in between', () => {
    const { incident, writer, path } = createIncident();
    const other = IncidentDb.open(path);
    try {
      append(incident, writer, NUMBERING_EVENTS.slice(0, 2));
      fleetModelOf(incident);
      append(incident, writer, NUMBERING_EVENTS.slice(2, 3));
      fleetModelOf(incident);
      // As if the other connection had built before this one stored: it stores the same events, numbered its way.
      incident.db.prepare("DELETE FROM derived_state WHERE name = 'replay'").run();
      fleetModelOf(other);
      append(incident, writer, NUMBERING_EVENTS.slice(3, 4));
      fleetModelOf(incident);
      expectFileHolds(path, builtFromScratch(incident, NUMBERING_EVENTS.slice(0, 4)));
    } finally {
      other.close();
      incident.close();
    }
  });

  it('applies grouping rules to the hosts of later appends, new hosts too', () => {
    const events = scenarioEvents(13);
    const lateFrom = events.findIndex((e) => e.host === LATE_HOST);
    const { incident, writer } = createIncident();
    try {
      append(incident, writer, events.slice(0, lateFrom - 5));
      fleetModelOf(incident);
      addGroupingRule(incident, 'api-*', 'frontends');
      append(incident, writer, events.slice(lateFrom - 5, lateFrom + 5));
      const model = fleetModelOf(incident);
      expect(model.hosts().find((h) => h.host === LATE_HOST)).toMatchObject({ group: 'frontends', groupOrigin: 'rule' });
      expectSameFleet(model, builtFromScratch(incident, events.slice(0, lateFrom + 5)));
    } finally {
      incident.close();
    }
  });

  it('rebuilds from every event when events changed other than by an append', () => {
    const events = scenarioEvents(14);
    const { incident, writer } = createIncident();
    try {
      append(incident, writer, events);
      fleetModelOf(incident);
      const kept = events.length - 30;
      incident.db.prepare('DELETE FROM events WHERE id > ?').run(kept);
      incident.db.prepare('UPDATE sources SET event_count = ?').run(kept);
      expectSameFleet(fleetModelOf(incident), builtFromScratch(incident, events.slice(0, kept)));
    } finally {
      incident.close();
    }
  });

  it('leaves the stored model behind rather than rewrite a huge host on every append, and the next open rebuilds it', () => {
    // NOTE: 152,000 events (about 8 bytes each) make big-01's stored row larger than an append may rewrite (1 MiB).
    const chatter = Array.from({ length: 160_000 }, (_, i): ScenarioEvent => ({
      id: i + 1, tsMs: 1_000_000 + i * 1000, host: i % 20 === 0 ? 'web-01' : 'big-01', service: 'svc', level: 'info', kind: null, message: `line ${i}`, attrs: {},
    }));
    const more = (id: number, host: string): ScenarioEvent => ({ ...chatter[0]!, id, tsMs: 2_000_000_000 + id, host, message: `more ${id}` });
    const { incident, writer, path } = createIncident();
    try {
      append(incident, writer, chatter);
      fleetModelOf(incident);
      const storedBefore = storedFingerprint(incident);
      expect(storedBefore).toBe(`v2:${lodFingerprint(incident)}`);
      const events = [...chatter, more(160_001, 'big-01')];
      append(incident, writer, events.slice(-1));
      expectSameFleet(fleetModelOf(incident), builtFromScratch(incident, events));
      expect(storedFingerprint(incident)).toBe(storedBefore);
      events.push(more(160_002, 'web-01'));
      append(incident, writer, events.slice(-1));
      expectSameFleet(fleetModelOf(incident), builtFromScratch(incident, events));
      expect(storedFingerprint(incident)).toBe(storedBefore);
      expectFileHolds(path, builtFromScratch(incident, events));
    } finally {
      incident.close();
    }
  });
});
