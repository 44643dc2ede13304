/**
 * The open incident: header with counts and commands, the timeline with its playhead slider, the
 * replay toolbar, the event list and the detail panel. Global shortcuts are handled here.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UnparsedLine } from '../../src/model/event';
import type { ImportSummary } from '../../src/model/incident';
import { useApp, useHindsight } from '../state/app-context';
import { useIncidentActions } from '../state/use-incident-actions';
import { formatCountOf } from '../timeline/format-time';
import { PlayheadSlider } from '../timeline/PlayheadSlider';
import { Timeline } from '../timeline/Timeline';
import { AnnotationPanel } from './AnnotationPanel';
import { EventDetail } from './EventDetail';
import { EventList } from './EventList';
import { FileDropZone } from './FileDropZone';
import { FilterBar } from './FilterBar';
import { FleetPanel } from './FleetPanel';
import { FollowControl } from './FollowControl';
import { ImportSummaryNote } from './ImportSummaryNote';
import { InsightPanel } from './InsightPanel';
import { PathDialog } from './PathDialog';
import { PostmortemPanel } from './PostmortemPanel';
import { RunbookPanel } from './RunbookPanel';
import { ReplayControls, useStep } from './ReplayControls';
import { ShortcutHelp } from './ShortcutHelp';
import { SidePanel } from './SidePanel';
import { TourBar } from './TourBar';

/** Whether `key` pressed on `target` belongs to that element (typing, a dialog, or Space on a button or list). */
function isOwnedByTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('dialog') !== null) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return key === ' ' && (target.tagName === 'BUTTON' || target.getAttribute('role') === 'listbox');
}

/** The incident screen. */
export function IncidentView() {
  const { store, client } = useApp();
  const actions = useIncidentActions();
  const step = useStep();
  const titleId = useId();
  const [title, eventCount, sourceCount, unparsedCount, isReadOnly] = useHindsight(
    useShallow((s) => [s.incident?.title ?? '', s.incident?.eventCount ?? 0, s.incident?.sourceCount ?? 0, s.incident?.unparsedCount ?? 0, s.incident?.isReadOnly ?? false] as const),
  );
  const isBusy = useHindsight((s) => s.busyLabel !== null);
  const isPostmortemOpen = useHindsight((s) => s.isPostmortemOpen);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [isInsightOpen, setInsightOpen] = useState(false);
  const [isAskingImport, setAskingImport] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [selectedUnparsed, setSelectedUnparsed] = useState<UnparsedLine | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isOwnedByTarget(event.target, event.key)) return;
      const state = store.getState();
      const handlers: Record<string, () => void> = {
        ' ': () => state.setPlaying(!state.isPlaying),
        '+': () => state.zoomBy(0.5),
        '=': () => state.zoomBy(0.5),
        '-': () => state.zoomBy(2),
        '0': () => state.resetViewport(),
        n: () => void step({ direction: 'next', errorsOnly: false }),
        p: () => void step({ direction: 'previous', errorsOnly: false }),
        e: () => void step({ direction: 'next', errorsOnly: true }),
        E: () => void step({ direction: 'previous', errorsOnly: true }),
        '?': () => setHelpOpen((open) => !open),
      };
      const handler = handlers[event.key];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, step]);

  const runImport = async (paths: string[]) => {
    const result = await actions.importPaths(paths);
    if (result !== null) setSummary(result);
  };

  const importDropped = useCallback(
    async (files: File[]) => {
      const result = await actions.importFiles(files);
      if (result !== null) setSummary(result);
    },
    [actions],
  );

  const startImport = async () => {
    if (client.transport === 'electron') {
      const paths = await client.pick('import-paths');
      if (paths !== null && paths.length > 0) await runImport(paths);
      return;
    }
    setAskingImport(true);
  };

  return (
    <div className="incident-view">
      <header className="incident-header">
        <h1 id={titleId} className="incident-title">
          {title}
        </h1>
        <p className="incident-counts" data-testid="incident-counts">
          <span>{formatCountOf(eventCount, 'event')}</span>
          <span>{formatCountOf(sourceCount, 'source')}</span>
          <span className={unparsedCount > 0 ? 'count-warn' : undefined}>{formatCountOf(unparsedCount, 'unparsed line')}</span>
          {isReadOnly && <span>read-only</span>}
        </p>
        <div className="header-actions">
          <button type="button" disabled={isBusy || isReadOnly} onClick={() => void startImport()}>
            Import…
          </button>
          <FollowControl isDisabled={isBusy || isReadOnly} />
          <button type="button" aria-pressed={isPostmortemOpen} onClick={() => store.getState().setPostmortemOpen(!isPostmortemOpen)}>
            Postmortem
          </button>
          <button type="button" aria-pressed={isInsightOpen} onClick={() => setInsightOpen(!isInsightOpen)}>
            What changed
          </button>
          <button type="button" aria-expanded={isHelpOpen} aria-keyshortcuts="?" onClick={() => setHelpOpen((open) => !open)}>
            Keyboard shortcuts
          </button>
          <button type="button" disabled={isBusy} onClick={() => void actions.closeIncident()}>
            Close
          </button>
        </div>
      </header>
      {isHelpOpen && <ShortcutHelp />}
      {summary !== null && <ImportSummaryNote summary={summary} onDismiss={() => setSummary(null)} />}
      <main className="incident-main" aria-labelledby={titleId}>
        <TourBar />
        <FilterBar />
        <Timeline />
        <PlayheadSlider />
        <ReplayControls />
        <FleetPanel />
        <div className="lower-panels">
          <EventList onSelectUnparsed={setSelectedUnparsed} />
          <SidePanel
            tabs={[
              { id: 'details', label: 'Details', content: <EventDetail unparsed={selectedUnparsed} /> },
              { id: 'annotations', label: 'Annotations', content: <AnnotationPanel /> },
              { id: 'runbooks', label: 'Runbooks', content: <RunbookPanel /> },
            ]}
          />
        </div>
      </main>
      {isInsightOpen && <InsightPanel onClose={() => setInsightOpen(false)} />}
      {isPostmortemOpen && <PostmortemPanel onClose={() => store.getState().setPostmortemOpen(false)} />}
      <FileDropZone
        targetTitle={title}
        refusal={isReadOnly ? 'This incident is open read-only, so dropped logs cannot be imported; reopen it without --read-only to import.' : null}
        onDropFiles={(files) => void importDropped(files)}
      />
      {isAskingImport && (
        <PathDialog
          title="Import logs"
          description="Files or folders on the machine running Hindsight; formats are detected automatically."
          fieldLabel="Paths to import, one per line"
          confirmLabel="Import"
          initialValue=""
          isMultiple
          onCancel={() => setAskingImport(false)}
          onConfirm={(paths) => {
            setAskingImport(false);
            void runImport(paths);
          }}
        />
      )}
    </div>
  );
}
