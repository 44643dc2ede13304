/**
 * The rollout model as the incident file keeps it: one `replay_hosts` row per host (its timeline packed
 * into a blob) and the shared tables (versions, steps, rollouts) in `derived_state`, recorded for the
 * events fingerprint (lodFingerprint) it was built for, so a later open never uses it for other events.
 */
import type { GroupOrigin, RolloutInfo } from '../model/replay';
import type { FleetData } from '../replay/fleet-builder';
import { compareNames } from '../replay/grouping';
import { packedTimelineBytes, packTimeline, unpackTimeline, type HostTimeline } from '../replay/host-timeline';
import { yieldToEventLoop } from './event-loop';
import { cachedStatement } from './statement-cache';
import type { IncidentDb } from './incident-db';
import { decodeStored, expectStored } from './stored-decode';

const DERIVED_NAME = 'replay';
/** Bump when the builder's output changes meaning, so stored models from older builds are rebuilt. */
const MODEL_FORMAT = 2;
const FORMAT_PREFIX = `v${MODEL_FORMAT}:`;

interface StoredMeta {
  versions: string[];
  steps: string[];
  rollouts: RolloutInfo[];
  /** Id of the builder that wrote the rows: only it may later rewrite some of them and keep the rest. */
  writer: string;
}

/** Which events the stored model was built for, and which builder stored it. */
export interface StoredFleetStamp {
  builtFor: string;
  writer: string | null;
}

/** The stamp of the stored model; null when none is stored (or in an older format). */
export function storedFleetStamp(incident: IncidentDb): StoredFleetStamp | null {
  const row = incident.db.prepare("SELECT built_for, json_extract(data, '$.writer') AS writer FROM derived_state WHERE name = ?").get(DERIVED_NAME) as
    | { built_for: string; writer: string | null }
    | undefined;
  return row?.built_for.startsWith(FORMAT_PREFIX) === true ? { builtFor: row.built_for.slice(FORMAT_PREFIX.length), writer: row.writer } : null;
}

/** The stored model when it was built for the events fingerprint `builtFor`, else null. */
export function loadStoredFleet(incident: IncidentDb, builtFor: string): FleetData | null {
  const row = incident.db.prepare('SELECT built_for, data FROM derived_state WHERE name = ?').get(DERIVED_NAME) as
    | { built_for: string; data: string }
    | undefined;
  if (row?.built_for !== FORMAT_PREFIX + builtFor) return null;
  const rows = incident.db.prepare('SELECT host, inferred_group, group_origin, event_count, first_ts_ms, last_ts_ms, timeline FROM replay_hosts').all() as {
    host: string;
    inferred_group: string;
    group_origin: GroupOrigin;
    event_count: number;
    first_ts_ms: number | null;
    last_ts_ms: number | null;
    timeline: Buffer;
  }[];
  return decodeStored('rollout model', () => {
    const meta = JSON.parse(row.data) as StoredMeta;
    expectStored(Array.isArray(meta.versions) && Array.isArray(meta.steps) && Array.isArray(meta.rollouts));
    const hosts: HostTimeline[] = rows
      .map((r) =>
        unpackTimeline(r.timeline, {
          host: r.host,
          inferredGroup: r.inferred_group,
          inferredOrigin: r.group_origin,
          eventCount: r.event_count,
          firstTsMs: r.first_ts_ms,
          lastTsMs: r.last_ts_ms,
        }),
      )
      .sort((a, b) => compareNames(a.host, b.host));
    return { versions: meta.versions, steps: meta.steps, rollouts: meta.rollouts, hosts };
  });
}

/**
 * Stores the model built for `stamp.builtFor` by builder `stamp.writer`, in one transaction. `rows`: 'all'
 * rewrites every host's row (dropping rows of hosts not in the model); a list writes only those hosts,
 * for when every other row already holds that host's timeline as in `data`, numbered by the same (grown)
 * versions and steps: the same writer stored them.
 */
export function storeFleet(incident: IncidentDb, stamp: FleetStamp, data: FleetData, rows: 'all' | readonly HostTimeline[]): void {
  const { db } = incident;
  db.transaction(() => {
    if (rows === 'all') db.exec('DELETE FROM replay_hosts');
    writeHosts(incident, rows === 'all' ? data.hosts : rows);
    writeStamp(incident, stamp, data);
  })();
}

/** Bytes of host rows written per transaction by {@link storeFleetInTurns}: a few ms of writing each. */
const STORE_BYTES_PER_TURN = 1 << 20;

/**
 * Stores the whole model like {@link storeFleet} with 'all', in transactions of about STORE_BYTES_PER_TURN
 * bytes with a turn of the event loop between them, so the service keeps answering (one transaction took
 * ~200 ms per million events). The stamp is removed first and written last, so rows stored half (a crash
 * between turns) are never taken for a model.
 */
export async function storeFleetInTurns(incident: IncidentDb, stamp: FleetStamp, data: FleetData): Promise<void> {
  const { db } = incident;
  db.transaction(() => {
    db.prepare('DELETE FROM derived_state WHERE name = ?').run(DERIVED_NAME);
    db.exec('DELETE FROM replay_hosts');
  })();
  let chunk: HostTimeline[] = [];
  let chunkBytes = 0;
  for (const host of data.hosts) {
    chunk.push(host);
    chunkBytes += packedTimelineBytes(host);
    if (chunkBytes < STORE_BYTES_PER_TURN) continue;
    const rows = chunk;
    db.transaction(() => writeHosts(incident, rows))();
    chunk = [];
    chunkBytes = 0;
    await yieldToEventLoop();
  }
  db.transaction(() => {
    writeHosts(incident, chunk);
    writeStamp(incident, stamp, data);
  })();
}

/** Which events a stored model is for, and which builder stored it. */
export interface FleetStamp {
  builtFor: string;
  writer: string;
}

function writeHosts(incident: IncidentDb, hosts: readonly HostTimeline[]): void {
  const upsert = cachedStatement(
    incident.db,
    'INSERT OR REPLACE INTO replay_hosts (host, inferred_group, group_origin, event_count, first_ts_ms, last_ts_ms, timeline) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const h of hosts) upsert.run(h.host, h.inferredGroup, h.inferredOrigin, h.eventCount, h.firstTsMs, h.lastTsMs, packTimeline(h));
}

function writeStamp(incident: IncidentDb, stamp: FleetStamp, data: FleetData): void {
  const meta: StoredMeta = { versions: data.versions, steps: data.steps, rollouts: data.rollouts, writer: stamp.writer };
  cachedStatement(incident.db, 'INSERT OR REPLACE INTO derived_state (name, built_for, data) VALUES (?, ?, ?)').run(DERIVED_NAME, FORMAT_PREFIX + stamp.builtFor, JSON.stringify(meta));
}
