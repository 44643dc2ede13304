/**
 * The postmortem's computed figures: impact window and duration, time to detect and to mitigate,
 * hosts affected and error counts. Pure: the caller supplies the window counts.
 */
import type { Annotation } from '../model/annotation';
import type { PostmortemFigures } from '../model/postmortem';

/** Counts over a window, as the store answers them. */
export type CountWindow = (fromMs: number | null, toMs: number | null) => { errorCount: number; warningCount: number; hostsAffected: number };

function earliest(annotations: readonly Annotation[], kind: Annotation['kind']): number | null {
  const times = annotations.filter((a) => a.kind === kind).map((a) => a.tsMs);
  return times.length === 0 ? null : Math.min(...times);
}

/** The impact window: marked `impact` ranges together with `impact-start`/`impact-end` points. */
export function impactWindow(annotations: readonly Annotation[]): { startMs: number | null; endMs: number | null } {
  const starts = annotations.filter((a) => a.kind === 'impact' || a.kind === 'impact-start').map((a) => a.tsMs);
  const ends = annotations.filter((a) => (a.kind === 'impact' && a.endMs !== null) || a.kind === 'impact-end').map((a) => a.endMs ?? a.tsMs);
  const startMs = starts.length === 0 ? null : Math.min(...starts);
  const endMs = ends.length === 0 ? null : Math.max(...ends);
  return { startMs, endMs: endMs !== null && startMs !== null && endMs < startMs ? null : endMs };
}

/** Computes the figures for an incident spanning `[incidentStartMs, incidentEndMs]`. */
export function computeFigures(
  annotations: readonly Annotation[],
  incidentStartMs: number | null,
  incidentEndMs: number | null,
  countWindow: CountWindow,
): PostmortemFigures {
  const impact = impactWindow(annotations);
  const triggerMs = earliest(annotations, 'trigger');
  const detectionMs = earliest(annotations, 'detection');
  const mitigationMs = earliest(annotations, 'mitigation');
  const resolutionMs = earliest(annotations, 'resolution');
  const referenceMs = impact.startMs ?? triggerMs;
  const since = (tsMs: number | null): number | null => (tsMs === null || referenceMs === null ? null : tsMs - referenceMs);
  const countFromMs = impact.startMs ?? incidentStartMs;
  const countToMs = impact.startMs === null ? incidentEndMs : (impact.endMs ?? incidentEndMs);
  const counts = countWindow(countFromMs, countToMs);
  return {
    incidentStartMs,
    incidentEndMs,
    impactStartMs: impact.startMs,
    impactEndMs: impact.endMs,
    impactDurationMs: impact.startMs !== null && impact.endMs !== null ? impact.endMs - impact.startMs : null,
    triggerMs,
    detectionMs,
    mitigationMs,
    resolutionMs,
    timeToDetectMs: since(detectionMs),
    timeToMitigateMs: since(mitigationMs),
    hostsAffected: counts.hostsAffected,
    errorCount: counts.errorCount,
    warningCount: counts.warningCount,
    countFromMs,
    countToMs,
  };
}
