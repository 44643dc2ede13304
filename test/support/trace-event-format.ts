/**
 * A checker for the Chrome trace-event "JSON Object Format" (the format Perfetto and chrome://tracing
 * open): required fields per phase, microsecond numbers, metadata events. Returns the problems found.
 */

const PHASES_WITH_TIME = new Set(['B', 'E', 'X', 'i', 'I', 'C', 'b', 'e', 'n', 's', 't', 'f', 'P', 'O', 'N', 'D']);
const METADATA_NAMES = new Set(['process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index']);

/** Problems with `trace` as trace-event JSON; an empty list means it is valid. */
export function validateTraceEvents(trace: unknown): string[] {
  const problems: string[] = [];
  if (typeof trace !== 'object' || trace === null || !Array.isArray((trace as { traceEvents?: unknown }).traceEvents)) {
    return ['the top level must be an object with a traceEvents array'];
  }
  const { traceEvents, displayTimeUnit } = trace as { traceEvents: unknown[]; displayTimeUnit?: unknown };
  if (displayTimeUnit !== undefined && displayTimeUnit !== 'ms' && displayTimeUnit !== 'ns') problems.push('displayTimeUnit must be "ms" or "ns"');
  traceEvents.forEach((raw, index) => {
    const where = `traceEvents[${index}]`;
    if (typeof raw !== 'object' || raw === null) return void problems.push(`${where} is not an object`);
    const event = raw as Record<string, unknown>;
    if (typeof event.ph !== 'string') return void problems.push(`${where} has no ph`);
    if (typeof event.name !== 'string') problems.push(`${where} has no name`);
    if (!Number.isInteger(event.pid) || !Number.isInteger(event.tid)) problems.push(`${where} needs integer pid and tid`);
    if (event.ph === 'M') {
      if (!METADATA_NAMES.has(String(event.name))) problems.push(`${where} is metadata with an unknown name`);
      if (typeof event.args !== 'object' || event.args === null) problems.push(`${where} metadata needs args`);
      return;
    }
    if (!PHASES_WITH_TIME.has(event.ph)) return void problems.push(`${where} has unknown phase ${event.ph}`);
    if (typeof event.ts !== 'number' || !Number.isFinite(event.ts)) problems.push(`${where} needs a numeric ts (µs)`);
    if (event.ph === 'X' && (typeof event.dur !== 'number' || event.dur < 0)) problems.push(`${where} is complete (X) and needs dur >= 0`);
    if ((event.ph === 'i' || event.ph === 'I') && event.s !== undefined && !['g', 'p', 't'].includes(String(event.s))) problems.push(`${where} has instant scope ${String(event.s)}`);
    if (event.args !== undefined && (typeof event.args !== 'object' || event.args === null)) problems.push(`${where} args must be an object`);
  });
  return problems;
}
