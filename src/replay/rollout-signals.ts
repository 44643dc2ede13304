/**
 * Reads one event as a rollout signal: which deploy target it is about, and what it says about that
 * target's phase, step, version, wave and rollout. Recognised: rollout-controller events
 * (`host.upgrade.*`, `host.reimage.*`, `host.bootstrap.*`, `host.healthcheck.*`, `host.rollback.*`… with
 * from_version/to_version/os_image/phase/wave), messages such as "upgrading web-3 from 1.2 to 1.3",
 * version attributes, Kubernetes image pulls and ReplicaSet scaling, GitHub deployment statuses, and
 * OpenShift ClusterVersion upgrade history (`openshift.upgrade`).
 */
import type { Level } from '../model/event';
import type { HostPhase } from '../model/replay';

/** An event as the rollout model reads it. */
export interface ReplayEvent {
  id: number;
  tsMs: number;
  host: string | null;
  level: Level;
  kind: string | null;
  message: string;
  /** Parsed attributes, or null when they cannot matter (see {@link mayCarrySignal}). */
  attrs: Record<string, unknown> | null;
}

/** What an event says about a deploy target. Absent fields leave the target's state as it was. */
export interface RolloutSignal {
  /** The host (or deployment, or environment) the signal is about. */
  target: string;
  /** A group for targets that are not hosts (deployments, environments). */
  group?: string;
  phase?: Exclude<HostPhase, 'not_in_rollout'>;
  /** The step while updating; null clears it. */
  step?: string | null;
  /** The version the target runs from now on. */
  version?: string;
  fromVersion?: string;
  toVersion?: string;
  wave?: number | null;
  rolloutId?: string;
  isRollback?: boolean;
  /** The target now runs the version it was moving to (e.g. the old ReplicaSet scaled to zero). */
  isTargetReached?: boolean;
}

const CONTROLLER_KIND = /^(?:host|node|instance)\.([a-z_]+)\.([a-z_]+)$/;
const VERSION_ATTRIBUTES = ['version', 'app_version', 'service.version', 'os_image', 'image', 'image_tag', 'release', 'build_version'] as const;
/** Attribute names that make parsing an event's attributes worthwhile; see {@link mayCarrySignal}. */
const SIGNAL_HINTS = /version|image|"phase"|"wave"|"role"|"pool"|"asg"|"release"|"environment"|"state"|nodepool|group|"tier"|"cluster"/i;
const FROM_TO_MESSAGE = /\b(upgrad\w*|updat\w*|deploy\w*|roll\w*|migrat\w*)\b.*?\bfrom\s+["']?([\w.:@/+-]*\w)["']?\s+to\s+["']?([\w.:@/+-]*\w)/i;
const DONE_MESSAGE = /\b(upgraded|updated|deployed|rolled back|reverted)\s+to\s+["']?([\w.:@/+-]*\w)/i;
const PULLED_IMAGE = /Successfully pulled image "([^"]+)"/;
const SCALED_REPLICA_SET = /Scaled (up|down) replica set (\S+?)-([0-9a-z]{5,10}) (?:from \d+ )?to (\d+)/;
const GITHUB_STATES: Record<string, Exclude<HostPhase, 'not_in_rollout'>> = {
  pending: 'pending', queued: 'pending', waiting: 'pending', in_progress: 'updating',
  success: 'done', failure: 'failed', error: 'failed',
};

/** Cheap pre-check on the attributes' JSON text: false when the attributes cannot change the model. */
export function mayCarrySignal(attrsJson: string): boolean {
  return attrsJson.length > 2 && SIGNAL_HINTS.test(attrsJson);
}

