/**
 * How the fleet view shows a host's phase and health: a name, a glyph and a CSS class for each, so the
 * state reads as text and shape as well as colour.
 */
import type { HostHealth, HostPhase, HostState } from '../../src/model/replay';

/** Display name, glyph and CSS class of each phase, in legend order. */
export const PHASE_STYLES: Readonly<Record<HostPhase, { label: string; glyph: string; className: string }>> = {
  pending: { label: 'pending', glyph: '○', className: 'phase-pending' },
  updating: { label: 'updating', glyph: '↻', className: 'phase-updating' },
  done: { label: 'done', glyph: '✓', className: 'phase-done' },
  failed: { label: 'failed', glyph: '✗', className: 'phase-failed' },
  rolled_back: { label: 'rolled back', glyph: '↩', className: 'phase-rolled-back' },
  not_in_rollout: { label: 'not in rollout', glyph: '–', className: 'phase-not-in-rollout' },
};

/** Display name, mark and CSS class of each health; `ok` has no mark. */
export const HEALTH_STYLES: Readonly<Record<HostHealth, { label: string; mark: string; className: string }>> = {
  error: { label: 'errors', mark: '!', className: 'health-error' },
  warn: { label: 'warnings', mark: '⚠', className: 'health-warn' },
  ok: { label: 'healthy', mark: '', className: 'health-ok' },
  silent: { label: 'silent', mark: '…', className: 'health-silent' },
};

/** The short label inside a host's cell: its name without the group prefix (`storage-17` → `17`). */
export function cellLabel(host: string, group: string): string {
  const short = host.startsWith(`${group}-`) ? host.slice(group.length + 1) : host;
  return short.length > 6 ? `${short.slice(0, 5)}…` : short;
}

/** One sentence describing a host's state, for its accessible name, tooltip and the detail line. */
export function describeHost(h: HostState): string {
  const phase = PHASE_STYLES[h.phase].label + (h.step === null ? '' : ` (${h.step})`);
  const version = h.targetVersion === null ? (h.version ?? 'version unknown') : `${h.version ?? 'version unknown'} → ${h.targetVersion}`;
  const wave = h.wave === null ? '' : `, wave ${h.wave}`;
  const health =
    h.health === 'error' || h.health === 'warn'
      ? `${h.errorCount} errors and ${h.warnCount} warnings in the last 5 minutes`
      : h.health === 'silent'
        ? 'no events in the last 5 minutes'
        : 'healthy';
  return `${h.host}: ${phase}, ${version}${wave}; ${health}`;
}
