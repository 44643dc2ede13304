/**
 * The Hindsight API, declared once. Electron IPC, the HTTP shell and the tests all serve or call
 * exactly these methods; `dispatch` validates every argument against the schemas below.
 * Times are integer UTC epoch milliseconds.
 */
import type { z } from 'zod';
import type { ImportProgress, IncidentInfo } from '../model/incident';
import type { InsightProgress } from '../model/insight';
import { eventArgs, type EventResults } from './methods/event-methods';
import { incidentArgs, type IncidentResults } from './methods/incident-methods';
import { runbookArgs, type RunbookResults, type RunbooksChanged } from './methods/runbook-methods';
import { annotationArgs, type AnnotationResults } from './methods/annotation-methods';
import { postmortemArgs, type PostmortemResults } from './methods/postmortem-methods';
import { replayArgs, type ReplayResults } from './methods/replay-methods';
import { importArgs, type ImportResults } from './methods/import-methods';
import { insightArgs, type InsightResults } from './methods/insight-methods';

export type { AppStatus, RecentIncident } from './methods/incident-methods';
export type { EventsAround } from './methods/event-methods';
export type { FollowedPathInfo } from './methods/import-methods';
export type { RunbookView, RunbooksChanged } from './methods/runbook-methods';

/**
 * Argument schemas, one per method, gathered from the method groups in ./methods/.
 * NOTE: a new group adds its schemas here and its results to {@link ApiResults}.
 */
export const apiArgs = {
  ...incidentArgs,
  ...eventArgs,
  ...runbookArgs,
  ...annotationArgs,
  ...postmortemArgs,
  ...replayArgs,
  ...importArgs,
  ...insightArgs,
} as const;

/** Result types, one per method. */
export interface ApiResults extends IncidentResults, EventResults, AnnotationResults, PostmortemResults, ReplayResults, RunbookResults, InsightResults, ImportResults {}

/** Every method name of the API. */
export type ApiMethod = keyof typeof apiArgs;

/** The arguments a caller passes (defaults may be omitted). */
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;

/** The arguments a handler receives, after validation and defaults. */
export type ApiParsedArgs<M extends ApiMethod> = z.output<(typeof apiArgs)[M]>;

/** The whole API as a callable surface; what the renderer's client and the service both provide. */
export type HindsightApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResults[M]> };

/** What a service implements: handlers receive validated arguments and may answer synchronously. */
export type ApiHandlers = { [M in ApiMethod]: (args: ApiParsedArgs<M>) => ApiResults[M] | Promise<ApiResults[M]> };

/** Events a client can subscribe to, with their payloads. */
export interface ApiEvents {
  'import.progress': ImportProgress;
  /** The open incident changed (opened, closed, or new events imported). */
  'incident.changed': { incident: IncidentInfo | null };
  /** The runbook library reloaded, or the open incident's runbook links or step records changed. */
  'runbooks.changed': RunbooksChanged;
  /** Annotations, stars or the postmortem draft changed (by any client, or by a merge). */
  'annotations.changed': { reason: 'edit' | 'merge' | 'star' | 'postmortem' };
  /** Mining the message patterns of the open incident (after an import, or for the first findings) got further. */
  'insight.progress': InsightProgress;
  /**
   * Electron only: a `hindsight://open?…` link was opened while the app ran; `params` is its query
   * (main/deep-link.ts), read like a view link's hash (renderer/state/view-link.ts).
   */
  'view.link': { params: string };
}

/** One of the event names in {@link ApiEvents}. */
export type ApiEventName = keyof ApiEvents;

/** The names of every method, for transports that register them one by one. */
export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

/** The names of every event. */
export const API_EVENTS: ApiEventName[] = ['import.progress', 'incident.changed', 'annotations.changed', 'runbooks.changed', 'insight.progress', 'view.link'];

/** An error as it crosses a transport: a stable code and one sentence for the user. */
export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
}

/** Stable error codes. */
export type ApiErrorCode =
  | 'invalid_argument'
  | 'unknown_method'
  | 'no_incident'
  | 'not_found'
  | 'not_an_incident'
  | 'newer_schema'
  | 'older_schema'
  | 'io_error'
  | 'read_only'
  | 'unauthorized'
  | 'rate_limited'
  | 'timeout'
  | 'internal';

/** What every transport returns for a call: a value or an error, never a thrown stack trace. */
export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** What the host can ask the user for with a native picker (Electron) or an in-page prompt (browser). */
export type PickKind = 'open-incident' | 'create-incident' | 'import-paths';

/**
 * The raw transport a renderer talks to: Electron's preload exposes one as `window.hindsight`,
 * and the HTTP client implements the same shape over fetch and server-sent events.
 */
export interface HindsightBridge {
  /** Which transport this is; the UI uses it only to decide how to ask for paths. */
  readonly transport: 'electron' | 'http';
  call(method: ApiMethod, args: unknown): Promise<ApiEnvelope<unknown>>;
  on(event: ApiEventName, listener: (payload: unknown) => void): () => void;
  /** Native path picker; resolves to null when cancelled or when the transport has none (HTTP). */
  pick(kind: PickKind): Promise<string[] | null>;
  /**
   * Electron only: the path of a dropped file or folder (`webUtils.getPathForFile`), '' when it has
   * none. Absent in the browser, whose dropped files are uploaded instead (`import.uploadBegin`).
   */
  pathForFile?(file: File): string;
}
