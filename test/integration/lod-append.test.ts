/**
 * Timeline density after live-follow appends: the level-of-detail counts take the new events (new lanes,
 * earlier times, new time ranges) without a rebuild, and every answer equals raw rows and a full rebuild
 * from every event, for every lane kind, lane window and zoom; clock corrections still rebuild, and
 * read-only incidents answer without writing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/model/event';
import type { DensityLaneBy } from '../../src/model/timeline';
import { Prng } from '../../src/sample/prng';
import { queryDensity, queryDensityRaw } from '../../src/store/density-query';
import { IncidentDb } from '../../src/store/incident-db';
import { buildLod, lodFingerprint, storedLodFingerprint } from '../../src/store/lod-build';
import { setClockOffset } from '../../src/store/source-progress';
import { SourceWriter } from '../../src/store/source-writer';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const HOUR_MS = 3_600_000;
const BASE_MS = Date.UTC(2026, 10, 10, 11, 0, 0);
const SPAN_MS = 6 * HOUR_MS;
const LANE_KINDS: DensityLaneBy[] = ['source', 'host', 'service', 'group'];

interface Batch {
  /** An existing source to append to, or the name of a new one. */
  source: number | string;
  count: number;
  fromMs: number;
  toMs: number;
  hosts: readonly (string | null)[];
  services?: readonly string[];
}

/** Writes a batch of seeded events (half of them in the first minute of the range, so cells repeat); returns the source id. */
function append(incident: IncidentDb, prng: Prng, batch: Batch): number {
  const writer =
    typeof batch.source === 'number'
      ? SourceWriter.resume(incident, batch.source)
      : SourceWriter.begin(incident, { name: batch.source, path: `/logs/${batch.source}`, format: 'json-lines', sizeBytes: 0 });
  writer.batch(() => {
    for (let i = 0; i < batch.count; i++) {
      const tsMs = prng.chance(0.5) ? prng.int(batch.fromMs, Math.min(batch.toMs, batch.fromMs + 60_000)) : prng.int(batch.fromMs, batch.toMs);
      const event = { tsMs, tsSubNs: 0, endMs: null, host: prng.pick(batch.hosts), service: prng.pick(batch.services ?? ['api', 'cron', 'kernel']), level: prng.pick(LEVELS), kind: null, message: 'm', attrsJson: '{}' };
      writer.addEvent(event, writer.events + 1, 'm');
    }
  });
  writer.finish(`hash-${writer.sourceId}-${writer.events}`, writer.events);
  return writer.sourceId;
}

const oldHosts = Array.from({ length: 30 }, (_, i) => `web-${i + 1}`);

/** A viewport anywhere from well before the first event to a day after the last, at any zoom from 10 ms to two days. */
function randomViewport(prng: Prng): { fromMs: number; toMs: number; bucketCount: number } {
  const spanMs = Math.max(10, Math.round(Math.exp(prng.next() * Math.log(48 * HOUR_MS))));
  const fromMs = BASE_MS - 4 * HOUR_MS + Math.round(prng.next() * (SPAN_MS + 30 * HOUR_MS));
  return { fromMs, toMs: fromMs + spanMs, bucketCount: prng.int(1, 1500) };
}

/** Density answers for the views: whole and through a lane window of some keys (new lanes included). */
function answers(incident: IncidentDb, views: ReturnType<typeof randomViewport>[], windows: Record<DensityLaneBy, string[]>): unknown[] {
  return views.flatMap((view) =>
    LANE_KINDS.flatMap((laneBy) => [
      queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, laneBy),
      queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, laneBy, undefined, windows[laneBy]),
    ]),
  );
}

/** Checks answers against raw rows (exact counts per bucket) for the views. */
function expectRawCounts(incident: IncidentDb, views: ReturnType<typeof randomViewport>[], windows: Record<DensityLaneBy, string[]>): void {
  for (const view of views) {
    for (const laneBy of LANE_KINDS) {
      for (const keys of [undefined, windows[laneBy]]) {
        const answer = queryDensity(incident, view.fromMs, view.toMs, view.bucketCount, laneBy, undefined, keys);
        expect(answer).toEqual(queryDensityRaw(incident, answer.fromMs, answer.bucketMs, answer.bucketCount, laneBy, undefined, keys));
      }
    }
  }
}

