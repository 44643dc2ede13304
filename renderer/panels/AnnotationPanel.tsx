/**
 * The annotations panel: who is writing, annotate at the playhead (A), star the selected event (S),
 * undo/redo (Ctrl+Z / Ctrl+Shift+Z), merge a colleague's copy, the list in time order (click to
 * jump), and the editor of the chosen annotation.
 */
import { useEffect, useId, useState } from 'react';
import { ANNOTATION_KIND_LABELS } from '../../src/model/annotation';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatUtcTime } from '../timeline/format-time';
import { AnnotationEditor } from './AnnotationEditor';
import { PathDialog } from './PathDialog';
import { TourControls } from './TourControls';
import { undoStackOf, useAnnotationActions } from './use-annotation-actions';

/** localStorage key of the name written on edits. */
export const AUTHOR_STORAGE_KEY = 'hindsight.author';

/** True when a key press belongs to a text field, a select or a dialog rather than to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('dialog') !== null || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The panel. */
export function AnnotationPanel() {
  const { store, client } = useApp();
  const actions = useAnnotationActions();
  const headingId = useId();
  const authorId = useId();
  const incidentPath = useHindsight((s) => s.incident?.path ?? null);
  const isReadOnly = useHindsight((s) => s.incident?.isReadOnly ?? false);
  const annotations = useHindsight((s) => s.annotations);
  const editingUid = useHindsight((s) => s.editingUid);
  const authorName = useHindsight((s) => s.authorName);
  const undoDepth = useHindsight((s) => s.undoDepth);
  const redoDepth = useHindsight((s) => s.redoDepth);
  const selected = useHindsight((s) => s.selected);
  const isStarred = useHindsight((s) => selected?.kind === 'event' && s.starredEventIds.includes(selected.id));
  const [isAskingMerge, setAskingMerge] = useState(false);
  const [mergeNote, setMergeNote] = useState<string | null>(null);
  const selectedEventId = selected?.kind === 'event' ? selected.id : null;
  const editing = annotations.find((a) => a.uid === editingUid) ?? null;

  useEffect(() => {
    store.getState().setAuthorName(window.localStorage.getItem(AUTHOR_STORAGE_KEY) ?? '');
  }, [store]);

  useEffect(() => {
    undoStackOf(store).clear();
    const state = store.getState();
    state.setUndoDepths(0, 0);
    state.setTour(null);
    state.setEditingUid(null);
    if (incidentPath !== null) void actions.refresh();
    return client.on('annotations.changed', () => void actions.refresh());
  }, [incidentPath, store, client, actions]);

  const annotateAtPlayhead = async () => {
    const state = store.getState();
    state.setSideTab('annotations');
    const eventId = state.selected?.kind === 'event' ? state.selected.id : null;
    await actions.create({ kind: 'key-moment', tsMs: state.playheadMs, eventIds: eventId !== null && state.cursorEventId === eventId ? [eventId] : [] });
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || isTypingTarget(event.target)) return;
      const isCommand = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handler: (() => void) | null = null;
      if (isCommand && key === 'z') handler = () => void (event.shiftKey ? actions.redo() : actions.undo());
      else if (isCommand && key === 'y') handler = () => void actions.redo();
      else if (!isCommand && event.key === 'a' && !isReadOnly) handler = () => void annotateAtPlayhead();
      else if (!isCommand && event.key === 's' && !isReadOnly) {
        const state = store.getState();
        if (state.selected?.kind === 'event') handler = () => void actions.toggleStar(state.selected!.id);
      }
      if (handler === null) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  const merge = async (path: string) => {
    try {
      const summary = await client.api['annotations.merge']({ path });
      setMergeNote(
        `Merged ${summary.fromPath}: ${summary.added} added, ${summary.updated} updated, ${summary.deleted} deleted, ${summary.unchanged} unchanged; ${summary.starsAdded} stars and ${summary.sectionsUpdated} postmortem fields taken.` +
          (summary.anchorsSkipped > 0 ? ` ${summary.anchorsSkipped} event references were skipped because those events differ between the files.` : ''),
      );
      await actions.refresh();
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };

  return (
    <section className="panel annotation-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>Annotations ({annotations.length})</h2>
        <TourControls />
      </div>
      <div className="annotation-body">
        {isReadOnly ? (
          <p className="read-only-note" role="note">
            Read-only: annotations can be viewed and toured but not changed.
          </p>
        ) : (
          <>
            <div className="author-row">
              <label htmlFor={authorId}>Your name</label>
              <input
                id={authorId}
                value={authorName}
                placeholder="Shown on your notes"
                onChange={(e) => {
                  store.getState().setAuthorName(e.target.value);
                  window.localStorage.setItem(AUTHOR_STORAGE_KEY, e.target.value);
                }}
              />
            </div>
            <div className="toolbar annotation-toolbar" role="toolbar" aria-label="Annotation commands">
              <button type="button" className="primary" aria-keyshortcuts="a" title="Annotate the moment at the playhead (A)" onClick={() => void annotateAtPlayhead()}>
                Annotate this moment
              </button>
              <button type="button" disabled={selectedEventId === null} aria-pressed={isStarred} aria-keyshortcuts="s" title="Star the selected event as evidence (S)" onClick={() => selectedEventId !== null && void actions.toggleStar(selectedEventId)}>
                {selectedEventId === null ? 'Star event' : isStarred ? `Unstar event ${selectedEventId}` : `Star event ${selectedEventId}`}
              </button>
              <button type="button" disabled={undoDepth === 0} aria-keyshortcuts="Control+Z" title="Undo the last annotation edit (Ctrl+Z)" onClick={() => void actions.undo()}>
                Undo
              </button>
              <button type="button" disabled={redoDepth === 0} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)" onClick={() => void actions.redo()}>
                Redo
              </button>
              <button type="button" onClick={() => setAskingMerge(true)}>
                Merge a copy…
              </button>
            </div>
          </>
        )}
        {mergeNote !== null && (
          <p className="merge-note" role="status">
            {mergeNote}{' '}
            <button type="button" className="link-button" onClick={() => setMergeNote(null)}>
              Dismiss
            </button>
          </p>
        )}
        {annotations.length === 0 ? (
          <p className="muted empty-note">No annotations yet. Move the playhead to a moment that matters and press A (or “Annotate this moment”).</p>
        ) : (
          <ol className="annotation-list" aria-label="Annotations in time order">
            {annotations.map((a) => (
              <li key={a.uid}>
                <button
                  type="button"
                  className={`annotation-item kind-${a.kind}`}
                  aria-current={a.uid === editingUid ? 'true' : undefined}
                  data-testid="annotation-item"
                  onClick={() => {
                    const state = store.getState();
                    state.setPlayhead(a.tsMs);
                    state.setEditingUid(a.uid);
                  }}
                >
                  <span className="annotation-time">{formatUtcTime(a.tsMs)}</span>
                  <span className="annotation-kind">{ANNOTATION_KIND_LABELS[a.kind]}</span>
                  <span className="annotation-title">{a.title.trim() || 'Untitled'}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        {editing !== null && <AnnotationEditor key={editing.uid} annotation={editing} isReadOnly={isReadOnly} />}
      </div>
      {isAskingMerge && (
        <PathDialog
          title="Merge a colleague’s copy"
          description="Their annotations, stars and postmortem text are added to this incident; nothing is duplicated and their file is not changed."
          fieldLabel="Path of their copy of this incident file"
          confirmLabel="Merge"
          initialValue=""
          onCancel={() => setAskingMerge(false)}
          onConfirm={([path]) => {
            setAskingMerge(false);
            if (path !== undefined) void merge(path);
          }}
        />
      )}
    </section>
  );
}
