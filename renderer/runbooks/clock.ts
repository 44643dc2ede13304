/** Times in the runbook UI: to the second, which is the precision a responder acts at. */

/** `HH:MM:SS` of `tsMs` in UTC. */
export function formatClock(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(11, 19);
}
