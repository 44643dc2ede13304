/**
 * The column beside the event list: Details, Annotations and Runbooks as tabs (WAI-ARIA tabs pattern),
 * so the list keeps its width. Every tab stays mounted, so panels that follow the playhead keep their
 * state. The active tab lives in the store: selecting an event, annotating or opening a runbook
 * brings its tab forward.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useApp, useHindsight } from '../state/app-context';
import type { SideTabId } from '../state/store';

/** One tab of the side panel. */
export interface SideTab {
  id: SideTabId;
  label: string;
  content: ReactNode;
}

/** The tabbed side column. */
export function SidePanel({ tabs }: { tabs: SideTab[] }) {
  const { store } = useApp();
  const baseId = useId();
  const activeId = useHindsight((s) => s.sideTab);
  const setActiveId = (id: SideTabId) => store.getState().setSideTab(id);
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  const focusTab = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (tab === undefined) return;
    setActiveId(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === activeId);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusTab(next);
  };

  return (
    <div className="side-panel">
      <div className="side-tabs" role="tablist" aria-label="Side panels" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) tabRefs.current.set(tab.id, element);
              else tabRefs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-selected={tab.id === activeId}
            aria-controls={`${baseId}-panel-${tab.id}`}
            tabIndex={tab.id === activeId ? 0 : -1}
            onClick={() => setActiveId(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          className="side-tab-panel"
          role="tabpanel"
          id={`${baseId}-panel-${tab.id}`}
          aria-labelledby={`${baseId}-tab-${tab.id}`}
          hidden={tab.id !== activeId}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
