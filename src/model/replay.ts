/**
 * The rollout model as the core, the API and the renderer share it: hosts and their groups, each
 * host's version, rollout phase and health at an instant, and the rollouts found in the events.
 * All times are integer UTC epoch milliseconds.
 */

/**
 * Where a host stands in a rollout. `pending`: not started (or never told to); `updating`: in flight;
 * `done`: on the new version and back in service; `failed`: the attempt failed; `rolled_back`: returned
 * to the old version; `not_in_rollout`: no rollout event ever names this host.
 */
export const HOST_PHASES = ['pending', 'updating', 'done', 'failed', 'rolled_back', 'not_in_rollout'] as const;

/** One of {@link HOST_PHASES}. */
export type HostPhase = (typeof HOST_PHASES)[number];

/**
 * A host's health from its recent events: `error` (an error or fatal in the health window), `warn`
 * (a warning in the window), `ok` (events, none of them warnings), `silent` (no events in the window).
 */
export const HOST_HEALTHS = ['error', 'warn', 'ok', 'silent'] as const;

/** One of {@link HOST_HEALTHS}. */
export type HostHealth = (typeof HOST_HEALTHS)[number];

/** How a host's group was found: a user's grouping rule, an attribute (role, pool, asg…), its name, or not at all. */
export type GroupOrigin = 'rule' | 'attribute' | 'name' | 'none';

/** A host (or other deploy target) seen in the incident. */
export interface HostInfo {
  host: string;
  group: string;
  groupOrigin: GroupOrigin;
  eventCount: number;
  firstTsMs: number | null;
  lastTsMs: number | null;
  /** Versions the host was seen on, in the order it reached them. */
  versions: string[];
}

/** One host at an instant. */
export interface HostState {
  host: string;
  group: string;
  /** The version it runs (null when never reported). */
  version: string | null;
  /** The version it is moving to while `updating`, else null. */
  targetVersion: string | null;
  phase: HostPhase;
  /** The rollout step while updating or failed (`drain`, `reimage`, `bootstrap`, `healthcheck`, `rollback`…), else null. */
  step: string | null;
  wave: number | null;
  health: HostHealth;
  /** Warnings and errors of this host in the health window ending at the instant. */
  warnCount: number;
  errorCount: number;
  lastEventId: number | null;
  lastEventTsMs: number | null;
  /** Message of the last event; filled by the API, null from the bare model. */
  lastEventMessage: string | null;
}

/** Every host at one instant, with counts per phase and health. */
export interface FleetState {
  tsMs: number;
  /** Width of the health window that ends at `tsMs`, in ms. */
  healthWindowMs: number;
  hosts: HostState[];
  phaseCounts: Record<HostPhase, number>;
  healthCounts: Record<HostHealth, number>;
}

/** A wave: hosts that started moving together. */
export interface RolloutWave {
  wave: number;
  startMs: number;
  endMs: number;
  hostCount: number;
}

/** A moment the rollout controller reported for the whole rollout (started, paused, resumed, completed…). */
export interface RolloutMarker {
  tsMs: number;
  eventId: number;
  kind: string;
  message: string;
}

/** A rollout detected from the events: a set of hosts moving from one version to another. */
export interface RolloutInfo {
  id: string;
  fromVersion: string | null;
  toVersion: string | null;
  startMs: number;
  endMs: number;
  hostCount: number;
  /** Hosts at the end of the incident, per phase. */
  phaseCounts: Record<HostPhase, number>;
  waves: RolloutWave[];
  markers: RolloutMarker[];
}

/** A user's grouping rule: hosts whose name matches the glob `pattern` (`*` and `?`) belong to `group`. */
export interface GroupingRule {
  id: number;
  pattern: string;
  group: string;
}

/** An all-zero count per phase. */
export function emptyPhaseCounts(): Record<HostPhase, number> {
  return Object.fromEntries(HOST_PHASES.map((phase) => [phase, 0])) as Record<HostPhase, number>;
}

/** An all-zero count per health. */
export function emptyHealthCounts(): Record<HostHealth, number> {
  return Object.fromEntries(HOST_HEALTHS.map((health) => [health, 0])) as Record<HostHealth, number>;
}
