/** Handlers of the replay methods (src/api/methods/replay-methods.ts): thin calls into the rollout model. */
import { emptyHealthCounts, emptyPhaseCounts, type FleetState } from '../../model/replay';
import { addGroupingRule, deleteGroupingRule, eventMessages, fleetModelOf, listGroupingRules } from '../../store/replay-cache';
import type { IncidentDb } from '../../store/incident-db';
import type { ApiHandlers } from '../contract';
import type { ReplayResults } from '../methods/replay-methods';
import type { ServiceContext } from './service-context';

/** The fleet at `tsMs`, optionally narrowed to some hosts, with each host's last event message filled in. */
export function fleetStateWithMessages(incident: IncidentDb, tsMs: number, healthWindowMs?: number, hosts?: readonly string[]): FleetState {
  const state = fleetModelOf(incident).stateAt(tsMs, healthWindowMs);
  if (hosts !== undefined) {
    const wanted = new Set(hosts);
    state.hosts = state.hosts.filter((h) => wanted.has(h.host));
    state.phaseCounts = emptyPhaseCounts();
    state.healthCounts = emptyHealthCounts();
    for (const h of state.hosts) {
      state.phaseCounts[h.phase]++;
      state.healthCounts[h.health]++;
    }
  }
  const messages = eventMessages(incident, state.hosts.flatMap((h) => (h.lastEventId === null ? [] : [h.lastEventId])));
  for (const h of state.hosts) h.lastEventMessage = h.lastEventId === null ? null : (messages.get(h.lastEventId) ?? null);
  return state;
}

/** The replay handlers over the context's open incident. */
export function createReplayHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof ReplayResults> {
  return {
    'replay.stateAt': ({ tsMs, healthWindowMs, hosts }) => fleetStateWithMessages(ctx.requireIncident(), tsMs, healthWindowMs, hosts),
    'replay.hosts': () => fleetModelOf(ctx.requireIncident()).hosts(),
    'replay.rollouts': () => fleetModelOf(ctx.requireIncident()).rollouts(),
    'replay.groupingRules': () => listGroupingRules(ctx.requireIncident()),
    'replay.addGroupingRule': ({ pattern, group }) => addGroupingRule(ctx.requireWritable(), pattern, group),
    'replay.deleteGroupingRule': ({ id }) => ({ deleted: deleteGroupingRule(ctx.requireWritable(), id) }),
  };
}
