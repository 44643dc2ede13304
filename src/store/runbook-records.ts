/**
 * The execution record of runbooks: runs (one responder working through one runbook, on one snapshot
 * of its text) and every tick, untick and note with actor and time. `readExecutionRecord` reads a run
 * back as one ordered log with skipped steps visible; the postmortem export reads it from here.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionRecord, RunbookRun, StepAction, StepRecord } from '../model/runbook';
import { ApiError } from '../api/errors';
import { buildExecutionLog } from '../runbooks/execution-log';
import { stepsOfRunbookText } from '../runbooks/parse-runbook';
import type { IncidentDb } from './incident-db';
import { ensureSnapshot, getSnapshot, type SnapshotSource } from './runbook-snapshots';

interface RunRow {
  id: number;
  uid: string;
  runbook_id: string;
  title: string;
  snapshot_id: number;
  started_ms: number;
  started_by: string;
  created_ms: number;
}

interface RecordRow {
  id: number;
  uid: string;
  run_id: number;
  runbook_id: string;
  step_index: number;
  step_text: string;
  action: StepAction;
  note: string;
  actor: string;
  ts_ms: number;
  recorded_ms: number;
}

function toRun(row: RunRow): RunbookRun {
  return {
    id: row.id,
    uid: row.uid,
    runbookId: row.runbook_id,
    title: row.title,
    snapshotId: row.snapshot_id,
    startedMs: row.started_ms,
    startedBy: row.started_by,
    createdMs: row.created_ms,
  };
}

function toRecord(row: RecordRow): StepRecord {
  return {
    id: row.id,
    uid: row.uid,
    runId: row.run_id,
    runbookId: row.runbook_id,
    stepIndex: row.step_index,
    stepText: row.step_text,
    action: row.action,
    note: row.note,
    actor: row.actor,
    tsMs: row.ts_ms,
    recordedMs: row.recorded_ms,
  };
}

const RECORD_SELECT = `SELECT r.id, r.uid, r.run_id, u.runbook_id, r.step_index, r.step_text, r.action, r.note, r.actor, r.ts_ms, r.recorded_ms
  FROM runbook_step_records r JOIN runbook_runs u ON u.id = r.run_id`;

/** Every run, oldest first (optionally of one runbook). */
export function listRuns(incident: IncidentDb, runbookId?: string): RunbookRun[] {
  const rows = (
    runbookId === undefined
      ? incident.db.prepare('SELECT * FROM runbook_runs ORDER BY started_ms, id').all()
      : incident.db.prepare('SELECT * FROM runbook_runs WHERE runbook_id = ? ORDER BY started_ms, id').all(runbookId)
  ) as RunRow[];
  return rows.map(toRun);
}

/** A run by id; throws `not_found`. */
export function getRun(incident: IncidentDb, runId: number): RunbookRun {
  const row = incident.db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(runId) as RunRow | undefined;
  if (row === undefined) throw new ApiError('not_found', `Runbook run ${runId} is not in this incident; reload the runbook and try again.`);
  return toRun(row);
}

/** Starts a new run of a runbook on a snapshot of its current text. */
export function startRun(incident: IncidentDb, source: SnapshotSource, actor: string, tsMs: number, nowMs = Date.now()): RunbookRun {
  const { db } = incident;
  const id = db.transaction(() => {
    const snapshotId = ensureSnapshot(incident, source, nowMs);
    const result = db
      .prepare('INSERT INTO runbook_runs (uid, runbook_id, title, snapshot_id, started_ms, started_by, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), source.runbookId, source.title, snapshotId, tsMs, actor, nowMs);
    return Number(result.lastInsertRowid);
  })();
  return getRun(incident, id);
}

/** The newest run of a runbook whose snapshot has `contentHash`, or undefined (then a new run is needed). */
export function currentRun(incident: IncidentDb, runbookId: string, contentHash: string): RunbookRun | undefined {
  const row = incident.db
    .prepare(
      `SELECT u.* FROM runbook_runs u JOIN runbook_snapshots s ON s.id = u.snapshot_id
        WHERE u.runbook_id = ? AND s.content_hash = ? ORDER BY u.id DESC LIMIT 1`,
    )
    .get(runbookId, contentHash) as RunRow | undefined;
  return row === undefined ? undefined : toRun(row);
}

/** Stores one action on a step of a run; the step must exist in the run's snapshot. */
export function addStepRecord(
  incident: IncidentDb,
  record: { runId: number; stepIndex: number; action: StepAction; note: string; actor: string; tsMs: number },
  nowMs = Date.now(),
): StepRecord {
  const run = getRun(incident, record.runId);
  const snapshot = getSnapshot(incident, run.snapshotId);
  const step = snapshot === undefined ? undefined : stepsOfRunbookText(snapshot.text)[record.stepIndex];
  if (step === undefined) throw new ApiError('invalid_argument', `Runbook "${run.title}" has no step ${record.stepIndex + 1}; reload the runbook and try again.`);
  const result = incident.db
    .prepare('INSERT INTO runbook_step_records (uid, run_id, step_index, step_text, action, note, actor, ts_ms, recorded_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(randomUUID(), run.id, record.stepIndex, step.text, record.action, record.note, record.actor, record.tsMs, nowMs);
  const row = incident.db.prepare(`${RECORD_SELECT} WHERE r.id = ?`).get(Number(result.lastInsertRowid)) as RecordRow;
  return toRecord(row);
}

/** Every step record in incident-time order (optionally within a range), for the timeline lane. */
export function listStepRecords(incident: IncidentDb, fromMs = Number.MIN_SAFE_INTEGER, toMs = Number.MAX_SAFE_INTEGER, limit = 5000): StepRecord[] {
  const rows = incident.db.prepare(`${RECORD_SELECT} WHERE r.ts_ms BETWEEN ? AND ? ORDER BY r.ts_ms, r.id LIMIT ?`).all(fromMs, toMs, limit) as RecordRow[];
  return rows.map(toRecord);
}

/**
 * The execution record of one run: the snapshot text the responder read, every step's outcome, and
 * every action in order with skipped steps shown where the responder moved past them.
 */
export function readExecutionRecord(incident: IncidentDb, runId: number): ExecutionRecord {
  const run = getRun(incident, runId);
  const snapshot = getSnapshot(incident, run.snapshotId);
  const snapshotText = snapshot?.text ?? '';
  const rows = incident.db.prepare(`${RECORD_SELECT} WHERE r.run_id = ? ORDER BY r.ts_ms, r.id`).all(runId) as RecordRow[];
  const { steps, log } = buildExecutionLog(stepsOfRunbookText(snapshotText), rows.map(toRecord));
  return { run, snapshotText, steps, log };
}
