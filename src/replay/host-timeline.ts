/**
 * One host's compact timeline: its state changes (phase, version, target, step, wave) and the times
 * of its events, warnings and errors, in typed arrays sorted by time, so the state at any instant is a
 * few binary searches. Serialises to one Float64Array for the incident's replay cache.
 */
import { HOST_PHASES, type GroupOrigin, type HostPhase } from '../model/replay';

/** A host's timeline. Index fields point into the model's `versions` and `steps` tables; -1 means none. */
export interface HostTimeline {
  host: string;
  inferredGroup: string;
  inferredOrigin: GroupOrigin;
  eventCount: number;
  firstTsMs: number | null;
  lastTsMs: number | null;
  /** Phase and version before the first change. */
  initialPhase: number;
  initialVersion: number;
  /** Change points, sorted by (time, event id). */
  changeTsMs: Float64Array;
  changeEventId: Float64Array;
  changePhase: Float64Array;
  changeVersion: Float64Array;
  changeTarget: Float64Array;
  changeStep: Float64Array;
  /** Wave number, NaN for none. */
  changeWave: Float64Array;
  /** Sorted times of this host's warnings, and of its errors (error and fatal). */
  warnTsMs: Float64Array;
  errorTsMs: Float64Array;
  /** Sorted (time, id) of every event of this host. */
  eventTsMs: Float64Array;
  eventId: Float64Array;
}

/** Code of a phase in the typed arrays. */
export function phaseCode(phase: HostPhase): number {
  return HOST_PHASES.indexOf(phase);
}

/** Phase of a code in the typed arrays. */
export function phaseOfCode(code: number): HostPhase {
  return HOST_PHASES[code] ?? 'not_in_rollout';
}

/** Number of elements ≤ `value` in a sorted array (the index just after the last element ≤ value). */
export function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const CHANGE_ARRAYS = ['changeTsMs', 'changeEventId', 'changePhase', 'changeVersion', 'changeTarget', 'changeStep', 'changeWave'] as const;
const HEADER_LENGTH = 6;

/** Size in bytes of the buffer {@link packTimeline} makes of a timeline. */
export function packedTimelineBytes(t: HostTimeline): number {
  return 8 * (HEADER_LENGTH + t.changeTsMs.length * CHANGE_ARRAYS.length + t.warnTsMs.length + t.errorTsMs.length + t.eventTsMs.length * 2);
}

/** Packs the typed arrays of a timeline into one buffer (the rest is stored as columns). */
export function packTimeline(t: HostTimeline): Buffer {
  const changes = t.changeTsMs.length;
  const out = new Float64Array(packedTimelineBytes(t) / 8);
  out.set([changes, t.warnTsMs.length, t.errorTsMs.length, t.eventTsMs.length, t.initialPhase, t.initialVersion]);
  let at = HEADER_LENGTH;
  for (const name of CHANGE_ARRAYS) {
    out.set(t[name], at);
    at += changes;
  }
  for (const array of [t.warnTsMs, t.errorTsMs, t.eventTsMs, t.eventId]) {
    out.set(array, at);
    at += array.length;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Unpacks what {@link packTimeline} wrote, around the stored columns; throws when the blob does not hold what its header counts. */
export function unpackTimeline(
  blob: Buffer,
  columns: Pick<HostTimeline, 'host' | 'inferredGroup' | 'inferredOrigin' | 'eventCount' | 'firstTsMs' | 'lastTsMs'>,
): HostTimeline {
  const copy = new Float64Array(blob.byteLength / 8);
  new Uint8Array(copy.buffer).set(blob);
  const [changes = 0, warns = 0, errors = 0, events = 0, initialPhase = 0, initialVersion = -1] = copy.subarray(0, HEADER_LENGTH);
  if (HEADER_LENGTH + changes * CHANGE_ARRAYS.length + warns + errors + events * 2 !== copy.length) throw new Error('A stored host timeline does not hold the arrays its header counts.');
  let at = HEADER_LENGTH;
  const take = (length: number): Float64Array => {
    const view = copy.subarray(at, at + length);
    at += length;
    return view;
  };
  const change = CHANGE_ARRAYS.map(() => take(changes));
  return {
    ...columns,
    initialPhase,
    initialVersion,
    changeTsMs: change[0]!,
    changeEventId: change[1]!,
    changePhase: change[2]!,
    changeVersion: change[3]!,
    changeTarget: change[4]!,
    changeStep: change[5]!,
    changeWave: change[6]!,
    warnTsMs: take(warns),
    errorTsMs: take(errors),
    eventTsMs: take(events),
    eventId: take(events),
  };
}
