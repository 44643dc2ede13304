/**
 * The "what changed" report of an open incident: mined patterns (insight-patterns.ts), the rollout
 * model (replay-cache.ts) and the remembered dismissals, run through the detectors in src/insight/.
 * Also compares two rollouts, of this incident or of another incident file opened read-only.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ApiError } from '../api/errors';
import { compareRollouts, type RolloutSide } from '../insight/compare-rollouts';
import { hostTracksOf } from '../insight/host-tracks';
import { groupLanes } from '../insight/problem-lanes';
import { defaultSince, rankFindings } from '../insight/rank-findings';
import type { InsightFinding, InsightReport, RolloutComparison } from '../model/insight';
import { clock } from '../insight/wording';
import { dismissedKeys } from './insight-dismissals';
import { problemLanesOf, sourceLanesOf } from './insight-lanes';
import { patternIndexOf } from './insight-patterns';
import { IncidentDb } from './incident-db';
import { fleetModelOf } from './replay-cache';

/** Every finding of the incident, ranked; `sinceMs` overrides the "new since" moment. */
export function insightReport(incident: IncidentDb, sinceMs?: number): InsightReport {
  const index = patternIndexOf(incident);
  const input = hostTracksOf(fleetModelOf(incident));
  const since = sinceMs === undefined ? defaultSince(input) : { sinceMs, label: clock(sinceMs) };
  const findings = index.eventCount === 0 ? [] : rankFindings(index, input, sourceLanesOf(incident), problemLanesOf(incident), since, dismissedKeys(incident));
  return { sinceMs: since.sinceMs, sinceLabel: since.label, eventCount: index.eventCount, patternCount: index.patterns.length, findings };
}

/** One finding by key; throws `not_found` when the events no longer raise it. */
export function findingByKey(incident: IncidentDb, key: string): InsightFinding {
  const finding = insightReport(incident).findings.find((f) => f.key === key);
  if (!finding) throw new ApiError('not_found', 'That finding is no longer raised for this incident; reload the findings.');
  return finding;
}

function sideOf(incident: IncidentDb, label: string | null, isOpenIncident: boolean, rolloutId: string | undefined, fallbackIndex: number): RolloutSide {
  const model = fleetModelOf(incident);
  const rollouts = model.rollouts();
  const rollout = rolloutId === undefined ? rollouts[fallbackIndex] : rollouts.find((r) => r.id === rolloutId);
  if (!rollout) {
    const known = rollouts.map((r) => r.id).join(', ') || 'none';
    if (rolloutId === undefined && rollouts.length === 1) {
      throw new ApiError('not_found', `${basename(incident.path)} has only one rollout (${known}); give another incident file to compare it with.`);
    }
    throw new ApiError('not_found', `No rollout ${rolloutId ?? `number ${fallbackIndex + 1}`} in ${incident.path} (rollouts found: ${known}); pick one of those.`);
  }
  const input = hostTracksOf(model);
  return {
    label: label ?? rollout.id,
    incidentPath: incident.path,
    isOpenIncident,
    rollout,
    rolloutIds: rollouts.map((r) => r.id),
    index: patternIndexOf(incident),
    input,
    lanes: [...groupLanes(input), ...problemLanesOf(incident)],
  };
}

function fileLabels(pathA: string, pathB: string): [string, string] {
  const [a, b] = [basename(pathA).replace(/\.hindsight$/, ''), basename(pathB).replace(/\.hindsight$/, '')];
  return a === b ? [`${a} (A)`, `${b} (B)`] : [a, b];
}

/**
 * Compares rollout `a` of this incident with rollout `b` of this incident (default: its first two
 * rollouts), or of the incident file at `otherPath` (opened read-only; default: its first rollout).
 */
export function compareIncidentRollouts(incident: IncidentDb, args: { a?: string; b?: string; otherPath?: string }): RolloutComparison {
  if (args.otherPath === undefined || resolve(args.otherPath) === resolve(incident.path)) {
    const isSameFile = args.otherPath !== undefined;
    return compareRollouts(sideOf(incident, null, true, args.a, 0), sideOf(incident, isSameFile && args.b === undefined ? `${args.a ?? 'the same rollout'} (again)` : null, true, args.b, isSameFile ? 0 : 1));
  }
  if (!existsSync(args.otherPath)) throw new ApiError('not_found', `There is no incident file at ${args.otherPath}; check the path.`);
  const other = IncidentDb.open(args.otherPath, { readOnly: true });
  try {
    const [labelA, labelB] = fileLabels(incident.path, other.path);
    return compareRollouts(sideOf(incident, labelA, true, args.a, 0), sideOf(other, labelB, false, args.b, 0));
  } finally {
    other.close();
  }
}
