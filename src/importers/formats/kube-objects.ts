/**
 * Shared reading of Kubernetes-style object snapshots (`kubectl get x -o yaml|json`): finding the
 * objects of a kind in a document (bare, in a `List`, in an array, or a stream of them) and turning a
 * `status.conditions[]` entry into an event. Used by the Argo Rollouts and OpenShift status formats.
 */
import type { Level } from '../../model/event';
import type { ParsedEvent } from '../format';
import { isRecord, stringField } from '../document-format';
import { parseTimestamp } from '../time';

/** The objects in a document that `isWanted` accepts, in document order (List `items` and arrays walked). */
export function objectsOf(value: unknown, isWanted: (object: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (item: unknown): void => {
    if (Array.isArray(item)) for (const element of item) walk(element);
    else if (isRecord(item) && isWanted(item)) out.push(item);
    else if (isRecord(item) && Array.isArray(item.items)) walk(item.items);
  };
  walk(value);
  return out;
}

/** `namespace/name` of an object, or its name alone for a cluster-scoped object; null without a name. */
export function objectService(object: Record<string, unknown>): string | null {
  const name = stringField(object, 'metadata', 'name');
  if (name === undefined) return null;
  const namespace = stringField(object, 'metadata', 'namespace');
  return namespace === undefined ? name : `${namespace}/${name}`;
}

/** The records of an array field, skipping anything that is not an object. */
export function recordsAt(object: unknown, ...path: string[]): Record<string, unknown>[] {
  let value: unknown = object;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A condition's fields as text ('' when absent), for level and kind rules. */
export interface ConditionFacts {
  type: string;
  status: string;
  reason: string;
}

/** How one format names and ranks a condition. */
export interface ConditionRules {
  kind(facts: ConditionFacts): string;
  level(facts: ConditionFacts): Level;
  /** Extra attributes (e.g. which object the condition belongs to). */
  attrs: Record<string, unknown>;
}

/**
 * One status condition as an event: from lastTransitionTime (or lastUpdateTime / lastHeartbeatTime) to
 * lastUpdateTime when that is later; message "Type=Status (Reason): message"; the condition's other
 * fields in attrs. A condition without a readable time gives the reason it cannot be placed.
 */
export function conditionEvent(condition: Record<string, unknown>, service: string | null, rules: ConditionRules): ParsedEvent | string {
  const startText = stringField(condition, 'lastTransitionTime') ?? stringField(condition, 'lastUpdateTime') ?? stringField(condition, 'lastHeartbeatTime');
  if (startText === undefined) return 'status condition without lastTransitionTime or lastUpdateTime';
  const start = parseTimestamp(startText);
  if (start === null) return `status condition time "${startText}" is not a recognisable time`;
  const updateText = stringField(condition, 'lastUpdateTime');
  const update = updateText === undefined ? null : parseTimestamp(updateText);
  const facts: ConditionFacts = {
    type: stringField(condition, 'type') ?? '',
    status: scalarText(condition.status),
    reason: stringField(condition, 'reason') ?? '',
  };
  const detail = stringField(condition, 'message');
  const attrs: Record<string, unknown> = { ...rules.attrs };
  for (const key in condition) if (key !== 'message') attrs[key] = condition[key];
  return {
    tsMs: start.tsMs,
    tsSubNs: start.tsSubNs,
    endMs: update !== null && update.tsMs > start.tsMs ? update.tsMs : null,
    host: null,
    service,
    level: rules.level(facts),
    kind: rules.kind(facts),
    message: `${facts.type || 'Condition'}=${facts.status || '?'}${facts.reason ? ` (${facts.reason})` : ''}${detail === undefined ? '' : `: ${detail}`}`,
    attrsJson: JSON.stringify(attrs),
  };
}

/** A scalar as text ('' for anything else): YAML may read `status: True` unquoted as a boolean. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return '';
}
