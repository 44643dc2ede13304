/**
 * The fleet view: every host as a cell, grouped by group, showing its rollout phase and health at the
 * playhead as glyphs, colours and an accessible sentence; a legend with counts; hovering or focusing a
 * cell shows that host's state and last event; clicking pins it and filters every view to that host
 * (and again unpins it and clears the filter). A filter-bar filter hides hosts with no matching events.
 * "Host names" switches between glyph-only cells (compact, the default: the event list gets the room)
 * and cells that also show each host's short name.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import type { HostState } from '../../src/model/replay';
import { describeHost, PHASE_STYLES } from '../fleet/phase-style';
import { useFleetState } from '../fleet/use-fleet-state';
import { useMatchingHosts } from '../fleet/use-matching-hosts';
import { useApp, useHindsight } from '../state/app-context';
import { formatUtcDateTime, formatUtcTime } from '../timeline/format-time';
import { FleetCell } from './FleetCell';
import { FleetLegend } from './FleetLegend';
import '../fleet/fleet.css';

function groupsOf(hosts: HostState[]): [string, HostState[]][] {
  const groups = new Map<string, HostState[]>();
  for (const h of hosts) {
    const list = groups.get(h.group);
    if (list) list.push(h);
    else groups.set(h.group, [h]);
  }
  return [...groups.entries()];
}

function groupSummary(hosts: HostState[]): string {
  const counts = new Map<string, number>();
  for (const h of hosts) counts.set(PHASE_STYLES[h.phase].label, (counts.get(PHASE_STYLES[h.phase].label) ?? 0) + 1);
  return [...counts.entries()].map(([label, n]) => `${n} ${label}`).join(', ');
}

/** The fleet panel. */
export function FleetPanel() {
  const { store } = useApp();
  const headingId = useId();
  const state = useFleetState();
  const focusedHost = useHindsight((s) => s.focusedHost);
  const isCompact = useHindsight((s) => s.isFleetCompact);
  const [hoveredHost, setHoveredHost] = useState<string | null>(null);
  const [isExpanded, setExpanded] = useState(true);
  const matching = useMatchingHosts();
  const shownHosts = useMemo(() => (state === null ? [] : matching === null ? state.hosts : state.hosts.filter((h) => matching.has(h.host))), [state, matching]);
  const groups = useMemo(() => groupsOf(shownHosts), [shownHosts]);
  const onPick = useCallback(
    (host: string) => {
      const { focusedHost: focused, focusHost, setFilterText } = store.getState();
      const isUnpicking = focused === host;
      focusHost(isUnpicking ? null : host);
      setFilterText(isUnpicking ? '' : `host:${host}`);
    },
    [store],
  );
  // NOTE: a cell removed under the pointer (the filter changed) never gets its mouseleave, so the hovered
  // host counts only while its cell is shown; otherwise the line below would describe a hidden host.
  const hovered = hoveredHost !== null && shownHosts.some((h) => h.host === hoveredHost) ? hoveredHost : null;
  const shownHost = state?.hosts.find((h) => h.host === (hovered ?? focusedHost)) ?? null;
  const summary =
    state === null
      ? 'Loading the fleet…'
      : `At ${formatUtcDateTime(state.tsMs)}: ${state.hosts.length} hosts — ${Object.entries(state.phaseCounts)
          .filter(([, n]) => n > 0)
          .map(([phase, n]) => `${n} ${PHASE_STYLES[phase as HostState['phase']].label}`)
          .join(', ')}; ${state.healthCounts.error} with recent errors${matching === null ? '' : ` · ${shownHosts.length} shown, with events matching the filter`}`;

  return (
    <section className="panel fleet-panel" aria-labelledby={headingId} data-testid="fleet-panel" data-ts-ms={state?.tsMs ?? ''}>
      <div className="panel-head">
        <h2 id={headingId}>Fleet</h2>
        <p className="fleet-summary small" data-testid="fleet-summary">
          {summary}
        </p>
        <button
          type="button"
          className="fleet-toggle"
          aria-pressed={!isCompact}
          disabled={!isExpanded}
          title={isCompact ? 'Show each host’s short name in its cell (glyphs only now; hover a cell for its state)' : 'Show glyphs only, so more of the event list fits'}
          onClick={() => store.getState().setFleetCompact(!isCompact)}
        >
          Host names
        </button>
        <button type="button" className="fleet-toggle" aria-expanded={isExpanded} onClick={() => setExpanded((open) => !open)}>
          {isExpanded ? 'Hide hosts' : 'Show hosts'}
        </button>
      </div>
      {isExpanded && (
        <>
          <FleetLegend state={state} />
          <div className={`fleet-groups${isCompact ? ' is-compact' : ''}`}>
            {groups.map(([group, hosts]) => (
              <div key={group} className="fleet-group" role="group" aria-label={`${group}: ${hosts.length} hosts, ${groupSummary(hosts)}`}>
                <div className="fleet-group-name" aria-hidden="true">
                  <span>{group}</span>
                  <span className="muted small">{hosts.length}</span>
                </div>
                <div className="fleet-cells">
                  {hosts.map((h) => (
                    <FleetCell key={h.host} host={h} isFocused={h.host === focusedHost} isCompact={isCompact} onHover={setHoveredHost} onPick={onPick} />
                  ))}
                </div>
              </div>
            ))}
          </div>
          <p className="fleet-detail small" data-testid="fleet-detail">
            {shownHost === null ? (
              <span className="muted">Hover over a host to see its state; click to pin it.</span>
            ) : (
              <>
                <strong>{describeHost(shownHost)}</strong>
                {shownHost.lastEventTsMs !== null && (
                  <span className="muted">
                    {' '}
                    — last event {formatUtcTime(shownHost.lastEventTsMs)}: {shownHost.lastEventMessage ?? ''}
                  </span>
                )}
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}
