/**
 * "New since": message patterns whose first occurrence is after a moment (by default the first
 * rollout's start), ranked by severity, spread (hosts) and volume. Each says where it first appeared
 * and what that host was doing then, and on how many hosts it appeared after their own upgrade began.
 */
import type { InsightFinding } from '../model/insight';
import { spanAt, spanStartPhrase, type DetectorInput } from './host-tracks';
import { severityOf, type PatternIndex } from './pattern-index';
import { clock, count, duration, likePattern, plural } from './wording';

/** A finding before dismissals are applied. */
export type RawFinding = Omit<InsightFinding, 'isDismissed'>;

/** Settings of the detector. */
export interface NewPatternOptions {
  sinceMs: number;
}

const SEVERITY_WEIGHT = [0.3, 0.4, 0.5, 0.6, 1.5, 4, 5];
/** A peer counts as upgraded without the pattern when its upgrade began this long before the pattern's first occurrence. */
const LATE_MS = 10 * 60_000;

/** Patterns first seen after `sinceMs`. */
export function detectNewPatterns(index: PatternIndex, input: DetectorInput, { sinceMs }: NewPatternOptions): RawFinding[] {
  const tracks = new Map(input.hosts.map((h) => [h.host, h]));
  const findings: RawFinding[] = [];
  for (const p of index.patterns) {
    if (p.firstTsMs <= sinceMs) continue;
    const hosts = [...p.hosts].sort((a, b) => a.firstTsMs - b.firstTsMs || a.firstEventId - b.firstEventId);
    const first = hosts[0];
    let where = '';
    if (first !== undefined) {
      const track = tracks.get(first.host);
      const span = track ? spanAt(track, first.firstTsMs) : null;
      const isInRollout = span !== null && span.phase !== 'pending' && span.phase !== 'not_in_rollout';
      where = ` on ${first.host}` + (isInRollout && Number.isFinite(span.fromMs) ? `, ${duration(first.firstTsMs - span.fromMs)} after it ${spanStartPhrase(span)}` : '');
    }
    const afterOwnUpgrade = hosts.filter((h) => {
      const start = tracks.get(h.host)?.upgradeStartMs;
      return start !== null && start !== undefined && h.firstTsMs >= start;
    }).length;
    // Hosts of the first host's group that went through their upgrade well before the pattern appeared,
    // without it: a pattern every upgrading host shows from the canary on is a step of the upgrade; one
    // that appears only after many peers upgraded cleanly is a change worth a look.
    const seen = new Set(hosts.map((h) => h.host));
    const group = first === undefined ? undefined : tracks.get(first.host)?.group;
    const cleanBefore = input.hosts.filter((t) => t.group === group && !seen.has(t.host) && t.upgradeStartMs !== null && t.upgradeStartMs < p.firstTsMs - LATE_MS).length;
    const weight = SEVERITY_WEIGHT[severityOf(p.level)] ?? 0.5;
    const score = weight * (1 + Math.log2(1 + hosts.length)) * (1 + Math.log10(p.eventCount)) * (1 + Math.log2(1 + cleanBefore));
    const spread = hosts.length > 0 ? ` on ${plural(hosts.length, 'host')}` : '';
    findings.push({
      key: `new-pattern:${p.template}`,
      kind: 'new-pattern',
      score,
      title: `New ${p.level} message pattern \`${p.template}\` first seen ${clock(p.firstTsMs)}${where}; ${count(p.eventCount)} times${spread} since.`,
      tsMs: p.firstTsMs,
      endMs: p.lastTsMs,
      hostCount: hosts.length,
      hosts: hosts.slice(0, 10).map((h) => h.host),
      evidence: {
        numbers: [
          { label: 'first seen', value: clock(p.firstTsMs) },
          { label: 'measured from', value: clock(sinceMs) },
          { label: 'events', value: count(p.eventCount) },
          { label: 'hosts', value: count(hosts.length) },
          { label: 'hosts where it began after their own upgrade started', value: count(afterOwnUpgrade) },
          { label: 'most severe level', value: p.level },
          { label: `hosts of ${group ?? 'its group'} upgraded 10+ min before it first appeared, without it`, value: count(cleanBefore) },
        ],
        sql: "SELECT id, ts_ms, host, level, message FROM events WHERE message LIKE ? ESCAPE '\\' ORDER BY ts_ms, id LIMIT 200",
        parameters: [likePattern(p.template)],
        settings: { sinceMs, similarity: 0.5 },
        eventIds: [p.firstEventId, ...hosts.slice(0, 19).map((h) => h.firstEventId)].filter((id, i, all) => all.indexOf(id) === i).slice(0, 20),
        fromMs: p.firstTsMs,
        toMs: p.lastTsMs,
      },
    });
  }
  return findings;
}
