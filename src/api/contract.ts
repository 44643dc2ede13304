/**
 * The Hindsight API, declared once. Electron IPC, the HTTP shell and the tests all serve or call
 * exactly these methods; `dispatch` validates every argument against the schemas below.
 * Times are integer UTC epoch milliseconds.
 */
import { z } from 'zod';
import type { EventDetail, EventSummary, UnparsedLine } from '../model/event';
import type { ImportProgress, ImportSummary, IncidentInfo, SourceInfo } from '../model/incident';
import type { DensityResult } from '../model/timeline';

const tsMs = z.number().int().min(-8.64e15).max(8.64e15);
const filePath = z.string().min(1).max(4096);

/** Argument schemas, one per method. */
export const apiArgs = {
  /** What is open right now, and the recent incidents. */
  'app.status': z.object({}).strict(),
  /** Generate (once) and open the bundled sample incident. */
  'incident.openSample': z.object({}).strict(),
  /** Create a new, empty incident file at `path` and open it. */
  'incident.create': z.object({ path: filePath, title: z.string().max(200).optional() }).strict(),
  /** Open an existing incident file. */
  'incident.open': z.object({ path: filePath }).strict(),
  /** Close the open incident. */
  'incident.close': z.object({}).strict(),
  /** Summary of the open incident. */
  'incident.info': z.object({}).strict(),
  /** Every imported source with its counts and status. */
  'incident.sources': z.object({}).strict(),
  /** Import files or folders into the open incident. */
  'import.paths': z.object({ paths: z.array(filePath).min(1).max(1000) }).strict(),
  /** Event counts per lane and density band over a time range. */
  'timeline.density': z
    .object({
      fromMs: tsMs,
      toMs: tsMs,
      bucketCount: z.number().int().min(1).max(4096),
      laneBy: z.enum(['source', 'host', 'service']).default('source'),
    })
    .strict()
    .refine((a) => a.toMs > a.fromMs, { message: 'toMs must be after fromMs' }),
  /**
   * Events around an instant, in time order: up to `before` events strictly before `tsMs` and up to
   * `after` at or after it, plus the unparsed lines whose context time falls in that span.
   */
  'events.around': z
    .object({
      tsMs,
      before: z.number().int().min(0).max(1000).default(50),
      after: z.number().int().min(0).max(1000).default(150),
    })
    .strict(),
  /** One event with its raw text, line range and attributes. */
  'events.get': z.object({ id: z.number().int().positive() }).strict(),
  /** The next or previous event after an instant (for stepping); `levelAtLeast` filters, e.g. to errors. */
  'events.step': z
    .object({
      fromTsMs: tsMs,
      fromId: z.number().int().min(0),
      direction: z.enum(['next', 'previous']),
      levelAtLeast: z.enum(['warn', 'error']).optional(),
    })
    .strict(),
  /** Unparsed input lines, optionally of one source. */
  'unparsed.list': z
    .object({
      sourceId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
} as const;

/** A recently opened incident, for the start screen. */
export interface RecentIncident {
  path: string;
  title: string;
  openedAtMs: number;
}

/** State of the app as a whole. */
export interface AppStatus {
  incident: IncidentInfo | null;
  recent: RecentIncident[];
  /** Directory where new incidents are created by default. */
  defaultDir: string;
}

/** Events around an instant: see `events.around`. */
export interface EventsAround {
  events: EventSummary[];
  unparsed: UnparsedLine[];
}

/** Result types, one per method. */
export interface ApiResults {
  'app.status': AppStatus;
  'incident.openSample': IncidentInfo;
  'incident.create': IncidentInfo;
  'incident.open': IncidentInfo;
  'incident.close': AppStatus;
  'incident.info': IncidentInfo;
  'incident.sources': SourceInfo[];
  'import.paths': ImportSummary;
  'timeline.density': DensityResult;
  'events.around': EventsAround;
  'events.get': EventDetail;
  'events.step': EventSummary | null;
  'unparsed.list': { total: number; lines: UnparsedLine[] };
}

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
}

/** One of the event names in {@link ApiEvents}. */
export type ApiEventName = keyof ApiEvents;

/** The names of every method, for transports that register them one by one. */
export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

/** The names of every event. */
export const API_EVENTS: ApiEventName[] = ['import.progress', 'incident.changed'];

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
  | 'io_error'
  | 'read_only'
  | 'unauthorized'
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
}
