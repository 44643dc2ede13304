/** API methods of the rollout model: fleet state at an instant, hosts and their groups, rollouts, grouping rules. */
import { z } from 'zod';
import type { FleetState, GroupingRule, HostInfo, RolloutInfo } from '../../model/replay';
import { noArgs, tsMsSchema } from './schemas';

/** Argument schemas of the replay methods. */
export const replayArgs = {
  /**
   * Every host's version, rollout phase, health (warnings and errors in the `healthWindowMs` before
   * `tsMs`, default five minutes) and last event at `tsMs`, ordered by group then host name.
   */
  'replay.stateAt': z
    .object({
      tsMs: tsMsSchema,
      healthWindowMs: z.number().int().min(1).max(86_400_000).optional(),
      /** Only these hosts (default: every host). */
      hosts: z.array(z.string().min(1).max(500)).max(10_000).optional(),
    })
    .strict(),
  /** Every host (and other deploy target) with its group, counts and versions. */
  'replay.hosts': noArgs,
  /** The rollouts detected in the events, with waves and controller markers. */
  'replay.rollouts': noArgs,
  /** The user's grouping rules. */
  'replay.groupingRules': noArgs,
  /** Adds a grouping rule: hosts matching the glob `pattern` (`*`, `?`) belong to `group`. Saved in the incident. */
  'replay.addGroupingRule': z.object({ pattern: z.string().min(1).max(500), group: z.string().trim().min(1).max(200) }).strict(),
  /** Deletes a grouping rule. */
  'replay.deleteGroupingRule': z.object({ id: z.number().int().positive() }).strict(),
} as const;

/** Result types of the replay methods. */
export interface ReplayResults {
  'replay.stateAt': FleetState;
  'replay.hosts': HostInfo[];
  'replay.rollouts': RolloutInfo[];
  'replay.groupingRules': GroupingRule[];
  'replay.addGroupingRule': GroupingRule;
  'replay.deleteGroupingRule': { deleted: boolean };
}
