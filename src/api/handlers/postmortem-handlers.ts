/** Handlers of the postmortem methods (src/api/methods/postmortem-methods.ts): the draft and the exports. */
import { loadPostmortemView } from '../../postmortem/document';
import { defaultExportPath, exportIncident } from '../../postmortem/export';
import type { PdfPrinter } from '../../postmortem/pdf';
import { updatePostmortemDraft } from '../../store/postmortem-store';
import type { ApiHandlers } from '../contract';
import type { PostmortemResults } from '../methods/postmortem-methods';
import { refuseWhenReadOnly, type ServiceContext } from './service-context';

/** What the shell lends the postmortem handlers: Electron prints PDFs itself, the others use headless Chromium. */
export interface PostmortemHandlerOptions {
  printPdf?: PdfPrinter;
}

/**
 * The postmortem handlers. Exports only read the incident, but they write a file wherever the caller
 * says, so a read-only service (a room viewing an incident) refuses them.
 */
export function createPostmortemHandlers(ctx: ServiceContext, options: PostmortemHandlerOptions = {}): Pick<ApiHandlers, keyof PostmortemResults> {
  return {
    'postmortem.get': () => loadPostmortemView(ctx.requireIncident()),
    'postmortem.update': ({ author, ...patch }) => {
      const draft = updatePostmortemDraft(ctx.requireWritable(), patch, author);
      ctx.emit('annotations.changed', { reason: 'postmortem' });
      return draft;
    },
    'export.defaultPath': ({ format }) => ({ path: defaultExportPath(ctx.requireIncident().path, format) }),
    'export.write': ({ format, path }) => {
      refuseWhenReadOnly(ctx, 'Writing export files');
      return exportIncident(ctx.requireIncident(), format, path, { printPdf: options.printPdf });
    },
  };
}
