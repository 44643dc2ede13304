/** Level-of-detail density answers are exact against raw rows, for random viewports at every zoom. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/model/event';
import { Prng } from '../../src/sample/prng';
import { queryDensity, queryDensityRaw } from '../../src/store/density-query';
import { IncidentDb } from '../../src/store/incident-db';
import { storedLodFingerprint } from '../../src/store/lod-build';
import { fleetModelOf } from '../../src/store/replay-cache';
import { SourceWriter } from '../../src/store/source-writer';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * 3_600_000;

/** Writes `count` events with seeded times (bursty: half in a few dense minutes), hosts, services and levels. */
function writeEvents(incident: IncidentDb, prng: Prng, count: number, name: string, hostCount = 40): void {
  const writer = SourceWriter.begin(incident, { name, path: `/bench/${name}`, format: 'json-lines', sizeBytes: 0 });
  writer.batch(() => {
    for (let i = 0; i < count; i++) {
      const tsMs = prng.chance(0.5) ? BASE_MS + prng.int(0, SPAN_MS) : BASE_MS + 3_600_000 + prng.int(0, 180_000);
      const host = prng.chance(0.05) ? null : `host-${prng.int(1, hostCount)}`;
      writer.addEvent(
        { tsMs, tsSubNs: 0, endMs: null, host, service: prng.pick(['api', 'cron', 'rsync', 'kernel']), level: prng.pick(LEVELS), kind: null, message: 'm', attrsJson: '{}' },
        i + 1,
        'm',
      );
    }
  });
  writer.finish('hash-' + name, count);
}

function randomViewport(prng: Prng): { fromMs: number; toMs: number; bucketCount: number } {
  const spanMs = Math.max(1, Math.round(Math.exp(prng.next() * Math.log(SPAN_MS * 1.5))));
  const fromMs = BASE_MS - SPAN_MS * 0.2 + Math.round(prng.next() * SPAN_MS * 1.2);
  return { fromMs, toMs: fromMs + spanMs, bucketCount: prng.int(1, 2000) };
}

