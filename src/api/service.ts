/**
 * The one implementation of the Hindsight API, over the incident file that is open right now.
 * Electron IPC, the HTTP shell and the tests all call these handlers through `dispatch`.
 * Each method group of src/api/methods/ has its handler group in src/api/handlers/.
 */
import type { IncidentInfo } from '../model/incident';
import type { IncidentDb } from '../store/incident-db';
import type { ApiEventName, ApiEvents, ApiHandlers } from './contract';
import { createEventHandlers } from './handlers/event-handlers';
import { createIncidentHandlers } from './handlers/incident-handlers';
import { createRunbookHandlers } from './handlers/runbook-handlers';
import { createAnnotationHandlers } from './handlers/annotation-handlers';
import { createPostmortemHandlers } from './handlers/postmortem-handlers';
import { createReplayHandlers } from './handlers/replay-handlers';
import { createImportHandlers } from './handlers/import-handlers';
import { createInsightHandlers } from './handlers/insight-handlers';
import type { PdfPrinter } from '../postmortem/pdf';
import { guardsFor, type ServiceContext } from './handlers/service-context';

export { SAMPLE_FILE_NAME } from './handlers/incident-handlers';

/** What a transport gives the service: where app data lives and how to publish events. */
export interface ServiceOptions {
  /** Folder for app data: recent incidents, the generated sample incident. */
  dataDir: string;
  /** Publishes an event to every subscribed client. */
  emit: <E extends ApiEventName>(name: E, payload: ApiEvents[E]) => void;
  /** Open incidents read-only and refuse every change (for showing an incident to a room). */
  readOnly?: boolean;
  /** Prints postmortem HTML to PDF; Electron passes webContents.printToPDF, others get headless Chromium. */
  printPdf?: PdfPrinter;
}

/** A running service: the API handlers plus lifecycle calls for the shells. */
export interface HindsightService {
  handlers: ApiHandlers;
  /** Opens (or, with `create`, creates) an incident file and makes it the current one. */
  openIncident(path: string, create?: boolean): IncidentInfo;
  /** Closes the open incident, if any. */
  close(): void;
}

/** Creates the service. Nothing is open until a handler or `openIncident` opens an incident. */
export function createService(options: ServiceOptions): HindsightService {
  let current: IncidentDb | null = null;
  const ctx: ServiceContext = {
    dataDir: options.dataDir,
    isReadOnly: options.readOnly === true,
    emit: options.emit,
    current: () => current,
    ...guardsFor(() => current),
  };
  const incident = createIncidentHandlers(ctx, (next) => {
    current = next;
  });
  const handlers: ApiHandlers = {
    ...incident.handlers,
    ...createEventHandlers(ctx),
    ...createRunbookHandlers(ctx),
    ...createAnnotationHandlers(ctx),
    ...createReplayHandlers(ctx),
    ...createImportHandlers(ctx),
    ...createInsightHandlers(ctx),
    ...createPostmortemHandlers(ctx, { printPdf: options.printPdf }),
  };
  return { handlers, openIncident: incident.openIncident, close: incident.closeIncident };
}
