/**
 * `hindsight state <incident> --at <time>`: every host's version, rollout phase, health and last event at
 * an instant, from the rollout model (src/replay). See docs/cli.md.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { fleetStateWithMessages } from '../api/handlers/replay-handlers';
import { ApiError } from '../api/errors';
import { parseTimeString } from '../importers/time';
import type { FleetState } from '../model/replay';
import { IncidentDb } from '../store/incident-db';
import { readIncidentInfo } from '../store/incident-queries';
import type { CommandOutput } from './export-command';

const DAY_MS = 86_400_000;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * Reads `--at`: an ISO 8601 instant, epoch digits, or a UTC time of day (`14:00`, `14:00:05.250`) on the
 * day of the incident's first event. Null when it is none of these.
 */
export function parseAtTime(text: string, firstTsMs: number | null): number | null {
  const clock = TIME_OF_DAY.exec(text.trim());
  if (clock) {
    const [, h = '0', m = '0', s = '0', ms = '0'] = clock;
    if (Number(h) > 23 || Number(m) > 59 || Number(s) > 59) return null;
    const dayMs = Math.floor((firstTsMs ?? 0) / DAY_MS) * DAY_MS;
    return dayMs + ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms.padEnd(3, '0'));
  }
  return parseTimeString(text.trim())?.tsMs ?? null;
}

function stateText(state: FleetState): string {
  const counts = Object.entries(state.phaseCounts).filter(([, n]) => n > 0).map(([phase, n]) => `${n} ${phase.replace(/_/g, ' ')}`);
  const header = `${new Date(state.tsMs).toISOString()}: ${state.hosts.length} hosts — ${counts.join(', ')}`;
  const rows = state.hosts.map((h) => {
    const phase = h.step === null ? h.phase : `${h.phase} (${h.step})`;
    const version = h.targetVersion === null ? (h.version ?? '-') : `${h.version ?? '?'} → ${h.targetVersion}`;
    return [h.group, h.host, phase, version, h.health, h.lastEventMessage ?? ''].join('\t');
  });
  return [header, ['group', 'host', 'phase', 'version', 'health', 'last event'].join('\t'), ...rows].join('\n');
}

/** Adds `state` to the program. */
export function registerStateCommand(program: Command, io: CommandOutput): void {
  program
    .command('state')
    .description("Print every host's version, rollout phase, health and last event at an instant.")
    .argument('<incident>', 'incident file (*.hindsight)')
    .requiredOption('--at <time>', 'ISO 8601 time, epoch milliseconds, or a UTC time of day (14:00:00) on the incident\'s first day')
    .option('--json', 'print the fleet state as one JSON object (see docs/cli.md)')
    .action((incidentPath: string, options: { at: string; json?: boolean }) => {
      const incident = IncidentDb.open(resolve(incidentPath));
      try {
        const tsMs = parseAtTime(options.at, readIncidentInfo(incident).firstTsMs);
        if (tsMs === null) {
          throw new ApiError('invalid_argument', `--at ${options.at} is not a time; give an ISO time such as 2026-11-10T14:00:00Z, epoch milliseconds, or 14:00:00.`);
        }
        const state = fleetStateWithMessages(incident, tsMs);
        io.out(options.json ? `${JSON.stringify({ at: new Date(tsMs).toISOString(), ...state })}\n` : `${stateText(state)}\n`);
      } finally {
        incident.close();
      }
    });
}
