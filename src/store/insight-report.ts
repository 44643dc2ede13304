/**
 * The "what changed" report of an open incident: mined patterns (insight-patterns.ts), the rollout
 * model (replay-cache.ts) and the remembered dismissals, run through the detectors in src/insight/.
 * Also compares two rollouts, of this incident or of another incident file opened read-only.
 */
import { ApiError } from '../api/errors';
import { compareRollouts, type RolloutSide } from '../insight/compare-rollouts';
import { hostTracksOf } from '../insight/host-tracks';
import { defaultSince, rankFindings } from '../insight/rank-findings';
import type { InsightFinding, InsightReport, RolloutComparison } from '../model/insight';
import { clock } from '../insight/wording';
import { dismissedKeys } from './insight-dismissals';
import { sourceLanesOf } from './insight-lanes';
import { patternIndexOf } from './insight-patterns';
import { IncidentDb } from './incident-db';
import { fleetModelOf } from './replay-cache';

/** Every finding of the incident, ranked; `sinceMs` overrides the "new since" moment. */
export function insightReport(incident: IncidentDb, sinceMs?: number): InsightReport {
  const index = patternIndexOf(incident);
  const input = hostTracksOf(fleetModelOf(incident));
  const since = sinceMs === undefined ? defaultSince(input) : { sinceMs, label: clock(sinceMs) };
  const findings = index.eventCount === 0 ? [] : rankFindings(index, input, sourceLanesOf(incident), since, dismissedKeys(incident));
  return { sinceMs: since.sinceMs, sinceLabel: since.label, eventCount: index.eventCount, patternCount: index.patterns.length, findings };
}

/** One finding by key; throws `not_found` when the events no longer raise it. */
export function findingByKey(incident: IncidentDb, key: string): InsightFinding {
  const finding = insightReport(incident).findings.find((f) => f.key === key);
  if (!finding) throw new ApiError('not_found', 'That finding is no longer raised for this incident; reload the findings.');
  return finding;
}

function sideOf(incident: IncidentDb, label: string, rolloutId: string | undefined, fallbackIndex: number): RolloutSide {
  const model = fleetModelOf(incident);
  const rollouts = model.rollouts();
  const rollout = rolloutId === undefined ? rollouts[fallbackIndex] : rollouts.find((r) => r.id === rolloutId);
  if (!rollout) {
    const known = rollouts.map((r) => r.id).join(', ') || 'none';
    throw new ApiError('not_found', `No rollout ${rolloutId ?? `number ${fallbackIndex + 1}`} in ${incident.path} (rollouts found: ${known}); pick one of those.`);
  }
  return { label, rollout, index: patternIndexOf(incident), input: hostTracksOf(model) };
}

/** Compares rollout `a` of this incident with rollout `b` of this incident, or of the incident file at `otherPath`. */
export function compareIncidentRollouts(incident: IncidentDb, args: { a?: string; b?: string; otherPath?: string }): RolloutComparison {
  if (args.otherPath === undefined) {
    return compareRollouts(sideOf(incident, args.a ?? 'first rollout', args.a, 0), sideOf(incident, args.b ?? 'second rollout', args.b, 1));
  }
  const other = IncidentDb.open(args.otherPath, { readOnly: true });
  try {
    return compareRollouts(sideOf(incident, args.a ?? 'this incident', args.a, 0), sideOf(other, args.b ?? 'the other incident', args.b, 0));
  } finally {
    other.close();
  }
}
