/** The details of the selected row: an event's raw text, source, lines and attributes, or an unparsed line and why. */
import { useEffect, useId, useState } from 'react';
import { TRUNCATED_ATTRIBUTE, type EventDetail as EventDetailData, type TruncatedFields, type UnparsedLine } from '../../src/model/event';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatUtcDateTime } from '../timeline/format-time';

/** Props: the unparsed line, when one is selected (the list already has it). */
export interface EventDetailProps {
  unparsed: UnparsedLine | null;
}

function lineRange(lineStart: number, lineEnd: number): string {
  return lineEnd > lineStart ? `lines ${lineStart}–${lineEnd}` : `line ${lineStart}`;
}

function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What the importer cut from the event, in words, or null when nothing was. */
function truncationNote(attrs: Record<string, unknown>): string | null {
  const cut = attrs[TRUNCATED_ATTRIBUTE] as TruncatedFields | undefined;
  if (typeof cut !== 'object' || cut === null) return null;
  const parts: string[] = [];
  if (typeof cut.message === 'number') parts.push(`the message (${cut.message.toLocaleString('en-US')} characters)`);
  if (typeof cut.attrs === 'number') parts.push(`the attributes (${cut.attrs.toLocaleString('en-US')} characters of JSON)`);
  return parts.length === 0 ? null : `Too long to keep whole: ${parts.join(' and ')} ${parts.length === 1 ? 'was' : 'were'} shortened; the raw text below has all of it.`;
}

/** The detail panel. */
export function EventDetail({ unparsed }: EventDetailProps) {
  const { client, store } = useApp();
  const headingId = useId();
  const selected = useHindsight((s) => s.selected);
  const sources = useHindsight((s) => s.sources);
  const [detail, setDetail] = useState<EventDetailData | null>(null);
  const selectedEventId = selected?.kind === 'event' ? selected.id : null;

  useEffect(() => {
    if (selectedEventId === null) return;
    let isCurrent = true;
    client.api['events.get']({ id: selectedEventId }).then(
      (result) => {
        if (isCurrent) setDetail(result);
      },
      (error: unknown) => {
        if (isCurrent) store.getState().showError(errorSentence(error));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [client, store, selectedEventId]);

  const shownEvent = detail !== null && detail.id === selectedEventId ? detail : null;
  const shortened = shownEvent === null ? null : truncationNote(shownEvent.attrs);
  const shownUnparsed = selected?.kind === 'unparsed' && unparsed !== null && unparsed.id === selected.id ? unparsed : null;

  return (
    <section className="panel detail-panel" aria-labelledby={headingId} data-testid="event-detail">
      <div className="panel-head">
        <h2 id={headingId}>Details</h2>
      </div>
      <div className="detail-body">
        {shownEvent !== null ? (
          <>
            <dl className="detail-fields">
              <dt>Time</dt>
              <dd>{formatUtcDateTime(shownEvent.tsMs)}</dd>
              <dt>Level</dt>
              <dd className={`level-${shownEvent.level}`}>{shownEvent.level}</dd>
              <dt>Host</dt>
              <dd>{shownEvent.host ?? '—'}</dd>
              <dt>Service</dt>
              <dd>{shownEvent.service ?? '—'}</dd>
              {shownEvent.kind !== null && (
                <>
                  <dt>Kind</dt>
                  <dd>{shownEvent.kind}</dd>
                </>
              )}
              <dt>Source</dt>
              <dd>
                {shownEvent.sourceName}, {lineRange(shownEvent.lineStart, shownEvent.lineEnd)}
              </dd>
              {shortened !== null && (
                <>
                  <dt>Shortened</dt>
                  <dd data-testid="truncation-note">{shortened}</dd>
                </>
              )}
            </dl>
            <h3>Raw text</h3>
            <pre className="raw-text" data-testid="raw-text">
              {shownEvent.raw}
            </pre>
            {Object.keys(shownEvent.attrs).length > 0 && (
              <>
                <h3>Attributes</h3>
                <dl className="detail-fields attrs">
                  {Object.entries(shownEvent.attrs).map(([key, value]) => (
                    <div key={key} className="attr">
                      <dt>{key}</dt>
                      <dd>{attributeText(value)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </>
        ) : shownUnparsed !== null ? (
          <>
            <dl className="detail-fields">
              <dt>Unparsed</dt>
              <dd>{shownUnparsed.reason}</dd>
              <dt>Source</dt>
              <dd>
                {sources.find((s) => s.id === shownUnparsed.sourceId)?.name ?? `source ${shownUnparsed.sourceId}`},{' '}
                {lineRange(shownUnparsed.lineStart, shownUnparsed.lineEnd)}
              </dd>
              <dt>Placed at</dt>
              <dd>{shownUnparsed.contextTsMs === null ? 'start (no earlier event in its source)' : formatUtcDateTime(shownUnparsed.contextTsMs)}</dd>
            </dl>
            <h3>Raw text</h3>
            <pre className="raw-text" data-testid="raw-text">
              {shownUnparsed.raw}
            </pre>
          </>
        ) : (
          <p className="muted">{selectedEventId !== null ? 'Loading…' : 'Select a row in the event list (click it, or Enter) to see its raw text and attributes.'}</p>
        )}
      </div>
    </section>
  );
}