describe('timeline.density from the LOD table', () => {
  it('answers a lane window exactly as the whole answer holds those lanes, and still counts every lane', () => {
    const incident = IncidentDb.open(join(tempDir(), 'window.hindsight'), { create: true });
    const prng = new Prng(5);
    writeEvents(incident, prng, 30_000, 'a.jsonl', 120);
    writeEvents(incident, prng, 10_000, 'b.jsonl', 120);
    for (let i = 0; i < 80; i++) {
      const view = randomViewport(prng);
      for (const laneBy of ['source', 'host', 'service'] as const) {
        const whole = queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, laneBy);
        const keys = whole.lanes.filter(() => prng.chance(0.3)).map((lane) => lane.key);
        const asked = [...keys, laneBy === 'source' ? '999' : 'not-a-lane'].reverse();
        const answer = queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, laneBy, undefined, asked);
        expect(answer.laneCount).toBe(whole.lanes.length);
        expect(answer.lanes.filter((lane) => lane.total > 0)).toEqual(whole.lanes.filter((lane) => keys.includes(lane.key) && lane.total > 0));
        if (laneBy !== 'source') expect(answer.lanes.map((lane) => lane.key).sort()).toEqual([...asked].sort());
        expect(answer).toEqual(queryDensityRaw(incident, answer.fromMs, answer.bucketMs, answer.bucketCount, laneBy, undefined, asked));
      }
    }
    incident.close();
  });

  it('sums host lanes by the rollout model’s groups, exactly against raw rows, whole or windowed', () => {
    const incident = IncidentDb.open(join(tempDir(), 'groups.hindsight'), { create: true });
    const prng = new Prng(11);
    writeEvents(incident, prng, 20_000, 'a.jsonl', 60);
    const groupOf = new Map(fleetModelOf(incident).hosts().map((h) => [h.host, h.group]));
    for (let i = 0; i < 60; i++) {
      const view = randomViewport(prng);
      const answer = queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, 'group');
      const hosts = queryDensityRaw(incident, answer.fromMs, answer.bucketMs, answer.bucketCount, 'host');
      const expected = new Map<string, { total: number; other: number[] }>();
      for (const host of hosts.lanes) {
        const group = groupOf.get(host.key) ?? '(no group)';
        const sum = expected.get(group) ?? { total: 0, other: new Array<number>(answer.bucketCount).fill(0) };
        sum.total += host.total;
        host.counts.other.forEach((n, b) => (sum.other[b]! += n));
        expected.set(group, sum);
      }
      expect(new Map(answer.lanes.map((lane) => [lane.key, { total: lane.total, other: lane.counts.other }]))).toEqual(expected);
      expect(answer.laneCount).toBe(expected.size);
      expect(answer).toEqual(queryDensityRaw(incident, answer.fromMs, answer.bucketMs, answer.bucketCount, 'group'));
      const first = answer.lanes[0];
      if (first !== undefined) expect(queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, 'group', undefined, [first.key]).lanes).toEqual([first]);
    }
    incident.close();
  });

  it('matches a raw GROUP BY bucket for bucket on random viewports, for every lane kind', () => {
    const incident = IncidentDb.open(join(tempDir(), 'lod.hindsight'), { create: true });
    const prng = new Prng(42);
    writeEvents(incident, prng, 30_000, 'a.jsonl');
    writeEvents(incident, prng, 20_000, 'b.jsonl');
    for (let i = 0; i < 150; i++) {
      const view = randomViewport(prng);
      for (const laneBy of ['source', 'host', 'service'] as const) {
        const answer = queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, laneBy);
        expect(answer.fromMs).toBeLessThanOrEqual(view.fromMs);
        expect(answer.fromMs + answer.bucketMs * answer.bucketCount).toBeGreaterThanOrEqual(view.toMs);
        expect(answer).toEqual(queryDensityRaw(incident, answer.fromMs, answer.bucketMs, answer.bucketCount, laneBy));
      }
    }
    incident.close();
  });

  it('gives about the buckets asked for when zoomed out, and counts every event once', () => {
    const incident = IncidentDb.open(join(tempDir(), 'whole.hindsight'), { create: true });
    writeEvents(incident, new Prng(7), 10_000, 'a.jsonl');
    const answer = queryDensity(incident, BASE_MS, BASE_MS + SPAN_MS, 800, 'source');
    expect(answer.bucketCount).toBeGreaterThanOrEqual(800 * 0.94);
    expect(answer.bucketCount).toBeLessThanOrEqual(801);
    expect(answer.lanes.reduce((n, lane) => n + lane.total, 0)).toBe(10_000);
    incident.close();
  });

  it('counts hundreds of host lanes exactly, from a read-only incident too', () => {
    const path = join(tempDir(), 'hosts.hindsight');
    const incident = IncidentDb.open(path, { create: true });
    const prng = new Prng(300);
    writeEvents(incident, prng, 40_000, 'fleet.jsonl', 400);
    const views = Array.from({ length: 60 }, () => randomViewport(prng));
    const answers = views.map((view) => queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, 'host'));
    incident.close();
    const readOnly = IncidentDb.open(path, { readOnly: true });
    views.forEach((view, i) => {
      const answer = queryDensity(readOnly, view.fromMs, view.toMs, view.bucketCount, 'host');
      expect(answer).toEqual(answers[i]);
      expect(answer).toEqual(queryDensityRaw(readOnly, answer.fromMs, answer.bucketMs, answer.bucketCount, 'host'));
    });
    const whole = queryDensity(readOnly, BASE_MS, BASE_MS + SPAN_MS, 1000, 'host');
    expect(whole.lanes.length).toBeGreaterThan(350);
    expect(whole.lanes.reduce((n, lane) => n + lane.total, 0)).toBe(40_000);
    readOnly.close();
  });

  it('answers from a read-only incident whose stored counts are stale, counting every event', () => {
    const path = join(tempDir(), 'stale.hindsight');
    const incident = IncidentDb.open(path, { create: true });
    const prng = new Prng(5);
    writeEvents(incident, prng, 3_000, 'a.jsonl');
    queryDensity(incident, BASE_MS, BASE_MS + SPAN_MS, 100, 'source');
    writeEvents(incident, prng, 1_000, 'b.jsonl');
    incident.close();
    const readOnly = IncidentDb.open(path, { readOnly: true });
    const view = { fromMs: BASE_MS - 60_000, toMs: BASE_MS + SPAN_MS + 60_000 };
    for (const laneBy of ['source', 'host', 'service'] as const) {
      const answer = queryDensity(readOnly, view.fromMs, view.toMs, 700, laneBy);
      expect(answer.lanes.reduce((n, lane) => n + lane.total, 0)).toBe(4_000);
      expect(answer).toEqual(queryDensityRaw(readOnly, answer.fromMs, answer.bucketMs, answer.bucketCount, laneBy));
    }
    readOnly.close();
  });

  it('rebuilds when an import adds events, so new events are counted', () => {
    const incident = IncidentDb.open(join(tempDir(), 'grow.hindsight'), { create: true });
    const prng = new Prng(3);
    writeEvents(incident, prng, 5_000, 'a.jsonl');
    const total = () => queryDensity(incident, BASE_MS - 60_000, BASE_MS + SPAN_MS + 60_000, 500, 'host').lanes.reduce((n, l) => n + l.total, 0);
    expect(total()).toBe(5_000);
    const first = storedLodFingerprint(incident);
    writeEvents(incident, prng, 2_000, 'b.jsonl');
    expect(total()).toBe(7_000);
    expect(storedLodFingerprint(incident)).not.toBe(first);
    incident.close();
  });
});
