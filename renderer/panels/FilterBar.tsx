/**
 * The filter bar: one line of filter text (`host:storage-* level>=warn service:rsync "free text"`)
 * applied to the timeline, the event list and the fleet together. The service reads the text back as a
 * sentence, or refuses it with a fix, before it is applied. "/" focuses it from anywhere.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';

/** The filter bar. */
export function FilterBar() {
  const { store, client } = useApp();
  const inputId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const filterText = useHindsight((s) => s.filterText);
  const [draft, setDraft] = useState(filterText);
  const [seenText, setSeenText] = useState(filterText);
  const [parsed, setParsed] = useState<{ filterText: string; text: string; isError: boolean } | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  if (seenText !== filterText) {
    setSeenText(filterText);
    setDraft(filterText);
    setDraftError(null);
  }

  useEffect(() => {
    if (filterText === '') return;
    let isCurrent = true;
    client.api['search.parse']({ filter: filterText }).then(
      (result) => isCurrent && setParsed({ filterText, text: `Showing events matching ${result.description}.`, isError: false }),
      (error: unknown) => isCurrent && setParsed({ filterText, text: errorSentence(error), isError: true }),
    );
    return () => {
      isCurrent = false;
    };
  }, [client, filterText]);

  const status =
    draftError !== null
      ? { text: draftError, isError: true }
      : filterText === ''
        ? { text: 'Showing every event.', isError: false }
        : parsed?.filterText === filterText
          ? parsed
          : { text: 'Reading the filter…', isError: false };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target !== null && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)) return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const apply = async (text: string) => {
    setDraftError(null);
    if (text.trim() === '') {
      setDraft('');
      store.getState().setFilterText('');
      return;
    }
    try {
      await client.api['search.parse']({ filter: text });
      store.getState().setFilterText(text);
    } catch (error) {
      setDraftError(errorSentence(error));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void apply(draft);
  };

  return (
    <form className="filter-bar" role="search" aria-label="Filter events" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="filter-label">
        Filter
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        className="filter-input"
        value={draft}
        placeholder='host:storage-* level>=warn service:rsync "free text"'
        aria-describedby={statusId}
        aria-keyshortcuts="/"
        spellCheck={false}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setDraft(filterText);
            event.currentTarget.blur();
          }
        }}
      />
      <button type="submit">Apply filter</button>
      <button type="button" disabled={filterText === '' && draft === ''} onClick={() => void apply('')}>
        Clear filter
      </button>
      <p id={statusId} className={status.isError ? 'filter-status count-error' : 'filter-status muted small'} role="status" title={status.text} data-testid="filter-status">
        {status.text}
      </p>
    </form>
  );
}
