/** Which runbook links apply at a playhead position: pure, so it is unit-tested and shared by the panel. */
import { RUNBOOK_SEVERITIES, type RunbookLink, type RunbookSeverity } from '../../src/model/runbook';

/** How long before its first match a link already shows, in ms. */
export const LEAD_MS = 60_000;

/** How long after its last match a link keeps showing, in ms. */
export const TRAIL_MS = 15 * 60_000;

/** A link as the "Runbooks here" panel shows it. */
export interface LinkHere {
  link: RunbookLink;
  /** True when the playhead is within the matched range itself (not just near it). */
  isActive: boolean;
  /** Ms from the link's last match to the playhead; 0 while active; before it starts, minus the ms until it does. */
  sinceLastMs: number;
}

/**
 * The links that apply at `playheadMs`, one per runbook (the closest): active ones first (most severe,
 * then most specific), then the nearest in time. A link applies from LEAD_MS before its first match to TRAIL_MS after its last.
 */
export function linksNear(links: RunbookLink[], playheadMs: number, severityOf: ReadonlyMap<string, RunbookSeverity> = new Map()): LinkHere[] {
  const best = new Map<string, LinkHere>();
  for (const link of links) {
    if (link.dismissedMs !== null) continue;
    const endMs = link.endMs ?? link.tsMs;
    if (playheadMs < link.tsMs - LEAD_MS || playheadMs > endMs + TRAIL_MS) continue;
    const isActive = playheadMs >= link.tsMs && playheadMs <= endMs;
    const sinceLastMs = isActive ? 0 : playheadMs < link.tsMs ? playheadMs - link.tsMs : playheadMs - endMs;
    const here: LinkHere = { link, isActive, sinceLastMs };
    const current = best.get(link.runbookId);
    if (current === undefined || rank(here) < rank(current)) best.set(link.runbookId, here);
  }
  // Active first; among those the most severe, then the narrowest match (the most specific to this moment).
  const severity = (here: LinkHere) => RUNBOOK_SEVERITIES.indexOf(severityOf.get(here.link.runbookId) ?? 'medium');
  const spanMs = (here: LinkHere) => (here.link.endMs ?? here.link.tsMs) - here.link.tsMs;
  return [...best.values()].sort(
    (a, b) =>
      Number(b.isActive) - Number(a.isActive) ||
      (a.isActive ? severity(b) - severity(a) || spanMs(a) - spanMs(b) : rank(a) - rank(b)) ||
      a.link.title.localeCompare(b.link.title),
  );
}

function rank(here: LinkHere): number {
  return here.isActive ? -1 : Math.abs(here.sinceLastMs);
}
