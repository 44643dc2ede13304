/**
 * Folds one host's rollout signals, sorted by (time, id), into the change points of its state. A fold is
 * kept with its host so that signals arriving after the last one folded (live follow) continue it
 * instead of folding the host's whole history again, unless they change what the fold decided up front
 * (whether the host has phases, its first version, whether its version ever changes).
 */
import { phaseCode, phaseOfCode } from './host-timeline';
import type { RolloutSignal } from './rollout-signals';

/** A signal with the time and id of the event it came from. */
export interface TimedSignal {
  tsMs: number;
  id: number;
  signal: RolloutSignal;
}

/** The host's state from one signal on; numbers index the builder's versions and steps (-1 none, NaN wave none). */
export interface ChangePoint {
  tsMs: number;
  id: number;
  phase: number;
  version: number;
  target: number;
  step: number;
  wave: number;
}

/** The builder's numbering of versions and steps, which a fold extends. */
export interface FoldTables {
  /** Number of a version, numbered anew when unseen; -1 for none. */
  version(value: string | null | undefined): number;
  /** Number of a step, numbered anew when unseen; -1 for none. */
  step(value: string | null | undefined): number;
  /** Number of a version seen before, else undefined. */
  knownVersion(value: string): number | undefined;
}

/** A host's folded signals: its initial phase and version, its change points, and where folding stopped. */
export interface SignalFold {
  initialPhase: number;
  initialVersion: number;
  points: ChangePoint[];
  hasPhases: boolean;
  hasVersionChange: boolean;
  /** Signals folded so far, the last of them, the state after it and every version the host ran. */
  foldedCount: number;
  lastFolded: TimedSignal | undefined;
  state: ChangePoint;
  versionsSeen: Set<number>;
}

/**
 * Folds sorted signals into change points, continuing `previous` (which it may change) when it holds
 * a prefix of `signals` that the rest leaves valid. A host with explicit phase signals starts `pending`;
 * one whose only signals are versions is `not_in_rollout` until its version changes, then `done` (or
 * `rolled_back` when it returns to a version it ran before).
 */
export function foldSignals(signals: readonly TimedSignal[], tables: FoldTables, previous: SignalFold | null): SignalFold {
  const fold = previous !== null && canContinue(previous, signals, tables) ? previous : startFold(signals, tables);
  const { hasPhases, versionsSeen, points } = fold;
  let state = fold.state;
  for (let i = fold.foldedCount; i < signals.length; i++) {
    const { tsMs, id, signal } = signals[i]!;
    const next: ChangePoint = { ...state, tsMs, id };
    if (signal.version !== undefined) next.version = tables.version(signal.version);
    if (signal.isTargetReached && state.target !== -1) next.version = state.target;
    if (signal.phase !== undefined) next.phase = phaseCode(signal.phase);
    else if (!hasPhases && next.version !== state.version && next.version !== -1) {
      next.phase = phaseCode(versionsSeen.has(next.version) ? 'rolled_back' : 'done');
    }
    if (signal.step !== undefined) next.step = tables.step(signal.step);
    if (signal.wave !== undefined) next.wave = signal.wave ?? NaN;
    const phase = phaseOfCode(next.phase);
    if (phase === 'updating' && signal.toVersion !== undefined) next.target = tables.version(signal.toVersion);
    if (phase === 'done' || phase === 'rolled_back' || phase === 'pending') {
      next.target = -1;
      next.step = -1;
    }
    if (next.version !== -1) versionsSeen.add(next.version);
    if (!sameState(next, state)) points.push(next);
    state = next;
  }
  fold.state = state;
  fold.foldedCount = signals.length;
  fold.lastFolded = signals[signals.length - 1];
  return fold;
}

/** A fold that has folded nothing yet, with what the whole of `signals` decides up front. */
function startFold(signals: readonly TimedSignal[], tables: FoldTables): SignalFold {
  const hasPhases = signals.some((s) => s.signal.phase !== undefined);
  const first = signals.find((s) => s.signal.fromVersion !== undefined || s.signal.version !== undefined)?.signal;
  const initialVersion = tables.version(first?.fromVersion ?? first?.version);
  const hasVersionChange = signals.some((s) => s.signal.version !== undefined && tables.knownVersion(s.signal.version) !== initialVersion);
  const initialPhase = phaseCode(hasPhases || hasVersionChange ? 'pending' : 'not_in_rollout');
  return {
    initialPhase,
    initialVersion,
    points: [],
    hasPhases,
    hasVersionChange,
    foldedCount: 0,
    lastFolded: undefined,
    state: { tsMs: -Infinity, id: 0, phase: initialPhase, version: initialVersion, target: -1, step: -1, wave: NaN },
    versionsSeen: new Set(initialVersion === -1 ? [] : [initialVersion]),
  };
}

/**
 * Whether `signals` are the fold's signals, in the same order, followed by new ones that decide nothing
 * differently up front.
 * NOTE: the last signal folded still sitting at its old index proves no new signal sorts before it.
 */
function canContinue(fold: SignalFold, signals: readonly TimedSignal[], tables: FoldTables): boolean {
  if (fold.foldedCount > 0 && signals[fold.foldedCount - 1] !== fold.lastFolded) return false;
  for (let i = fold.foldedCount; i < signals.length; i++) {
    const { signal } = signals[i]!;
    if (signal.phase !== undefined && !fold.hasPhases) return false;
    if (fold.initialVersion === -1 && (signal.fromVersion !== undefined || signal.version !== undefined)) return false;
    if (signal.version !== undefined && !fold.hasVersionChange && tables.knownVersion(signal.version) !== fold.initialVersion) return false;
  }
  return true;
}

function sameState(a: ChangePoint, b: ChangePoint): boolean {
  return a.phase === b.phase && a.version === b.version && a.target === b.target && a.step === b.step && Object.is(a.wave, b.wave);
}
