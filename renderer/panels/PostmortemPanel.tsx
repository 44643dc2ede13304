/**
 * The postmortem draft, written inside the incident: title, status, authors and every section. Each
 * section shows the text generated from annotations until someone writes their own; edits are
 * committed as they are typed (no Save button). Key figures are computed, and Export is at the end.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  POSTMORTEM_SECTIONS,
  POSTMORTEM_SECTION_TITLES,
  POSTMORTEM_STATUSES,
  type PostmortemSection,
  type PostmortemStatus,
  type PostmortemView,
} from '../../src/model/postmortem';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatCount, formatDuration, formatUtcDateTime } from '../timeline/format-time';
import { TEXT_COMMIT_DELAY_MS } from './AnnotationEditor';
import { PostmortemExport } from './PostmortemExport';

type Patch = { title?: string; status?: PostmortemStatus; authors?: string[]; sections?: Partial<Record<PostmortemSection, string>> };

const time = (tsMs: number | null): string => (tsMs === null ? 'not marked' : formatUtcDateTime(tsMs));
const duration = (ms: number | null): string => (ms === null ? 'not known' : formatDuration(ms));

/** The panel, over the incident view; `onClose` returns to the timeline. */
export function PostmortemPanel({ onClose }: { onClose(): void }) {
  const { store, client } = useApp();
  const headingId = useId();
  const titleId = useId();
  const statusId = useId();
  const authorsId = useId();
  const isReadOnly = useHindsight((s) => s.incident?.isReadOnly ?? false);
  const [view, setView] = useState<PostmortemView | null>(null);
  const [texts, setTexts] = useState<{ title: string; authors: string; sections: Record<PostmortemSection, string> } | null>(null);
  const [saveNote, setSaveNote] = useState('All changes saved.');
  const pending = useRef<Patch>({});
  const timer = useRef(0);

  useEffect(() => {
    let isCurrent = true;
    const load = () =>
      client.api['postmortem.get']({}).then(
        (next) => {
          if (!isCurrent) return;
          setView(next);
          if (Object.keys(pending.current).length === 0) {
            setTexts({ title: next.draft.title, authors: next.draft.authors.join(', '), sections: next.draft.sections });
          }
        },
        (error: unknown) => store.getState().showError(errorSentence(error)),
      );
    void load();
    const unsubscribe = client.on('annotations.changed', () => void load());
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [client, store]);

  const flush = async () => {
    window.clearTimeout(timer.current);
    const patch = pending.current;
    pending.current = {};
    if (Object.keys(patch).length === 0) return;
    setSaveNote('Saving…');
    try {
      const draft = await client.api['postmortem.update']({ ...patch, author: store.getState().authorName.trim() });
      setSaveNote(`Saved at ${formatUtcDateTime(draft.updatedMs ?? Date.now())}.`);
    } catch (error) {
      setSaveNote('Not saved; see the message at the top.');
      store.getState().showError(errorSentence(error));
    }
  };
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  useEffect(() => () => void flushRef.current(), []);

  const queue = (patch: Patch, isImmediate = false) => {
    pending.current = { ...pending.current, ...patch, sections: { ...pending.current.sections, ...patch.sections } };
    if (pending.current.sections && Object.keys(pending.current.sections).length === 0) delete pending.current.sections;
    setSaveNote('Editing…');
    window.clearTimeout(timer.current);
    if (isImmediate) void flush();
    else timer.current = window.setTimeout(() => void flush(), TEXT_COMMIT_DELAY_MS);
  };

  const setSection = (key: PostmortemSection, value: string, isImmediate = false) => {
    setTexts((current) => (current === null ? current : { ...current, sections: { ...current.sections, [key]: value } }));
    queue({ sections: { [key]: value } }, isImmediate);
  };

  if (view === null || texts === null) {
    return (
      <section className="panel postmortem-panel" aria-labelledby={headingId}>
        <h2 id={headingId}>Postmortem</h2>
        <p className="muted">Loading the draft…</p>
      </section>
    );
  }
  const f = view.figures;
  return (
    <section className="panel postmortem-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>Postmortem</h2>
        <p className="muted small" role="status">
          {isReadOnly ? 'Read-only: the draft can be read and exported but not changed.' : saveNote}
        </p>
        <div className="toolbar">
          <button type="button" onClick={onClose}>
            Close postmortem
          </button>
        </div>
      </div>
      <div className="postmortem-body">
        <fieldset disabled={isReadOnly} className="postmortem-fields">
          <div className="postmortem-meta">
            <label htmlFor={titleId}>Title</label>
            <input id={titleId} value={texts.title} onChange={(e) => (setTexts({ ...texts, title: e.target.value }), queue({ title: e.target.value }))} onBlur={() => void flush()} />
            <label htmlFor={statusId}>Status</label>
            <select id={statusId} value={view.draft.status} onChange={(e) => queue({ status: e.target.value as PostmortemStatus }, true)}>
              {POSTMORTEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <label htmlFor={authorsId}>Authors (comma-separated)</label>
            <input
              id={authorsId}
              value={texts.authors}
              onChange={(e) => {
                setTexts({ ...texts, authors: e.target.value });
                queue({ authors: e.target.value.split(',').map((a) => a.trim()).filter((a) => a !== '') });
              }}
              onBlur={() => void flush()}
            />
          </div>
          <section aria-label="Key figures" className="postmortem-figures">
            <h3>Key figures (computed)</h3>
            <dl>
              <dt>Impact</dt>
              <dd>
                {time(f.impactStartMs)} to {time(f.impactEndMs)} ({duration(f.impactDurationMs)})
              </dd>
              <dt>Time to detect</dt>
              <dd>{duration(f.timeToDetectMs)}</dd>
              <dt>Time to mitigate</dt>
              <dd>{duration(f.timeToMitigateMs)}</dd>
              <dt>Hosts affected</dt>
              <dd>{formatCount(f.hostsAffected)} logged errors</dd>
              <dt>Errors / warnings</dt>
              <dd>
                {formatCount(f.errorCount)} / {formatCount(f.warningCount)}
              </dd>
            </dl>
            <p className="muted small">{view.runbookNote}</p>
          </section>
          {POSTMORTEM_SECTIONS.map((key) => (
            <PostmortemSectionField key={key} sectionKey={key} value={texts.sections[key]} suggestion={view.suggestions[key]} onChange={setSection} onBlur={() => void flush()} />
          ))}
        </fieldset>
        <PostmortemExport />
      </div>
    </section>
  );
}

function PostmortemSectionField(props: {
  sectionKey: PostmortemSection;
  value: string;
  suggestion: string;
  onChange(key: PostmortemSection, value: string, isImmediate?: boolean): void;
  onBlur(): void;
}) {
  const id = useId();
  const { sectionKey, value, suggestion } = props;
  const isGenerated = value.trim() === '';
  return (
    <div className="postmortem-section">
      <div className="section-head">
        <label htmlFor={id}>{POSTMORTEM_SECTION_TITLES[sectionKey]}</label>
        <span className="muted small">{isGenerated ? (suggestion.trim() === '' ? 'empty' : 'using text generated from annotations') : 'written by the team'}</span>
        {isGenerated && suggestion.trim() !== '' && (
          <button type="button" onClick={() => props.onChange(sectionKey, suggestion, true)}>
            Edit the generated text
          </button>
        )}
      </div>
      <textarea
        id={id}
        rows={isGenerated ? Math.min(8, Math.max(2, suggestion.split('\n').length)) : Math.min(14, Math.max(3, value.split('\n').length + 1))}
        value={value}
        placeholder={suggestion.trim() === '' ? 'Nothing yet: write it here, or annotate the timeline and it fills in.' : suggestion}
        onChange={(e) => props.onChange(sectionKey, e.target.value)}
        onBlur={props.onBlur}
      />
    </div>
  );
}
