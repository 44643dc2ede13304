import { describe, expect, it } from 'vitest';
import type { IncidentInfo } from '../../../src/model/incident';
import { createHindsightStore } from '../../../renderer/state/store';

const incident: IncidentInfo = {
  path: '/tmp/a.hindsight',
  title: 'A',
  schemaVersion: 1,
  eventCount: 10,
  unparsedCount: 0,
  sourceCount: 1,
  firstTsMs: 1_000_000,
  lastTsMs: 4_600_000,
  isReadOnly: false,
};

describe('store', () => {
  it('opens an incident at its start with the whole incident in view', () => {
    const store = createHindsightStore();
    store.getState().setIncident(incident);
    const state = store.getState();
    expect(state.playheadMs).toBe(1_000_000);
    expect(state.viewport.fromMs).toBeLessThan(1_000_000);
    expect(state.viewport.toMs).toBeGreaterThan(4_600_000);
  });

  it('plays at the chosen speed and stops at the end', () => {
    const store = createHindsightStore();
    store.getState().setIncident(incident);
    store.getState().setSpeed(60);
    store.getState().setPlaying(true);
    store.getState().advance(1000);
    expect(store.getState().playheadMs).toBe(1_060_000);
    store.getState().advance(1_000_000);
    expect(store.getState().playheadMs).toBe(4_600_000);
    expect(store.getState().isPlaying).toBe(false);
  });

  it('clamps the playhead to the incident and forgets the step cursor when moved freely', () => {
    const store = createHindsightStore();
    store.getState().setIncident(incident);
    store.getState().stepTo(2_000_000, 42);
    expect(store.getState().cursorEventId).toBe(42);
    store.getState().setPlayhead(-5);
    expect(store.getState().playheadMs).toBe(1_000_000);
    expect(store.getState().cursorEventId).toBe(0);
  });

  it('pages the viewport to keep the playhead in view', () => {
    const store = createHindsightStore();
    store.getState().setIncident(incident);
    store.getState().setViewport({ fromMs: 1_000_000, toMs: 1_100_000 });
    store.getState().setPlayhead(3_000_000);
    const { viewport } = store.getState();
    expect(viewport.fromMs).toBeLessThanOrEqual(3_000_000);
    expect(viewport.toMs).toBeGreaterThanOrEqual(3_000_000);
  });

  it('keeps the growing end of a followed incident in view, unless the view is on an earlier stretch', () => {
    const store = createHindsightStore();
    store.getState().setIncident(incident);
    store.getState().setIncident({ ...incident, eventCount: 20, lastTsMs: 5_600_000 });
    expect(store.getState().viewport.fromMs).toBeLessThan(1_000_000);
    expect(store.getState().viewport.toMs).toBeGreaterThan(5_600_000);

    store.getState().setViewport({ fromMs: 5_000_000, toMs: 5_700_000 });
    store.getState().setIncident({ ...incident, eventCount: 30, lastTsMs: 5_900_000 });
    expect(store.getState().viewport).toEqual({ fromMs: 5_300_000, toMs: 6_000_000 });

    store.getState().setViewport({ fromMs: 2_000_000, toMs: 2_500_000 });
    store.getState().setIncident({ ...incident, eventCount: 40, lastTsMs: 6_500_000 });
    expect(store.getState().viewport).toEqual({ fromMs: 2_000_000, toMs: 2_500_000 });
  });

  it('gives every test a fresh store', () => {
    const a = createHindsightStore();
    const b = createHindsightStore();
    a.getState().setSpeed(3600);
    expect(b.getState().speed).toBe(60);
  });
});

describe('store after a first import', () => {
  it('fits the viewport once an empty incident gains its first events', () => {
    const store = createHindsightStore();
    store.getState().setIncident({ ...incident, eventCount: 0, firstTsMs: null, lastTsMs: null });
    store.getState().setIncident(incident);
    const { viewport, playheadMs } = store.getState();
    expect(playheadMs).toBe(1_000_000);
    expect(viewport.fromMs).toBeLessThan(1_000_000);
    expect(viewport.toMs).toBeGreaterThan(4_600_000);
  });
});
