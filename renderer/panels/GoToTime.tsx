/** "Go to time": type a UTC time (or just a clock time on the playhead's day) and the playhead jumps there. */
import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../state/app-context';
import { parseUtcTime } from '../timeline/parse-time';

/** The go-to form in the replay toolbar. */
export function GoToTime() {
  const { store } = useApp();
  const [text, setText] = useState('');
  const [isInvalid, setInvalid] = useState(false);
  const fieldId = useId();
  const hintId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const state = store.getState();
    const tsMs = parseUtcTime(text, state.playheadMs);
    setInvalid(tsMs === null);
    if (tsMs === null) return;
    state.setPlayhead(tsMs);
    const spanMs = state.viewport.toMs - state.viewport.fromMs;
    state.setViewport({ fromMs: tsMs - spanMs / 2, toMs: tsMs + spanMs / 2 });
  };

  return (
    <form className="go-to-time" onSubmit={submit} role="search" aria-label="Go to time">
      <label htmlFor={fieldId}>Go to (UTC)</label>
      <input
        id={fieldId}
        type="text"
        value={text}
        placeholder="HH:MM:SS.mmm"
        spellCheck={false}
        aria-invalid={isInvalid}
        aria-describedby={hintId}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
      />
      <button type="submit">Go</button>
      <span id={hintId} className={isInvalid ? 'go-to-hint is-invalid' : 'go-to-hint'} role={isInvalid ? 'alert' : undefined}>
        {isInvalid ? 'Use YYYY-MM-DD HH:MM:SS.mmm or HH:MM:SS.mmm (UTC).' : ''}
      </span>
    </form>
  );
}
