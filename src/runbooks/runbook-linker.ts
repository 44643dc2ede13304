/**
 * Links the library's runbooks to the open incident: compiles every runbook's rules to SQL, runs them
 * all in one scan (src/store/runbook-links.ts), and stores the result once per combination of runbook
 * texts and incident contents, so asking for links again costs one indexed read.
 */
import { createHash } from 'node:crypto';
import type { RunbookLink } from '../model/runbook';
import type { IncidentDb } from '../store/incident-db';
import { findMatchClusters, listLinks, replaceAutoLinks, storedAutoLinksFingerprint, type CompiledMatcher } from '../store/runbook-links';
import type { SnapshotSource } from '../store/runbook-snapshots';
import { compileWithWindow } from './compile-sql';
import type { LoadedRunbook } from './parse-runbook';
import type { RunbookLibrary } from './runbook-library';

/** Matches of one runbook closer together than this form one link, in ms. */
export const MATCH_GAP_MS = 15 * 60_000;

/** The snapshot source of a loaded runbook. */
export function snapshotSourceOf(runbook: LoadedRunbook): SnapshotSource {
  return { runbookId: runbook.detail.id, title: runbook.detail.title, contentHash: runbook.detail.contentHash, file: runbook.detail.file, text: runbook.text };
}

/** Compiled matchers of every runbook that has match rules. */
export function compileMatchers(runbooks: LoadedRunbook[]): CompiledMatcher[] {
  return runbooks.flatMap((runbook) => {
    if (runbook.match === null) return [];
    const { sql, params } = compileWithWindow(runbook.match, runbook.window);
    return [{ runbookId: runbook.detail.id, title: runbook.detail.title, sql, params }];
  });
}

/** Keeps an incident's automatic links in step with the library and the incident's events. */
export class RunbookLinker {
  private readOnlyCache: { fingerprint: string; links: RunbookLink[] } | null = null;

  constructor(private readonly library: RunbookLibrary) {}

  /** The links of the incident, re-linking first when runbooks or events changed since the last time. */
  links(incident: IncidentDb, includeDismissed = false, force = false): RunbookLink[] {
    const fingerprint = this.fingerprintFor(incident);
    if (incident.isReadOnly) {
      const stored = listLinks(incident, includeDismissed);
      if (storedAutoLinksFingerprint(incident) === fingerprint) return stored;
      if (this.readOnlyCache?.fingerprint !== fingerprint) this.readOnlyCache = { fingerprint, links: this.transientLinks(incident) };
      return [...stored.filter((link) => link.origin === 'manual'), ...this.readOnlyCache.links].sort((a, b) => a.tsMs - b.tsMs);
    }
    if (force || storedAutoLinksFingerprint(incident) !== fingerprint) this.relink(incident, fingerprint);
    return listLinks(incident, includeDismissed);
  }

  private relink(incident: IncidentDb, fingerprint: string): void {
    const runbooks = this.library.all();
    const clusters = findMatchClusters(incident, compileMatchers(runbooks), MATCH_GAP_MS);
    replaceAutoLinks(incident, clusters, new Map(runbooks.map((runbook) => [runbook.detail.id, snapshotSourceOf(runbook)])), fingerprint);
  }

  private transientLinks(incident: IncidentDb): RunbookLink[] {
    const runbooks = this.library.all();
    const titles = new Map(runbooks.map((runbook) => [runbook.detail.id, runbook.detail.title]));
    return findMatchClusters(incident, compileMatchers(runbooks), MATCH_GAP_MS).map((cluster, index) => ({
      id: -(index + 1),
      runbookId: cluster.runbookId,
      title: titles.get(cluster.runbookId) ?? cluster.runbookId,
      origin: 'auto',
      eventId: cluster.firstEventId,
      tsMs: cluster.firstMs,
      endMs: cluster.lastMs,
      matchCount: cluster.count,
      createdMs: Date.now(),
      dismissedMs: null,
    }));
  }

  private fingerprintFor(incident: IncidentDb): string {
    const events = incident.db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS max_id FROM events').get() as { n: number; max_id: number };
    return createHash('sha256').update(`${this.library.fingerprint()}|${events.n}|${events.max_id}|gap=${MATCH_GAP_MS}`).digest('hex');
  }
}
