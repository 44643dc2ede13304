/**
 * Bursts: per lane (a group of hosts, a source, a service), minutes whose warnings and errors are far above that lane's own recent
 * baseline. The baseline is robust (median and MAD of the trailing window), so a burst does not raise
 * its own bar; consecutive burst minutes merge into one episode.
 */
import type { DetectorInput } from './host-tracks';
import { groupLanes, hostsIn, laneLabel, minuteSeries, type ProblemLane, type ProblemLaneKind } from './problem-lanes';
import type { RawFinding } from './detect-new-patterns';
import { median, scaledMad } from './robust-stats';
import { clock, count, duration, nameList, plural } from './wording';

/** Settings of the detector. */
export interface BurstOptions {
  /** Width of the trailing baseline, in minutes. */
  baselineMinutes: number;
  /** Minutes of history needed before a minute can be a burst. */
  minHistoryMinutes: number;
  /** A burst minute is above median + k × MAD … */
  madFactor: number;
  /** … and at least this many times the median (or 1) … */
  minRatio: number;
  /** … and has at least this many events. */
  minCount: number;
}

/** Defaults: 30-minute baseline, 6 MADs, 4×, at least 8 events in the minute. */
export const DEFAULT_BURST_OPTIONS: BurstOptions = { baselineMinutes: 30, minHistoryMinutes: 10, madFactor: 6, minRatio: 4, minCount: 8 };

const MINUTE_MS = 60_000;

/** A run of burst minutes in one series. */
export interface BurstEpisode {
  fromMinute: number;
  toMinute: number;
  peakCount: number;
  total: number;
  baseline: number;
}

/** Burst episodes in a per-minute series (index 0 is the first minute). */
export function burstEpisodes(counts: ArrayLike<number>, options: BurstOptions = DEFAULT_BURST_OPTIONS): BurstEpisode[] {
  const episodes: BurstEpisode[] = [];
  let open: BurstEpisode | null = null;
  for (let t = options.minHistoryMinutes; t < counts.length; t++) {
    const c = counts[t]!;
    let isBurst = false;
    let base = 0;
    if (c >= options.minCount) {
      const window = Array.prototype.slice.call(counts, Math.max(0, t - options.baselineMinutes), t) as number[];
      base = median(window);
      const mad = scaledMad(window, base);
      isBurst = c > base + options.madFactor * Math.max(mad, 1) && c >= options.minRatio * Math.max(base, 1);
    }
    if (isBurst) {
      if (open !== null && t - open.toMinute <= 2) {
        open.toMinute = t;
        open.peakCount = Math.max(open.peakCount, c);
        open.total += c;
      } else {
        open = { fromMinute: t, toMinute: t, peakCount: c, total: c, baseline: base };
        episodes.push(open);
      }
    }
  }
  return episodes;
}

const LANE_SQL: Record<ProblemLaneKind, string> = {
  group: 'host IN (SELECT value FROM json_each(?))',
  source: 'source_id IN (SELECT id FROM sources WHERE name = ?)',
  service: 'service = ?',
};

function subject(lane: ProblemLane): string {
  if (lane.kind === 'group') return `on ${lane.name} hosts`;
  return lane.kind === 'service' ? `from service ${lane.name}` : `in source ${lane.name}`;
}

/**
 * Burst findings per lane: every host group (the default), and every source and service lane given.
 * Keys of group bursts stay `burst:<group>:<fromMs>`; other lanes add their kind (`burst:service:…`).
 */
export function detectBursts(input: DetectorInput, lanes: readonly ProblemLane[] = groupLanes(input), options: BurstOptions = DEFAULT_BURST_OPTIONS): RawFinding[] {
  const firstMinute = Math.floor(input.firstMs / MINUTE_MS);
  const minutes = Math.floor(input.lastMs / MINUTE_MS) - firstMinute + 1;
  if (minutes <= 0) return [];
  const findings: RawFinding[] = [];
  for (const lane of lanes) {
    for (const e of burstEpisodes(minuteSeries(lane, firstMinute, minutes), options)) {
      const fromMs = (firstMinute + e.fromMinute) * MINUTE_MS;
      const toMs = (firstMinute + e.toMinute + 1) * MINUTE_MS;
      const involved = hostsIn(lane, fromMs, toMs);
      const ratio = e.peakCount / Math.max(e.baseline, 1);
      const where = involved.length === 0 ? '' : ` on ${plural(involved.length, 'host')}, most on ${nameList(involved.map((x) => x.host))}`;
      const title =
        `Warnings and errors ${subject(lane)} rose ${Math.round(ratio)}× at ${clock(fromMs)}: ${count(e.total)} in ${duration(toMs - fromMs)} ` +
        `(peak ${count(e.peakCount)} a minute, usual ${count(e.baseline)})${where}.`;
      const laneParameter = lane.kind === 'group' ? JSON.stringify(lane.memberHosts) : lane.name;
      findings.push({
        key: lane.kind === 'group' ? `burst:${lane.name}:${fromMs}` : `burst:${lane.kind}:${lane.name}:${fromMs}`,
        kind: 'burst',
        score: Math.log2(1 + ratio) * Math.log2(1 + e.total) * (1 + Math.log2(Math.max(1, involved.length))),
        title,
        tsMs: fromMs,
        endMs: toMs,
        hostCount: involved.length,
        hosts: involved.slice(0, 10).map((x) => x.host),
        evidence: {
          numbers: [
            { label: 'lane', value: laneLabel(lane) },
            { label: 'warnings and errors in the burst', value: count(e.total) },
            { label: 'peak per minute', value: count(e.peakCount) },
            { label: 'baseline per minute (median of the previous 30 min)', value: count(e.baseline) },
            { label: 'ratio', value: `${ratio.toFixed(1)}×` },
            { label: 'hosts', value: count(involved.length) },
          ],
          sql: `SELECT id, ts_ms, host, level, message FROM events WHERE level IN ('warn', 'error', 'fatal') AND ts_ms >= ? AND ts_ms < ? AND ${LANE_SQL[lane.kind]} ORDER BY ts_ms, id LIMIT 200`,
          parameters: [fromMs, toMs, laneParameter],
          settings: { ...options, lane: laneLabel(lane) },
          eventIds: [],
          fromMs,
          toMs,
        },
      });
    }
  }
  return findings;
}
