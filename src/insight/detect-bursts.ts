/**
 * Bursts: per group of hosts, minutes whose warnings and errors are far above that group's own recent
 * baseline. The baseline is robust (median and MAD of the trailing window), so a burst does not raise
 * its own bar; consecutive burst minutes merge into one episode.
 */
import { countIn, type DetectorInput, type HostTrack } from './host-tracks';
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

/** Burst findings per group of hosts. */
export function detectBursts(input: DetectorInput, options: BurstOptions = DEFAULT_BURST_OPTIONS): RawFinding[] {
  const firstMinute = Math.floor(input.firstMs / MINUTE_MS);
  const minutes = Math.floor(input.lastMs / MINUTE_MS) - firstMinute + 1;
  if (minutes <= 0) return [];
  const byGroup = new Map<string, HostTrack[]>();
  for (const h of input.hosts) byGroup.set(h.group, [...(byGroup.get(h.group) ?? []), h]);
  const findings: RawFinding[] = [];
  for (const [group, tracks] of byGroup) {
    const counts = new Float64Array(minutes);
    for (const h of tracks) for (const ts of h.problemTsMs) counts[Math.floor(ts / MINUTE_MS) - firstMinute]! += 1;
    for (const e of burstEpisodes(counts, options)) {
      const fromMs = (firstMinute + e.fromMinute) * MINUTE_MS;
      const toMs = (firstMinute + e.toMinute + 1) * MINUTE_MS;
      const involved = tracks
        .map((h) => ({ host: h.host, n: countIn(h.problemTsMs, fromMs, toMs) }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n);
      const ratio = e.peakCount / Math.max(e.baseline, 1);
      const title =
        `Warnings and errors on ${group} hosts rose ${Math.round(ratio)}× at ${clock(fromMs)}: ${count(e.total)} in ${duration(toMs - fromMs)} ` +
        `(peak ${count(e.peakCount)} a minute, usual ${count(e.baseline)}) on ${plural(involved.length, 'host')}, most on ${nameList(involved.map((x) => x.host))}.`;
      findings.push({
        key: `burst:${group}:${fromMs}`,
        kind: 'burst',
        score: Math.log2(1 + ratio) * Math.log2(1 + e.total) * (1 + Math.log2(involved.length)),
        title,
        tsMs: fromMs,
        endMs: toMs,
        hostCount: involved.length,
        hosts: involved.slice(0, 10).map((x) => x.host),
        evidence: {
          numbers: [
            { label: 'warnings and errors in the burst', value: count(e.total) },
            { label: 'peak per minute', value: count(e.peakCount) },
            { label: 'baseline per minute (median of the previous 30 min)', value: count(e.baseline) },
            { label: 'ratio', value: `${ratio.toFixed(1)}×` },
            { label: 'hosts', value: count(involved.length) },
          ],
          sql: "SELECT id, ts_ms, host, level, message FROM events WHERE level IN ('warn', 'error', 'fatal') AND ts_ms >= ? AND ts_ms < ? AND host IN (SELECT value FROM json_each(?)) ORDER BY ts_ms, id LIMIT 200",
          parameters: [fromMs, toMs, JSON.stringify(tracks.map((h) => h.host))],
          settings: { ...options, group },
          eventIds: [],
          fromMs,
          toMs,
        },
      });
    }
  }
  return findings;
}
