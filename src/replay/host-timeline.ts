/**
 * One host's compact timeline: its state changes (phase, version, target, step, wave) and the times
 * of its events, warnings and errors, in typed arrays sorted by time, so the state at any instant is a
 * few binary searches. Serialises to one buffer for the incident's replay cache.
 */
import { HOST_PHASES, type GroupOrigin, type HostPhase } from '../model/replay';
import { eventCountOf, type EventTimes } from './event-times';

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
  events: EventTimes;
}

/** Code of a phase in the typed arrays. */
export function phaseCode(phase: HostPhase): number {
  return HOST_PHASES.indexOf(phase);
}

/** Phase of a code in the typed arrays. */
export function phaseOfCode(code: number): HostPhase {
  return HOST_PHASES[code] ?? 'not_in_rollout';
}

const CHANGE_ARRAYS = ['changeTsMs', 'changeEventId', 'changePhase', 'changeVersion', 'changeTarget', 'changeStep', 'changeWave'] as const;
const HEADER_LENGTH = 7;

/** Lengths of the arrays a packed timeline holds: its header. */
function lengthsOf(t: HostTimeline): { changes: number; warns: number; errors: number; blocks: number; events: number } {
  return { changes: t.changeTsMs.length, warns: t.warnTsMs.length, errors: t.errorTsMs.length, blocks: t.events.blockStart.length, events: eventCountOf(t.events) };
}

/** Bytes of a packed timeline with these lengths: 8-byte values (header, changes, warnings, errors, block firsts), then 4-byte ones (block starts, event offsets). */
function packedBytes({ changes, warns, errors, blocks, events }: ReturnType<typeof lengthsOf>): number {
  return 8 * (HEADER_LENGTH + changes * CHANGE_ARRAYS.length + warns + errors + blocks * 2) + 4 * (blocks + events * 2);
}

/** Size in bytes of the buffer {@link packTimeline} makes of a timeline. */
export function packedTimelineBytes(t: HostTimeline): number {
  return packedBytes(lengthsOf(t));
}

/** Packs the typed arrays of a timeline into one buffer (the rest is stored as columns). */
export function packTimeline(t: HostTimeline): Buffer {
  const lengths = lengthsOf(t);
  const bytes = new ArrayBuffer(packedBytes(lengths));
  const wide = new Float64Array(bytes, 0, HEADER_LENGTH + lengths.changes * CHANGE_ARRAYS.length + lengths.warns + lengths.errors + lengths.blocks * 2);
  wide.set([lengths.changes, lengths.warns, lengths.errors, lengths.blocks, lengths.events, t.initialPhase, t.initialVersion]);
  let at = HEADER_LENGTH;
  for (const array of [...CHANGE_ARRAYS.map((name) => t[name]), t.warnTsMs, t.errorTsMs, t.events.blockTsMs, t.events.blockId]) {
    wide.set(array, at);
    at += array.length;
  }
  at = wide.byteLength;
  for (const array of [t.events.blockStart, t.events.tsOffset, t.events.idOffset]) {
    new Uint8Array(bytes, at, array.byteLength).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    at += array.byteLength;
  }
  return Buffer.from(bytes);
}

/** Unpacks what {@link packTimeline} wrote, around the stored columns; throws when the blob does not hold what its header counts. */
export function unpackTimeline(
  blob: Buffer,
  columns: Pick<HostTimeline, 'host' | 'inferredGroup' | 'inferredOrigin' | 'eventCount' | 'firstTsMs' | 'lastTsMs'>,
): HostTimeline {
  const bytes = new ArrayBuffer(blob.byteLength);
  new Uint8Array(bytes).set(blob);
  const header = new Float64Array(bytes, 0, Math.min(HEADER_LENGTH, Math.floor(blob.byteLength / 8)));
  const [changes = 0, warns = 0, errors = 0, blocks = 0, events = 0, initialPhase = 0, initialVersion = -1] = header;
  if (header.length < HEADER_LENGTH || packedBytes({ changes, warns, errors, blocks, events }) !== blob.byteLength) {
    throw new Error('A stored host timeline does not hold the arrays its header counts.');
  }
  let at = HEADER_LENGTH * 8;
  const take = <T>(Kind: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    const view = new Kind(bytes, at, length);
    at += length * Kind.BYTES_PER_ELEMENT;
    return view;
  };
  const change = CHANGE_ARRAYS.map(() => take(Float64Array, changes));
  const warnTsMs = take(Float64Array, warns);
  const errorTsMs = take(Float64Array, errors);
  const blockTsMs = take(Float64Array, blocks);
  const blockId = take(Float64Array, blocks);
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
    warnTsMs,
    errorTsMs,
    events: { blockStart: take(Uint32Array, blocks), blockTsMs, blockId, tsOffset: take(Uint32Array, events), idOffset: take(Int32Array, events) },
  };
}
