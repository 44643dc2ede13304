/**
 * Reads events into a {@link FleetBuilder}: the one query every build of the rollout model uses, on
 * this thread (replay-cache.ts) or in the fleet worker (fleet-worker.ts).
 */
import type { Level } from '../model/event';
import type { FleetBuilder } from '../replay/fleet-builder';
import { mayCarrySignal } from '../replay/rollout-signals';
import { scanEvents } from './event-scan';
import type { IncidentDb } from './incident-db';
import { clockOffsets } from './source-progress';

/**
 * Feeds the builder every event with an id above `afterId` and up to `throughId` (all of them by default).
 * The builder takes events in any order; this scan gives them in id order.
 */
export function addEvents(builder: FleetBuilder, incident: IncidentDb, afterId = 0, throughId = Number.MAX_SAFE_INTEGER): void {
  // Times corrected by each source's clock offset, as the timeline draws them (a change of offsets
  // changes the fingerprint, so the model is then built again).
  // NOTE: offsets and source ids are integers read from the incident, so inlining them is safe.
  const offsets = [...clockOffsets(incident)];
  const time = offsets.length === 0 ? 'ts_ms' : `ts_ms + CASE source_id ${offsets.map(([id, offsetMs]) => `WHEN ${id} THEN ${offsetMs}`).join(' ')} ELSE 0 END`;
  scanEvents(incident, `id, ${time}, host, level, kind, message, attrs`, afterId, throughId, (id, tsMs, host, level, kind, message, attrsJson) => {
    const json = attrsJson as string;
    builder.add({
      id: id as number,
      tsMs: tsMs as number,
      host: host as string | null,
      level: level as Level,
      kind: kind as string | null,
      message: message as string,
      attrs: mayCarrySignal(json) ? parseAttrs(json) : null,
    });
  });
}

function parseAttrs(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
