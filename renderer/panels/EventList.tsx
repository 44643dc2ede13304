/**
 * The event list that follows the playhead: events around it (and the unparsed lines among them),
 * virtualised, scrolled so the row at the playhead sits near the top. A listbox with
 * aria-activedescendant: arrows move, Enter selects and opens the details.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { UnparsedLine } from '../../src/model/event';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatUtcTime } from '../timeline/format-time';
import { mergeRows, playheadRowIndex, unparsedLabel, type EventRow } from './event-rows';

/** Height of one row, in CSS px. */
const ROW_HEIGHT_PX = 24;

/** Least time between two fetches while the playhead moves, in ms. */
const THROTTLE_MS = 150;

/** Rows kept above the playhead row when scrolling to it. */
const ROWS_ABOVE_PLAYHEAD = 3;

interface Loaded {
  rows: EventRow[];
  playheadIndex: number;
}

/** Props: the detail panel needs the full unparsed line when one is selected. */
export interface EventListProps {
  onSelectUnparsed(line: UnparsedLine | null): void;
}

/** The event list panel. */
export function EventList({ onSelectUnparsed }: EventListProps) {
  const { store, client } = useApp();
  const headingId = useId();
  const rowIdPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded>({ rows: [], playheadIndex: -1 });
  const [activeIndex, setActiveIndex] = useState(-1);
  const selected = useHindsight((s) => s.selected);
  const sources = useHindsight((s) => s.sources);
  const incidentKey = useHindsight((s) => (s.incident === null ? '' : `${s.incident.path}:${s.incident.eventCount}:${s.incident.unparsedCount}`));
  const filterText = useHindsight((s) => s.filterText);
  const sourceNames = useMemo(() => new Map(sources.map((source) => [source.id, source.name])), [sources]);
  const sourceName = (id: number) => sourceNames.get(id) ?? `source ${id}`;

  useEffect(() => {
    if (incidentKey === '') return;
    let sequence = 0;
    let lastFetchMs = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchAround = () => {
      timer = undefined;
      lastFetchMs = performance.now();
      sequence += 1;
      const mine = sequence;
      const tsMs = store.getState().playheadMs;
      client.api['events.around']({ tsMs, before: 50, after: 150, ...(filterText === '' ? {} : { filter: filterText }) }).then(
        (result) => {
          if (mine !== sequence) return;
          const rows = mergeRows(result.events, result.unparsed);
          setLoaded({ rows, playheadIndex: playheadRowIndex(rows, tsMs) });
        },
        (error: unknown) => {
          if (mine === sequence) store.getState().showError(errorSentence(error));
        },
      );
    };
    const schedule = () => {
      if (timer !== undefined) return;
      const waitMs = Math.max(0, lastFetchMs + THROTTLE_MS - performance.now());
      timer = setTimeout(fetchAround, waitMs);
    };
    fetchAround();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.playheadMs !== previous.playheadMs) schedule();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      sequence += 1;
    };
  }, [store, client, incidentKey, filterText]);

  const { rows, playheadIndex } = loaded;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are used here only, never passed to memoised children.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });

  useEffect(() => {
    setActiveIndex(playheadIndex);
    if (playheadIndex >= 0) virtualizer.scrollToIndex(Math.max(0, playheadIndex - ROWS_ABOVE_PLAYHEAD), { align: 'start' });
  }, [loaded, playheadIndex, virtualizer]);

  const choose = (index: number) => {
    const row = rows[index];
    if (row === undefined) return;
    setActiveIndex(index);
    if (row.kind === 'event') {
      store.getState().select({ kind: 'event', id: row.event.id });
      onSelectUnparsed(null);
    } else {
      store.getState().select({ kind: 'unparsed', id: row.line.id });
      onSelectUnparsed(row.line);
    }
  };

  const moveActive = (index: number) => {
    if (rows.length === 0) return;
    const next = Math.min(Math.max(index, 0), rows.length - 1);
    setActiveIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = activeIndex < 0 ? 0 : activeIndex;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT_PX) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + pageRows,
      PageUp: current - pageRows,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveActive(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      choose(current);
    }
  };

  const rowId = (index: number) => `${rowIdPrefix}-row-${index}`;
  const isSelected = (row: EventRow) =>
    selected !== null && ((row.kind === 'event' && selected.kind === 'event' && selected.id === row.event.id) || (row.kind === 'unparsed' && selected.kind === 'unparsed' && selected.id === row.line.id));

  return (
    <section className="panel event-list-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>Events at the playhead</h2>
        <span className="muted small">{rows.length === 0
            ? filterText === ''
              ? 'No events near the playhead.'
              : 'No events match the filter.'
            : `${rows.length} ${filterText === '' ? 'rows' : 'matching events'} around the playhead · ↑↓ to move, Enter for details`}</span>
      </div>
      <div className="event-columns" aria-hidden="true">
        <span>Time (UTC)</span>
        <span>Level</span>
        <span>Host</span>
        <span>Service</span>
        <span>Message</span>
      </div>
      <div
        ref={scrollRef}
        className="event-scroll"
        role="listbox"
        tabIndex={0}
        aria-labelledby={headingId}
        aria-activedescendant={activeIndex >= 0 && activeIndex < rows.length ? rowId(activeIndex) : undefined}
        data-testid="event-list"
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const classes = ['event-row'];
            if (item.index === activeIndex) classes.push('is-active');
            if (item.index === playheadIndex) classes.push('is-at-playhead');
            if (isSelected(row)) classes.push('is-selected');
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT_PX };
            if (row.kind === 'unparsed') {
              return (
                <div
                  key={row.key}
                  id={rowId(item.index)}
                  role="option"
                  aria-selected={isSelected(row)}
                  className={[...classes, 'unparsed-row'].join(' ')}
                  style={style}
                  data-testid="unparsed-row"
                  onClick={() => choose(item.index)}
                >
                  <span className="cell-time">{row.tsMs === null ? '—' : formatUtcTime(row.tsMs)}</span>
                  <span className="cell-level level-unparsed">unparsed</span>
                  <span className="cell-unparsed">
                    {unparsedLabel(row.line, sourceName(row.line.sourceId))} <span className="raw-inline">{row.line.raw}</span>
                  </span>
                </div>
              );
            }
            const { event } = row;
            return (
              <div
                key={row.key}
                id={rowId(item.index)}
                role="option"
                aria-selected={isSelected(row)}
                className={classes.join(' ')}
                style={style}
                data-testid="event-row"
                data-at-playhead={item.index === playheadIndex ? 'true' : undefined}
                onClick={() => choose(item.index)}
              >
                <span className="cell-time">{formatUtcTime(event.tsMs)}</span>
                <span className={`cell-level level-${event.level}`}>{event.level}</span>
                <span className="cell-host">{event.host ?? '—'}</span>
                <span className="cell-service">{event.service ?? '—'}</span>
                <span className="cell-message">{event.message}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
