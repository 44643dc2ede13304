/** Event counts per lane, density band and time bucket: what the timeline draws. */
import { DENSITY_BANDS, densityBandOf, type DensityBand, type Level } from '../model/event';
import type { DensityLane, DensityResult, LaneBy } from '../model/timeline';
import type { IncidentDb } from './incident-db';

const LANE_COLUMN: Record<LaneBy, string> = { source: 'source_id', host: 'host', service: 'service' };

/**
 * Counts events in `bucketCount` equal buckets over [fromMs, toMs). Bucket width is rounded up to a
 * whole millisecond, so the last bucket may end after `toMs`. Source lanes include every source, even empty ones.
 */
export function queryDensity(incident: IncidentDb, fromMs: number, toMs: number, bucketCount: number, laneBy: LaneBy): DensityResult {
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / bucketCount));
  const column = LANE_COLUMN[laneBy];
  // NOTE: JS numbers bind as REAL; the CAST keeps bucket numbers integral so GROUP BY forms real buckets.
  const rows = incident.db
    .prepare(
      `SELECT ${column} AS lane, CAST((ts_ms - @fromMs) / @bucketMs AS INTEGER) AS bucket, level, COUNT(*) AS n
         FROM events WHERE ts_ms >= @fromMs AND ts_ms < @toMs
        GROUP BY lane, bucket, level`,
    )
    .raw()
    .all({ fromMs, toMs, bucketMs }) as [string | number | null, number, Level, number][];

  const lanes = new Map<string, DensityLane>();
  const laneFor = (key: string, label: string): DensityLane => {
    let lane = lanes.get(key);
    if (!lane) {
      const counts = Object.fromEntries(DENSITY_BANDS.map((band) => [band, new Array<number>(bucketCount).fill(0)])) as Record<DensityBand, number[]>;
      lane = { key, label, total: 0, counts };
      lanes.set(key, lane);
    }
    return lane;
  };
  if (laneBy === 'source') {
    const sources = incident.db.prepare('SELECT id, name FROM sources ORDER BY id').all() as { id: number; name: string }[];
    for (const s of sources) laneFor(String(s.id), s.name);
  }
  for (const [laneKey, bucket, level, n] of rows) {
    if (bucket < 0 || bucket >= bucketCount) continue;
    const key = laneKey === null ? '' : String(laneKey);
    const lane = laneFor(key, key === '' ? `(no ${laneBy})` : key);
    lane.counts[densityBandOf(level)][bucket]! += n;
    lane.total += n;
  }
  const ordered = [...lanes.values()];
  if (laneBy !== 'source') ordered.sort((a, b) => a.key.localeCompare(b.key));
  return { fromMs, bucketMs, bucketCount, lanes: ordered };
}
