/**
 * Which group a host belongs to: a user's grouping rule first, then an attribute the events carry
 * (role, pool, auto-scaling group, node pool…), then the host name's pattern (`storage-17` → `storage`).
 */
import type { GroupOrigin, GroupingRule } from '../model/replay';

/** Attribute names that name a host's group, in priority order. */
export const GROUP_ATTRIBUTES = [
  'role', 'pool', 'asg', 'autoscaling_group', 'auto_scaling_group', 'AutoScalingGroupName', 'node_pool', 'nodepool',
  'cloud.google.com/gke-nodepool', 'eks.amazonaws.com/nodegroup', 'node_role', 'tier', 'cluster',
] as const;

/**
 * Orders host and group names numeric-aware (`web-2` before `web-10`), exactly as
 * `a.localeCompare(b, 'en', { numeric: true })` without making a collator per comparison.
 */
export const compareNames = new Intl.Collator('en', { numeric: true }).compare;

/** Group of hosts with no group found. */
export const UNGROUPED = 'ungrouped';

/** A group and how it was found. */
export interface GroupGuess {
  group: string;
  origin: GroupOrigin;
}

/**
 * The group a host name suggests: the name without its trailing number and separators, and without a
 * domain (`storage-17` → `storage`, `web03.prod.example` → `web`, `ip-10-0-1-5` → `ip`); null for a bare number.
 */
export function groupFromHostName(host: string): string | null {
  const first = host.split('.')[0] ?? host;
  const stem = first.replace(/[-_]?[0-9a-f]{8,}$/i, '').replace(/([-_]?\d+)+$/, '').replace(/[-_]+$/, '');
  return stem === '' || /^\d+$/.test(stem) ? null : stem;
}

/** The group an attribute object names, if any (a non-empty string or number under one of {@link GROUP_ATTRIBUTES}). */
export function groupFromAttributes(attrs: Record<string, unknown>): string | null {
  for (const name of GROUP_ATTRIBUTES) {
    const value = attrs[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/** Turns a glob (`*` any run, `?` one character) into an anchored, case-insensitive regular expression. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Applies grouping rules (first match wins, in id order) over an inferred guess. */
export function createGroupResolver(rules: readonly GroupingRule[]): (host: string, inferred: GroupGuess) => GroupGuess {
  const compiled = [...rules].sort((a, b) => a.id - b.id).map((rule) => ({ regex: globToRegExp(rule.pattern), group: rule.group }));
  return (host, inferred) => {
    for (const rule of compiled) if (rule.regex.test(host)) return { group: rule.group, origin: 'rule' };
    return inferred;
  };
}

/** The inferred group from an attribute seen on the host's events (or null) and its name. */
export function inferGroup(host: string, attributeGroup: string | null): GroupGuess {
  if (attributeGroup !== null) return { group: attributeGroup, origin: 'attribute' };
  const fromName = groupFromHostName(host);
  return fromName === null ? { group: UNGROUPED, origin: 'none' } : { group: fromName, origin: 'name' };
}
