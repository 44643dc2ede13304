/** Handlers of the runbook methods (src/api/methods/runbook-methods.ts): the library, links and the execution record. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { ExecutionRecord } from '../../model/runbook';
import { parseRunbook, isInvalidRunbook, type LoadedRunbook } from '../../runbooks/parse-runbook';
import { RunbookLibrary } from '../../runbooks/runbook-library';
import { RunbookLinker, snapshotSourceOf } from '../../runbooks/runbook-linker';
import { shippedRunbooksDir } from '../../runbooks/shipped-dir';
import type { IncidentDb } from '../../store/incident-db';
import { addManualLink, dismissLink, getLink } from '../../store/runbook-links';
import { addStepRecord, currentRun, getRun, listRuns, listStepRecords, readExecutionRecord, startRun } from '../../store/runbook-records';
import { latestSnapshotOf } from '../../store/runbook-snapshots';
import type { ApiHandlers } from '../contract';
import { ApiError } from '../errors';
import type { RunbookResults, RunbookView } from '../methods/runbook-methods';
import { refuseWhenReadOnly, type ServiceContext } from './service-context';

/** The runbook handlers plus the library they serve (so the service can close its watcher). */
export function createRunbookHandlers(ctx: ServiceContext, shippedDir: string | null = shippedRunbooksDir()): Pick<ApiHandlers, keyof RunbookResults> {
  const library = new RunbookLibrary({
    shippedDir,
    dataDir: ctx.dataDir,
    onChange: (state) => ctx.emit('runbooks.changed', { what: 'library', generation: state.generation }),
  });
  const linker = new RunbookLinker(library);
  const changed = (what: 'links' | 'records') => ctx.emit('runbooks.changed', { what, generation: library.state().generation });

  const requireRunbook = (id: string): LoadedRunbook => {
    const runbook = library.get(id);
    if (runbook === undefined) throw new ApiError('not_found', `There is no runbook "${id}" in the library; add its folder or reload the runbooks.`);
    return runbook;
  };
  const recordOf = (incident: IncidentDb, runId: number): ExecutionRecord => readExecutionRecord(incident, runId);

  return {
    'runbooks.library': () => library.state(),
    'runbooks.reload': () => {
      const state = library.reload();
      ctx.emit('runbooks.changed', { what: 'library', generation: state.generation });
      return state;
    },
    'runbooks.addFolder': ({ path }) => {
      refuseWhenReadOnly(ctx, 'Adding a runbook folder');
      if (!isAbsolute(path)) throw new ApiError('invalid_argument', `${path} is not an absolute path; give the full path of the folder.`);
      if (!existsSync(path) || !statSync(path).isDirectory()) throw new ApiError('not_found', `${path} is not a folder; check the path and try again.`);
      return library.addFolder(path);
    },
    'runbooks.removeFolder': ({ path }) => {
      refuseWhenReadOnly(ctx, 'Removing a runbook folder');
      return library.removeFolder(path);
    },
    'runbooks.get': ({ id }) => {
      const runbook = library.get(id);
      if (runbook !== undefined) return { ...runbook.detail, isFromSnapshot: false };
      const snapshot = ctx.current() === null ? undefined : latestSnapshotOf(ctx.requireIncident(), id);
      const parsed = snapshot === undefined ? undefined : parseRunbook(snapshot.text, { file: snapshot.file, folder: '(snapshot in the incident)', isShipped: false });
      if (parsed === undefined || isInvalidRunbook(parsed)) {
        throw new ApiError('not_found', `There is no runbook "${id}" in the library or in this incident; add its folder or reload the runbooks.`);
      }
      const view: RunbookView = { ...parsed.detail, isFromSnapshot: true };
      return view;
    },
    'runbooks.links': ({ includeDismissed, relink }) => linker.links(ctx.requireIncident(), includeDismissed, relink),
    'runbooks.link': ({ runbookId, eventId, tsMs, endMs }) => {
      const incident = ctx.requireWritable();
      const link = addManualLink(incident, { source: snapshotSourceOf(requireRunbook(runbookId)), eventId: eventId ?? null, tsMs, endMs: endMs ?? null });
      changed('links');
      return link;
    },
    'runbooks.unlink': ({ linkId, actor }) => {
      const incident = ctx.requireWritable();
      if (getLink(incident, linkId) === undefined) throw new ApiError('not_found', `Runbook link ${linkId} is not in this incident; reload the links.`);
      const isUnlinked = dismissLink(incident, linkId, actor);
      changed('links');
      return { isUnlinked };
    },
    'runbooks.markers': ({ fromMs, toMs }) => {
      const incident = ctx.requireIncident();
      const titles = new Map(library.all().map((runbook) => [runbook.detail.id, runbook.detail.title]));
      const links = linker.links(incident).filter((link) => link.tsMs <= toMs && (link.endMs ?? link.tsMs) >= fromMs);
      const runTitles = new Map(listRuns(incident).map((run) => [run.id, run.title]));
      return [
        ...links.map((link) => ({
          type: 'link' as const,
          linkId: link.id,
          runbookId: link.runbookId,
          title: link.title,
          origin: link.origin,
          tsMs: link.tsMs,
          endMs: link.endMs,
          matchCount: link.matchCount,
        })),
        ...listStepRecords(incident, fromMs, toMs).map((record) => ({
          type: 'step' as const,
          recordId: record.id,
          runId: record.runId,
          runbookId: record.runbookId,
          title: runTitles.get(record.runId) ?? titles.get(record.runbookId) ?? record.runbookId,
          stepIndex: record.stepIndex,
          stepText: record.stepText,
          action: record.action,
          actor: record.actor,
          tsMs: record.tsMs,
        })),
      ];
    },
    'runbooks.runs': ({ runbookId }) => listRuns(ctx.requireIncident(), runbookId),
    'runbooks.currentRun': ({ runbookId }) => {
      const incident = ctx.requireIncident();
      const runbook = library.get(runbookId);
      const run = runbook === undefined ? listRuns(incident, runbookId).at(-1) : currentRun(incident, runbookId, runbook.detail.contentHash);
      return run === undefined ? null : recordOf(incident, run.id);
    },
    'runbooks.startRun': ({ runbookId, actor, tsMs }) => {
      const incident = ctx.requireWritable();
      const run = startRun(incident, snapshotSourceOf(requireRunbook(runbookId)), actor, tsMs);
      changed('records');
      return recordOf(incident, run.id);
    },
    'runbooks.recordStep': ({ runbookId, runId, stepIndex, action, note, actor, tsMs }) => {
      const incident = ctx.requireWritable();
      let targetRunId = runId;
      if (targetRunId !== undefined && getRun(incident, targetRunId).runbookId !== runbookId) {
        throw new ApiError('invalid_argument', `Run ${targetRunId} is a run of another runbook; reopen "${runbookId}" and try again.`);
      }
      if (targetRunId === undefined) {
        const runbook = requireRunbook(runbookId);
        targetRunId = (currentRun(incident, runbookId, runbook.detail.contentHash) ?? startRun(incident, snapshotSourceOf(runbook), actor, tsMs)).id;
      }
      addStepRecord(incident, { runId: targetRunId, stepIndex, action, note: note.trim(), actor, tsMs });
      changed('records');
      return recordOf(incident, targetRunId);
    },
    'runbooks.executionRecord': ({ runId }) => recordOf(ctx.requireIncident(), runId),
  };
}
