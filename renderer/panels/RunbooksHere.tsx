/**
 * "Runbooks here": the runbooks whose rules matched around the playhead, closest first, with how
 * many events matched and when; each opens in the viewer or can be unlinked (remembered).
 */
import { formatClock } from '../runbooks/clock';
import { useApp, useHindsight } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { LEAD_MS, TRAIL_MS, linksNear } from '../runbooks/links-near';
import { useRunbookQuery } from '../runbooks/use-runbook-query';
import { formatCountOf, formatDuration } from '../timeline/format-time';

/** The list that follows the playhead. */
export function RunbooksHere() {
  const { store, client } = useApp();
  const links = useRunbookQuery((c) => c.api['runbooks.links']({}), []);
  const library = useRunbookQuery((c) => c.api['runbooks.library']({}), []);
  const playheadMs = useHindsight((s) => s.playheadMs);
  const isReadOnly = useHindsight((s) => s.incident?.isReadOnly ?? false);
  if (links === null) return <p className="muted">Matching runbooks against the incident…</p>;
  const here = linksNear(links, playheadMs, new Map((library?.runbooks ?? []).map((runbook) => [runbook.id, runbook.severity])));

  const unlink = async (linkId: number) => {
    const actor = store.getState().authorName.trim();
    if (actor === '') {
      store.getState().showError('Set your name in the runbook panel first, so the unlink records who made it.');
      return;
    }
    try {
      await client.api['runbooks.unlink']({ linkId, actor });
    } catch (error) {
      store.getState().showError(errorSentence(error));
    }
  };

  if (here.length === 0) {
    return (
      <p className="muted" data-testid="runbooks-here-empty">
        No runbook matches within {formatDuration(LEAD_MS)} before or {formatDuration(TRAIL_MS)} after the playhead ({formatClock(playheadMs)}).{' '}
        {links.length > 0 ? `${formatCountOf(links.length, 'link')} elsewhere in the incident; they show as bars under the timeline.` : ''}
      </p>
    );
  }
  return (
    <ul className="runbook-list" aria-label="Runbooks that apply at the playhead" data-testid="runbooks-here">
      {here.map(({ link, isActive, sinceLastMs }) => {
        const range = link.endMs === null || link.endMs === link.tsMs ? formatClock(link.tsMs) : `${formatClock(link.tsMs)}–${formatClock(link.endMs)}`;
        const when = isActive ? 'matching now' : sinceLastMs < 0 ? `starts in ${formatDuration(-sinceLastMs)}` : `last matched ${formatDuration(sinceLastMs)} ago`;
        return (
          <li key={link.id} className={isActive ? 'runbook-item is-active' : 'runbook-item'} data-testid="runbook-here">
            <button type="button" className="runbook-open" onClick={() => store.getState().openRunbook(link.runbookId)}>
              {link.title}
            </button>
            <span className="runbook-meta">
              {when} · {link.origin === 'auto' ? `${formatCountOf(link.matchCount, 'matching event')}, ${range} UTC` : `linked by hand at ${range} UTC`}
            </span>
            <span className="runbook-actions">
              {link.eventId !== null && (
                <button type="button" onClick={() => store.getState().setPlayhead(link.tsMs)} aria-label={`Go to the first match of ${link.title}, ${formatClock(link.tsMs)}`}>
                  Go to first
                </button>
              )}
              <button type="button" disabled={isReadOnly || link.id < 0} onClick={() => void unlink(link.id)} aria-label={`Unlink ${link.title} (${range})`}>
                Unlink
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