/** The same answers from a copy of the incident whose LOD is rebuilt from every event. */
function fullRebuildAnswers(incident: IncidentDb, views: ReturnType<typeof randomViewport>[], windows: Record<DensityLaneBy, string[]>): unknown[] {
  const path = join(tempDir(), 'rebuilt.hindsight');
  incident.db.prepare('VACUUM INTO ?').run(path);
  const copy = IncidentDb.open(path);
  try {
    copy.db.exec("DELETE FROM derived_state WHERE name = 'lod'");
    return answers(copy, views, windows);
  } finally {
    copy.close();
  }
}

const windows: Record<DensityLaneBy, string[]> = {
  source: ['1', '3', '4'],
  host: ['web-3', 'edge-1', 'edge-7', '', 'web-30', 'not-a-host'],
  service: ['api', 'late', 'not-a-service'],
  group: ['edge', 'web', '(no group)'],
};

describe('timeline.density after appended events', () => {
  it('counts appends in new lanes, earlier times and new time ranges exactly, without rebuilding the stored counts', () => {
    const incident = IncidentDb.open(join(tempDir(), 'follow.hindsight'), { create: true });
    const prng = new Prng(8);
    const first = append(incident, prng, { source: 'a.jsonl', count: 20_000, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: [...oldHosts, null] });
    const second = append(incident, prng, { source: 'b.jsonl', count: 5_000, fromMs: BASE_MS + HOUR_MS, toMs: BASE_MS + 2 * HOUR_MS, hosts: oldHosts });
    const views = Array.from({ length: 25 }, () => randomViewport(prng));
    expectRawCounts(incident, views, windows);
    const storedFor = storedLodFingerprint(incident);
    expect(storedFor).toBe(lodFingerprint(incident));
    const batches: Batch[] = [
      { source: first, count: 10, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: ['edge-1', 'web-3'] },
      { source: 'c.jsonl', count: 300, fromMs: BASE_MS - 3 * HOUR_MS, toMs: BASE_MS, hosts: ['edge-1', 'edge-7', 'web-30', null] },
      { source: second, count: 60, fromMs: BASE_MS + SPAN_MS + 20 * HOUR_MS, toMs: BASE_MS + SPAN_MS + 21 * HOUR_MS, hosts: ['edge-9', 'web-1'], services: ['late'] },
      { source: first, count: 1, fromMs: BASE_MS + 30_000, toMs: BASE_MS + 30_000, hosts: ['web-3'] },
      { source: 'd.jsonl', count: 2_000, fromMs: BASE_MS - HOUR_MS, toMs: BASE_MS + SPAN_MS + 22 * HOUR_MS, hosts: [...oldHosts.slice(0, 5), 'edge-2', null], services: ['api', 'late'] },
    ];
    for (const batch of batches) {
      append(incident, prng, batch);
      const roundViews = [...views.slice(0, 10), ...Array.from({ length: 10 }, () => randomViewport(prng))];
      expectRawCounts(incident, roundViews, windows);
      expect(answers(incident, roundViews, windows)).toEqual(fullRebuildAnswers(incident, roundViews, windows));
      // Nothing was rebuilt and stored: the appended events were counted on their own.
      expect(storedLodFingerprint(incident)).toBe(storedFor);
    }
    incident.close();
  });

  it('folds a large tail into the stored counts, array for array as a rebuild stores them', () => {
    const path = join(tempDir(), 'fold.hindsight');
    const incident = IncidentDb.open(path, { create: true });
    const prng = new Prng(21);
    const source = append(incident, prng, { source: 'a.jsonl', count: 8_000, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: oldHosts });
    queryDensity(incident, BASE_MS, BASE_MS + SPAN_MS, 500, 'host');
    const storedFor = storedLodFingerprint(incident);
    append(incident, prng, { source, count: 1_000, fromMs: BASE_MS - HOUR_MS, toMs: BASE_MS + SPAN_MS, hosts: ['edge-1', ...oldHosts] });
    queryDensity(incident, BASE_MS, BASE_MS + SPAN_MS, 500, 'host');
    expect(storedLodFingerprint(incident)).toBe(storedFor);
    append(incident, prng, { source: 'b.jsonl', count: 2_000, fromMs: BASE_MS + SPAN_MS, toMs: BASE_MS + 2 * SPAN_MS, hosts: ['edge-2', 'web-1'] });
    const views = Array.from({ length: 20 }, () => randomViewport(prng));
    expectRawCounts(incident, views, windows);
    expect(storedLodFingerprint(incident)).toBe(lodFingerprint(incident));
    const storedRows = (db: IncidentDb): unknown[] => db.db.prepare('SELECT * FROM lod_levels ORDER BY lane_by, level_exp').all();
    const folded = storedRows(incident);
    incident.db.exec("DELETE FROM derived_state WHERE name = 'lod'");
    buildLod(incident);
    expect(folded).toEqual(storedRows(incident));
    incident.close();
  });

  it('rebuilds from every event when a clock correction changes where events fall, appended ones included', () => {
    const incident = IncidentDb.open(join(tempDir(), 'clock.hindsight'), { create: true });
    const prng = new Prng(34);
    const shifted = append(incident, prng, { source: 'a.jsonl', count: 6_000, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: oldHosts });
    append(incident, prng, { source: 'b.jsonl', count: 3_000, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: oldHosts });
    const views = Array.from({ length: 15 }, () => randomViewport(prng));
    queryDensity(incident, BASE_MS, BASE_MS + SPAN_MS, 500, 'source');
    append(incident, prng, { source: shifted, count: 40, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: ['edge-1'] });
    const unshifted = answers(incident, views, windows);
    expect(unshifted).toEqual(fullRebuildAnswers(incident, views, windows));
    setClockOffset(incident, shifted, 30 * 60_000 + 123);
    const shiftedAnswers = answers(incident, views, windows);
    expect(shiftedAnswers).not.toEqual(unshifted);
    expect(shiftedAnswers).toEqual(fullRebuildAnswers(incident, views, windows));
    // Raw rows (filtered and zoomed-in views) place corrected events where the counts do.
    expectRawCounts(incident, views, windows);
    expect(storedLodFingerprint(incident)).toBe(lodFingerprint(incident));
    append(incident, prng, { source: shifted, count: 25, fromMs: BASE_MS - HOUR_MS, toMs: BASE_MS + SPAN_MS, hosts: ['edge-3', 'web-2'] });
    expect(answers(incident, views, windows)).toEqual(fullRebuildAnswers(incident, views, windows));
    incident.close();
  });

  it('answers appended events on a read-only incident, merging a large tail in memory without writing', () => {
    const path = join(tempDir(), 'read-only.hindsight');
    const writable = IncidentDb.open(path, { create: true });
    const prng = new Prng(55);
    const source = append(writable, prng, { source: 'a.jsonl', count: 6_000, fromMs: BASE_MS, toMs: BASE_MS + SPAN_MS, hosts: [...oldHosts, null] });
    queryDensity(writable, BASE_MS, BASE_MS + SPAN_MS, 500, 'source');
    const storedFor = storedLodFingerprint(writable);
    append(writable, prng, { source, count: 100, fromMs: BASE_MS - HOUR_MS, toMs: BASE_MS + SPAN_MS, hosts: ['edge-1'] });
    const readOnly = IncidentDb.open(path, { readOnly: true });
    const views = Array.from({ length: 15 }, () => randomViewport(prng));
    expectRawCounts(readOnly, views, windows);
    for (const count of [10, 2_000]) {
      append(writable, prng, { source: 'b.jsonl' + count, count, fromMs: BASE_MS + SPAN_MS, toMs: BASE_MS + SPAN_MS + HOUR_MS, hosts: ['edge-2', 'web-4'], services: ['late'] });
      expectRawCounts(readOnly, views, windows);
      expect(answers(readOnly, views, windows)).toEqual(fullRebuildAnswers(writable, views, windows));
      expect(storedLodFingerprint(readOnly)).toBe(storedFor);
    }
    readOnly.close();
    writable.close();
  });
});
