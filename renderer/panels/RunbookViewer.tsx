/**
 * The runbook viewer: the runbook's Markdown rendered safely, each checklist item a checkbox that
 * records a tick or untick (with the responder's name and time) and can take a note; commands have
 * Copy buttons; below, the run's record in order with skipped steps visible.
 */
import { useId, useState, type ReactNode } from 'react';
import type { ExecutionRecord, RunbookStep, StepState } from '../../src/model/runbook';
import { formatClock } from '../runbooks/clock';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { renderRunbookMarkdown } from '../runbooks/markdown-view';
import { defaultStepTimeMode, stepTimeMsFor, type StepTimeMode } from '../runbooks/step-time';
import { useRunbookQuery } from '../runbooks/use-runbook-query';
import { formatUtcDateTime } from '../timeline/format-time';
import { RunbookRunLog } from './RunbookRunLog';

/** The viewer of one runbook. */
export function RunbookViewer({ runbookId }: { runbookId: string }) {
  const { store, client } = useApp();
  const titleId = useId();
  const modeId = useId();
  const detail = useRunbookQuery((c) => c.api['runbooks.get']({ id: runbookId }), [runbookId]);
  const fetchedRecord = useRunbookQuery((c) => c.api['runbooks.currentRun']({ runbookId }), [runbookId]);
  const [latestRecord, setLatestRecord] = useState<ExecutionRecord | null>(null);
  const lastTsMs = useHindsight((s) => s.incident?.lastTsMs ?? null);
  const isReadOnly = useHindsight((s) => s.incident?.isReadOnly ?? false);
  const [mode, setMode] = useState<StepTimeMode>(() => defaultStepTimeMode(lastTsMs, Date.now()));
  const [noteStep, setNoteStep] = useState<number | null>(null);
  const [noteText, setNoteText] = useState('');
  // The box shows the click at once; the stored record confirms it (or the error undoes it).
  const [optimistic, setOptimistic] = useState<ReadonlyMap<number, boolean>>(new Map());
  const record = latestRecord !== null && latestRecord.run.runbookId === runbookId && (fetchedRecord === null || latestRecord.log.length >= fetchedRecord.log.length) ? latestRecord : fetchedRecord;

  if (detail === null) return <p className="muted">Loading the runbook…</p>;

  const stepTimeMs = () => stepTimeMsFor(mode, store.getState().playheadMs);
  const actorOrWarn = (): string | null => {
    const actor = store.getState().authorName.trim();
    if (actor === '') store.getState().showError('Set your name in the runbook panel first; every step is recorded with who did it.');
    return actor === '' ? null : actor;
  };
  const recordStep = async (step: RunbookStep, action: 'tick' | 'untick' | 'note', note = '') => {
    const actor = actorOrWarn();
    if (actor === null) return false;
    const setPending = (value: boolean | null) =>
      setOptimistic((previous) => {
        const next = new Map(previous);
        if (value === null) next.delete(step.index);
        else next.set(step.index, value);
        return next;
      });
    if (action !== 'note') setPending(action === 'tick');
    try {
      setLatestRecord(await client.api['runbooks.recordStep']({ runbookId, runId: record?.run.id, stepIndex: step.index, action, note, actor, tsMs: stepTimeMs() }));
      return true;
    } catch (error) {
      store.getState().showError(errorSentence(error));
      return false;
    } finally {
      if (action !== 'note') setPending(null);
    }
  };
  const startNewRun = async () => {
    const actor = actorOrWarn();
    if (actor === null) return;
    try {
      setLatestRecord(await client.api['runbooks.startRun']({ runbookId, actor, tsMs: stepTimeMs() }));
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };
  const linkHere = async () => {
    const state = store.getState();
    try {
      await client.api['runbooks.link']({ runbookId, tsMs: state.playheadMs, ...(state.selected?.kind === 'event' ? { eventId: state.selected.id } : {}) });
    } catch (error) {
      state.showError(errorSentence(error));
    }
  };

  const stateOf = (index: number): StepState | undefined => record?.steps.find((s) => s.index === index);
  const renderStep = (step: RunbookStep, content: ReactNode): ReactNode => {
    const state = stateOf(step.index);
    const isDone = state?.outcome === 'done';
    const label = `Step ${step.index + 1}: ${step.text}`;
    return (
      <div className={`runbook-step outcome-${state?.outcome ?? 'not-reached'}`} data-testid="runbook-step">
        <input
          type="checkbox"
          checked={optimistic.get(step.index) ?? isDone}
          disabled={isReadOnly}
          aria-label={label}
          onChange={(event) => void recordStep(step, event.target.checked ? 'tick' : 'untick')}
        />
        <div className="runbook-step-content">
          {content}
          <p className="runbook-step-status">
            {isDone && state?.doneMs != null ? `Done by ${state.doneBy} at ${formatClock(state.doneMs)} UTC` : state?.outcome === 'skipped' ? 'Skipped (a later step was done)' : ''}
          </p>
          {state?.notes.map((note, index) => (
            <p key={index} className="runbook-step-note">
              Note by {note.actor} at {formatClock(note.tsMs)}: {note.text}
            </p>
          ))}
          {noteStep === step.index ? (
            <form
              className="runbook-note-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (noteText.trim() === '') return;
                void recordStep(step, 'note', noteText).then((isSaved) => {
                  if (!isSaved) return;
                  setNoteStep(null);
                  setNoteText('');
                });
              }}
            >
              <label>
                <span className="visually-hidden">Note on step {step.index + 1}</span>
                <textarea value={noteText} rows={2} onChange={(event) => setNoteText(event.target.value)} autoFocus />
              </label>
              <button type="submit">Save note</button>
              <button type="button" onClick={() => setNoteStep(null)}>
                Cancel
              </button>
            </form>
          ) : (
            !isReadOnly && (
              <button type="button" className="link-button" aria-label={`Add a note to step ${step.index + 1}`} onClick={() => setNoteStep(step.index)}>
                Add note
              </button>
            )
          )}
        </div>
      </div>
    );
  };

  const done = record?.steps.filter((s) => s.outcome === 'done').length ?? 0;
  return (
    <article className="runbook-viewer" aria-labelledby={titleId} data-testid="runbook-viewer">
      <div className="runbook-viewer-head">
        <button type="button" onClick={() => store.getState().openRunbook(null)}>
          ← Back
        </button>
        <h3 id={titleId}>{detail.title}</h3>
      </div>
      <p className="runbook-meta">
        Severity {detail.severity} · owner {detail.owner}
        {detail.services.length > 0 ? ` · ${detail.services.join(', ')}` : ''}
      </p>
      <p>{detail.summary}</p>
      {detail.isFromSnapshot && <p className="count-warn">This runbook is not in your library; showing the copy saved in the incident.</p>}
      <div className="runbook-run-bar">
        <span data-testid="runbook-progress">
          {done} of {detail.steps.length} steps done{record !== null ? ` · run started ${formatUtcDateTime(record.run.startedMs)} by ${record.run.startedBy}` : ' · not started'}
        </span>
        <label htmlFor={modeId}>Record steps at</label>
        <select id={modeId} value={mode} onChange={(event) => setMode(event.target.value as StepTimeMode)}>
          <option value="now">the current time (live incident)</option>
          <option value="playhead">the playhead (reconstructing)</option>
        </select>
        {!isReadOnly && (
          <>
            <button type="button" onClick={() => void linkHere()}>
              Link to playhead
            </button>
            <button type="button" onClick={() => void startNewRun()} disabled={record === null}>
              Start a new run
            </button>
          </>
        )}
      </div>
      <div className="runbook-markdown">{renderRunbookMarkdown(detail.body, detail.title, detail.steps, renderStep)}</div>
      {record !== null && <RunbookRunLog record={record} />}
    </article>
  );
}
