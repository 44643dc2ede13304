/**
 * Silences: hosts that stop writing to a source (their journal, their health checks…) for much longer
 * than their own usual gap while most peers of their group keep writing to it. Measured per source so
 * a controller's events *about* a host do not hide the host's own silence. Gaps are grouped per source,
 * group and rollout step, so "storage hosts went silent during reimage" is one finding.
 */
import { countIn, spanAt, spanLabel, type DetectorInput, type HostTrack } from './host-tracks';

/** One host's events in one source, sorted by time. */
export interface SourceLane {
  source: string;
  host: string;
  tsMs: Float64Array;
  eventId: Float64Array;
}
import type { RawFinding } from './detect-new-patterns';
import { median } from './robust-stats';
import { clock, count, duration, nameList, plural } from './wording';

/** Settings of the detector. */
export interface SilenceOptions {
  /** A gap is a silence when it is this many times the host's median gap … */
  gapFactor: number;
  /** … and at least this long (ms). */
  minGapMs: number;
  /** Share of the group's other hosts that must report during the gap. */
  peerShare: number;
  /** Lanes with fewer events (a controller's few lines about a host) have no usual gap to compare with. */
  minEvents: number;
}

/** Defaults: 6× the usual gap, at least 3 min, while half the peers report, on lanes of 30 events or more. */
export const DEFAULT_SILENCE_OPTIONS: SilenceOptions = { gapFactor: 6, minGapMs: 180_000, peerShare: 0.5, minEvents: 30 };

interface Gap {
  host: string;
  fromMs: number;
  toMs: number;
  eventId: number;
  label: string;
}

/** Silence findings, one per group and step. */
export function detectSilences(input: DetectorInput, lanes: readonly SourceLane[], options: SilenceOptions = DEFAULT_SILENCE_OPTIONS): RawFinding[] {
  const tracks = new Map(input.hosts.map((h) => [h.host, h]));
  const byGroup = new Map<string, SourceLane[]>();
  for (const lane of lanes) {
    const key = `${lane.source}\u0000${tracks.get(lane.host)?.group ?? ''}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), lane]);
  }
  const grouped = new Map<string, { source: string; group: string; label: string; gaps: Gap[]; groupSize: number }>();
  for (const [laneKey, peersAndSelf] of byGroup) {
    if (peersAndSelf.length < 2) continue;
    const group = tracks.get(peersAndSelf[0]!.host)?.group ?? '';
    const source = peersAndSelf[0]!.source;
    for (const lane of peersAndSelf) {
      for (const gap of gapsOf(lane, tracks.get(lane.host), input.lastMs, options)) {
        const peers = peersAndSelf.filter((p) => p !== lane && p.tsMs.length > 0);
        const reporting = peers.filter((p) => countIn(p.tsMs, gap.fromMs + 1, gap.toMs) > 0).length;
        if (peers.length === 0 || reporting < options.peerShare * peers.length) continue;
        const key = `${laneKey}\u0000${gap.label}`;
        const entry = grouped.get(key) ?? { source, group, label: gap.label, gaps: [], groupSize: peersAndSelf.length };
        entry.gaps.push(gap);
        grouped.set(key, entry);
      }
    }
  }
  const findings: RawFinding[] = [];
  for (const { source, group, label, gaps, groupSize } of grouped.values()) {
    const hosts = [...new Set(gaps.map((g) => g.host))];
    const lengths = gaps.map((g) => g.toMs - g.fromMs).sort((a, b) => a - b);
    const fromMs = Math.min(...gaps.map((g) => g.fromMs));
    const toMs = Math.max(...gaps.map((g) => g.toMs));
    const medianMs = median(lengths);
    const isInRollout = label !== 'pending' && label !== 'not in rollout' && label !== 'done';
    const range = lengths.length === 1 ? duration(lengths[0]!) : `${duration(lengths[0]!)}–${duration(lengths[lengths.length - 1]!)}`;
    findings.push({
      key: `silence:${source}:${group}:${label}`,
      kind: 'silence',
      score: (isInRollout ? 1 : 1.5) * (1 + Math.log2(hosts.length)) * (1 + Math.log2(medianMs / 60_000)),
      title: `${plural(hosts.length, 'host')} of ${count(groupSize)} in ${group} stopped writing to ${source} for ${range} (median ${duration(medianMs)}) ${isInRollout ? `during ${label}` : `while their rollout phase was ${label}`}, while their peers kept writing; first ${hosts[0]} at ${clock(gaps[0]!.fromMs)}.`,
      tsMs: gaps.reduce((a, g) => (g.fromMs < a.fromMs ? g : a)).fromMs,
      endMs: toMs,
      hostCount: hosts.length,
      hosts: hosts.slice(0, 10),
      evidence: {
        numbers: [
          { label: 'silent hosts', value: `${count(hosts.length)} of ${count(groupSize)}` },
          { label: 'silences', value: count(gaps.length) },
          { label: 'shortest, median, longest', value: `${duration(lengths[0]!)}, ${duration(medianMs)}, ${duration(lengths[lengths.length - 1]!)}` },
          { label: 'between', value: `${clock(fromMs)} and ${clock(toMs)}` },
          { label: 'examples', value: nameList(gaps.slice(0, 3).map((g) => `${g.host} ${clock(g.fromMs)}–${clock(g.toMs)}`)) },
        ],
        sql: 'SELECT host, ts_ms, next_ts_ms - ts_ms AS gap_ms FROM (SELECT host, ts_ms, LEAD(ts_ms) OVER (PARTITION BY host ORDER BY ts_ms) AS next_ts_ms FROM events WHERE source_id = (SELECT id FROM sources WHERE name = ? LIMIT 1) AND host IN (SELECT value FROM json_each(?))) WHERE gap_ms >= ? ORDER BY gap_ms DESC',
        parameters: [source, JSON.stringify(hosts), options.minGapMs],
        settings: { ...options, source, group, step: label },
        eventIds: gaps.slice(0, 20).map((g) => g.eventId),
        fromMs,
        toMs,
      },
    });
  }
  return findings;
}

function gapsOf(lane: SourceLane, h: HostTrack | undefined, lastMs: number, options: SilenceOptions): Gap[] {
  const ts = lane.tsMs;
  if (ts.length < Math.max(3, options.minEvents)) return [];
  const diffs = new Float64Array(ts.length - 1);
  for (let i = 1; i < ts.length; i++) diffs[i - 1] = ts[i]! - ts[i - 1]!;
  const thresholdMs = Math.max(options.minGapMs, options.gapFactor * median(diffs));
  const gaps: Gap[] = [];
  const push = (fromMs: number, toMs: number, eventId: number): void => {
    const label = h === undefined ? 'not in rollout' : spanLabel(spanAt(h, (fromMs + toMs) / 2));
    gaps.push({ host: lane.host, fromMs, toMs, eventId, label });
  };
  for (let i = 0; i < diffs.length; i++) if (diffs[i]! >= thresholdMs) push(ts[i]!, ts[i + 1]!, lane.eventId[i]!);
  if (lastMs - ts[ts.length - 1]! >= thresholdMs) push(ts[ts.length - 1]!, lastMs, lane.eventId[ts.length - 1]!);
  return gaps;
}