function text(attrs: Record<string, unknown> | null, name: string): string | undefined {
  const value = attrs?.[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function waveOf(attrs: Record<string, unknown> | null): number | null | undefined {
  if (attrs === null || !('wave' in attrs)) return undefined;
  const value = attrs.wave;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/** The rollout signal an event carries, or null. */
export function signalOf(event: ReplayEvent): RolloutSignal | null {
  return controllerSignal(event) ?? githubSignal(event) ?? openshiftSignal(event) ?? kubernetesSignal(event) ?? messageSignal(event) ?? versionSignal(event);
}

function controllerSignal(event: ReplayEvent): RolloutSignal | null {
  const match = event.kind === null || event.host === null ? null : CONTROLLER_KIND.exec(event.kind);
  if (!match || event.host === null) return null;
  const [, verb = '', outcome = ''] = match;
  const { attrs } = event;
  const fromVersion = text(attrs, 'from_version');
  const toVersion = text(attrs, 'to_version');
  const phaseAttr = text(attrs, 'phase');
  const isRollback = verb === 'rollback' || phaseAttr === 'rolled_back';
  const base: RolloutSignal = { target: event.host, fromVersion, toVersion, wave: waveOf(attrs), rolloutId: text(attrs, 'rollout_id'), isRollback };
  if (phaseAttr === 'rolled_back' || (verb === 'rollback' && outcome === 'completed')) {
    return { ...base, phase: 'rolled_back', step: null, ...(toVersion === undefined ? {} : { version: toVersion }) };
  }
  if (phaseAttr === 'healthy' || ((verb === 'upgrade' || verb === 'update') && outcome === 'completed')) {
    return { ...base, phase: 'done', step: null, ...(toVersion === undefined ? {} : { version: toVersion }) };
  }
  if (outcome === 'failed' && verb !== 'healthcheck') {
    return { ...base, phase: 'failed', ...(verb === 'upgrade' || verb === 'rollback' || verb === 'update' ? {} : { step: verb }) };
  }
  const step = verb === 'upgrade' || verb === 'update' || verb === 'rollback' ? (phaseAttr ?? verb) : verb;
  const signal: RolloutSignal = { ...base, phase: 'updating', step };
  if (outcome === 'started' && (verb === 'upgrade' || verb === 'update' || verb === 'rollback') && fromVersion !== undefined) signal.version = fromVersion;
  if (verb === 'reimage' && outcome === 'completed') {
    const booted = text(attrs, 'os_image') ?? toVersion;
    if (booted !== undefined) signal.version = booted;
  }
  return signal;
}

function githubSignal(event: ReplayEvent): RolloutSignal | null {
  const { attrs } = event;
  if (event.kind !== 'deployment_status' && event.kind !== 'deployment') return null;
  const environment = text(attrs, 'environment') ?? event.host;
  if (environment === undefined || environment === null) return null;
  const version = text(attrs, 'sha') ?? text(attrs, 'ref');
  const state = (text(attrs, 'state') ?? (event.kind === 'deployment' ? 'pending' : '')).toLowerCase();
  const phase = GITHUB_STATES[state];
  if (phase === undefined) return null;
  const signal: RolloutSignal = { target: `env/${environment}`, group: 'environments', phase, step: phase === 'updating' ? 'deploy' : null };
  if (version !== undefined) {
    if (phase === 'done') signal.version = version;
    else signal.toVersion = version;
  }
  return signal;
}

/** A ClusterVersion history entry (importer format `openshift-status`): the cluster upgrading (Partial) or upgraded (Completed, at its start). */
function openshiftSignal(event: ReplayEvent): RolloutSignal | null {
  if (event.kind !== 'openshift.upgrade') return null;
  const { attrs } = event;
  const version = text(attrs, 'version');
  const target = `cluster/${text(attrs, 'cluster') ?? text(attrs, 'name') ?? 'openshift'}`;
  if (version === undefined) return null;
  if (text(attrs, 'state') === 'Completed') return { target, group: 'clusters', phase: 'done', step: null, version };
  return { target, group: 'clusters', phase: 'updating', step: 'upgrade', toVersion: version };
}

function kubernetesSignal(event: ReplayEvent): RolloutSignal | null {
  const scaled = event.kind === 'ScalingReplicaSet' ? SCALED_REPLICA_SET.exec(event.message) : null;
  if (scaled) {
    const [, direction, deployment = '', hash = '', replicas] = scaled;
    const target = `deployment/${deployment}`;
    if (direction === 'up') return { target, group: 'deployments', phase: 'updating', step: 'scale up', toVersion: hash };
    if (replicas === '0') return { target, group: 'deployments', phase: 'done', step: null, isTargetReached: true, fromVersion: hash };
    return { target, group: 'deployments', phase: 'updating', step: 'scale down' };
  }
  if ((event.kind === 'Pulled' || event.kind === 'Started') && event.host !== null) {
    const pulled = PULLED_IMAGE.exec(event.message);
    if (pulled?.[1]) return { target: event.host, version: pulled[1] };
  }
  return null;
}

function messageSignal(event: ReplayEvent): RolloutSignal | null {
  if (event.host === null) return null;
  const fromTo = FROM_TO_MESSAGE.exec(event.message);
  if (fromTo) {
    const [, verb = '', fromVersion = '', toVersion = ''] = fromTo;
    const isRollback = /^roll/i.test(verb) || /\broll(ing|ed)?\s*back\b/i.test(event.message);
    return { target: event.host, phase: 'updating', step: isRollback ? 'rollback' : null, version: fromVersion, fromVersion, toVersion, isRollback };
  }
  const done = DONE_MESSAGE.exec(event.message);
  if (done) {
    const [, verb = '', version = ''] = done;
    const isRollback = /back|revert/i.test(verb);
    return { target: event.host, phase: isRollback ? 'rolled_back' : 'done', step: null, version, isRollback };
  }
  return null;
}

function versionSignal(event: ReplayEvent): RolloutSignal | null {
  if (event.host === null || event.attrs === null) return null;
  for (const name of VERSION_ATTRIBUTES) {
    const version = text(event.attrs, name);
    if (version !== undefined) return { target: event.host, version };
  }
  return null;
}
