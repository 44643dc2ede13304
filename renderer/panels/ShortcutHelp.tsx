/** The keyboard shortcuts, listed in a small panel the header's "Keyboard shortcuts" button toggles. */
import { useId } from 'react';

/** Shortcut and what it does, in the order a user learns them. */
export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['Space', 'Play or pause (when not typing)'],
  ['J / K / L', 'Play backward / pause / play forward (press J or L again to speed up)'],
  ['D / Shift+D', 'Next / previous deploy marker (wave or rollout step)'],
  ['M / Shift+M', 'Next / previous annotation'],
  ['Shift+drag on the timeline', 'Select a range; Z zooms to it, \\ loops playback over it, Esc clears it'],
  ['Double-click the timeline', 'Zoom in there (or to the selection when inside it)'],
  ['Shift+← / Shift+→', 'Pan the timeline by a fifth of the view'],
  ['/', 'Focus the filter (host:storage-* level>=warn service:rsync "text")'],
  ['N / P', 'Next / previous event'],
  ['E / Shift+E', 'Next / previous error'],
  ['+ / − / 0', 'Zoom in / out / whole incident'],
  ['← → on the playhead slider', 'Small step (1% of the view)'],
  ['PageUp / PageDown', 'Big step (10% of the view)'],
  ['Home / End', 'Start / end of the incident'],
  ['↑ ↓ Enter in the event list', 'Move, then show details'],
  ['Mouse', 'Wheel zooms at the cursor, drag pans, click or drag the axis moves the playhead'],
  ['A', 'Annotate the moment at the playhead'],
  ['S', 'Star the selected event as evidence'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo an annotation edit'],
  ['T', 'Start the tour of the annotations'],
  ['[ / ] during a tour', 'Previous / next chapter (Esc ends the tour)'],
  ['?', 'Show or hide this list'],
];

/** The help panel. */
export function ShortcutHelp() {
  const headingId = useId();
  return (
    <section className="shortcut-help" aria-labelledby={headingId}>
      <h2 id={headingId}>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
