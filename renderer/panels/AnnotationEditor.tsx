/**
 * Edits one annotation. There is no Save button: each change is committed to the incident file as it
 * is made (text after a short pause in typing, and at once when the field loses focus), and the
 * status line says when the last change was saved.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ANNOTATION_KINDS, ANNOTATION_KIND_LABELS, type Annotation, type AnnotationEdit, type AnnotationFields, type AnnotationKind } from '../../src/model/annotation';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatUtcDateTime } from '../timeline/format-time';
import { parseUtcTime } from '../timeline/parse-time';
import { useAnnotationActions } from './use-annotation-actions';

/** Pause in typing after which text is committed, in ms. */
export const TEXT_COMMIT_DELAY_MS = 500;

type TextField = 'title' | 'body' | 'owner' | 'dueDate';

/** The editor for `annotation`; `isReadOnly` shows it without edit controls. */
export function AnnotationEditor({ annotation, isReadOnly }: { annotation: Annotation; isReadOnly: boolean }) {
  const { store, client } = useApp();
  const actions = useAnnotationActions();
  const ids = { kind: useId(), title: useId(), body: useId(), start: useId(), end: useId(), owner: useId(), due: useId(), heading: useId() };
  const selected = useHindsight((s) => s.selected);
  const [texts, setTexts] = useState<Record<TextField, string>>(() => textsOf(annotation));
  const [status, setStatus] = useState('All changes saved.');
  const [history, setHistory] = useState<AnnotationEdit[] | null>(null);
  const pending = useRef<Partial<Record<TextField, string>>>({});
  const timer = useRef<number>(0);

  const loadHistory = async () => {
    try {
      setHistory(await client.api['annotations.history']({ uid: annotation.uid }));
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };

  const commit = async (patch: Partial<AnnotationFields>, label: string) => {
    setStatus('Saving…');
    const saved = await actions.update(annotation.uid, patch, label);
    setStatus(saved === null ? 'Not saved; see the message at the top.' : `Saved at ${formatUtcDateTime(saved.updatedMs)}.`);
    if (history !== null) void loadHistory();
  };

  const flush = async () => {
    window.clearTimeout(timer.current);
    const patch = pending.current;
    pending.current = {};
    if (Object.keys(patch).length === 0) return;
    const fields: Partial<AnnotationFields> = {};
    if (patch.title !== undefined) fields.title = patch.title;
    if (patch.body !== undefined) fields.body = patch.body;
    if (patch.owner !== undefined) fields.owner = patch.owner.trim() === '' ? null : patch.owner;
    if (patch.dueDate !== undefined) {
      const due = patch.dueDate.trim();
      if (due !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(due)) {
        setStatus('Due date not saved: write it as YYYY-MM-DD.');
        return;
      }
      fields.dueDate = due === '' ? null : due;
    }
    await commit(fields, `edit ${Object.keys(patch).join(' and ')}`);
  };
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });

  useEffect(() => {
    if (Object.keys(pending.current).length === 0) setTexts(textsOf(annotation));
  }, [annotation]);
  useEffect(() => () => void flushRef.current(), [annotation.uid]);

  const onText = (field: TextField, value: string) => {
    setTexts((current) => ({ ...current, [field]: value }));
    pending.current = { ...pending.current, [field]: value };
    setStatus('Editing…');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), TEXT_COMMIT_DELAY_MS);
  };

  const onTime = (which: 'tsMs' | 'endMs', text: string) => {
    if (which === 'endMs' && text.trim() === '') return void commit({ endMs: null }, 'make it a moment');
    const parsed = parseUtcTime(text, annotation.tsMs);
    if (parsed === null) {
      setStatus('Time not saved: write it as YYYY-MM-DD HH:MM:SS (UTC).');
      return;
    }
    if (parsed !== annotation[which]) void commit({ [which]: parsed }, which === 'tsMs' ? 'move start' : 'move end');
  };

  const playheadMs = () => store.getState().playheadMs;
  const selectedEventId = selected?.kind === 'event' ? selected.id : null;

  return (
    <section className="annotation-editor" aria-labelledby={ids.heading} data-testid="annotation-editor">
      <h3 id={ids.heading}>{isReadOnly ? 'Annotation' : 'Edit annotation'}</h3>
      <fieldset disabled={isReadOnly} className="editor-fields">
        <label htmlFor={ids.kind}>Kind</label>
        <select id={ids.kind} value={annotation.kind} onChange={(e) => void commit({ kind: e.target.value as AnnotationKind }, 'change kind')}>
          {ANNOTATION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ANNOTATION_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.title}>Title</label>
        <input id={ids.title} value={texts.title} onChange={(e) => onText('title', e.target.value)} onBlur={() => void flush()} placeholder="What happened, in a few words" />
        <label htmlFor={ids.body}>Note (Markdown)</label>
        <textarea id={ids.body} rows={4} value={texts.body} onChange={(e) => onText('body', e.target.value)} onBlur={() => void flush()} placeholder="Why it matters, what we saw, links" />
        <label htmlFor={ids.start}>Start (UTC)</label>
        <div className="editor-row">
          <input id={ids.start} key={`s${annotation.tsMs}`} defaultValue={formatUtcDateTime(annotation.tsMs).replace(' UTC', '')} onBlur={(e) => onTime('tsMs', e.target.value)} onKeyDown={(e) => e.key === 'Enter' && onTime('tsMs', e.currentTarget.value)} />
          <button type="button" onClick={() => void commit({ tsMs: playheadMs() }, 'move start')}>
            Start at playhead
          </button>
        </div>
        <label htmlFor={ids.end}>End (UTC, empty for a moment)</label>
        <div className="editor-row">
          <input id={ids.end} key={`e${annotation.endMs}`} defaultValue={annotation.endMs === null ? '' : formatUtcDateTime(annotation.endMs).replace(' UTC', '')} onBlur={(e) => onTime('endMs', e.target.value)} onKeyDown={(e) => e.key === 'Enter' && onTime('endMs', e.currentTarget.value)} />
          <button type="button" onClick={() => playheadMs() >= annotation.tsMs ? void commit({ endMs: playheadMs() }, 'move end') : setStatus('The end must be after the start; move the playhead later first.')}>
            End at playhead
          </button>
        </div>
        {annotation.kind === 'action-item' && (
          <>
            <label htmlFor={ids.owner}>Owner</label>
            <input id={ids.owner} value={texts.owner} onChange={(e) => onText('owner', e.target.value)} onBlur={() => void flush()} />
            <label htmlFor={ids.due}>Due date (YYYY-MM-DD)</label>
            <input id={ids.due} value={texts.dueDate} onChange={(e) => onText('dueDate', e.target.value)} onBlur={() => void flush()} />
          </>
        )}
        <div className="editor-evidence">
          <span className="muted">Evidence:</span>
          {annotation.eventIds.length === 0 && <span className="muted"> none</span>}
          {annotation.eventIds.map((eventId) => (
            <span key={eventId} className="evidence-chip">
              <button type="button" className="link-button" onClick={() => store.getState().select({ kind: 'event', id: eventId })}>
                event {eventId}
              </button>
              <button type="button" aria-label={`Remove event ${eventId} from the evidence`} onClick={() => void commit({ eventIds: annotation.eventIds.filter((id) => id !== eventId) }, 'remove evidence')}>
                ×
              </button>
            </span>
          ))}
          <button
            type="button"
            disabled={selectedEventId === null || annotation.eventIds.includes(selectedEventId)}
            onClick={() => selectedEventId !== null && void commit({ eventIds: [...annotation.eventIds, selectedEventId] }, 'add evidence')}
          >
            Add selected event
          </button>
        </div>
      </fieldset>
      <p className="editor-status" role="status" data-testid="annotation-status">
        {isReadOnly ? 'Read-only: this incident cannot be changed here.' : status} By {annotation.author || 'someone unnamed'}, last changed {formatUtcDateTime(annotation.updatedMs)}.
      </p>
      <div className="editor-actions">
        <button type="button" aria-expanded={history !== null} onClick={() => (history === null ? void loadHistory() : setHistory(null))}>
          {history === null ? 'Show history' : 'Hide history'}
        </button>
        {!isReadOnly && (
          <button type="button" className="danger" onClick={() => void actions.remove(annotation.uid)}>
            Delete annotation
          </button>
        )}
        <button type="button" onClick={() => store.getState().setEditingUid(null)}>
          Done
        </button>
      </div>
      {history !== null && (
        <ol className="annotation-history" aria-label="Edit history">
          {history.map((edit) => (
            <li key={edit.id}>
              {formatUtcDateTime(edit.editedMs)} · {edit.author || 'someone unnamed'} · {edit.action}: “{edit.after.title || ANNOTATION_KIND_LABELS[edit.after.kind]}”
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function textsOf(annotation: Annotation): Record<TextField, string> {
  return { title: annotation.title, body: annotation.body, owner: annotation.owner ?? '', dueDate: annotation.dueDate ?? '' };
}
