/**
 * Runbook links: automatic ones found by evaluating every runbook's compiled match rule in one scan of
 * `events` (matches of one runbook closer than `gapMs` form one link with its first and last time and
 * count), manual ones made by a responder, and unlinks, which are remembered so a re-link skips them.
 */
import type { RunbookLink } from '../model/runbook';
import type { IncidentDb } from './incident-db';
import { ensureRunbookFunctions } from './runbook-sql-functions';
import { ensureSnapshot, type SnapshotSource } from './runbook-snapshots';

/** A runbook's compiled rule, ready to run. */
export interface CompiledMatcher {
  runbookId: string;
  title: string;
  /** SQL boolean expression over the columns of `events`, with `?` placeholders. */
  sql: string;
  params: unknown[];
}

/** One automatic match: a run of matching events of one runbook with no gap longer than `gapMs`. */
export interface MatchCluster {
  runbookId: string;
  firstEventId: number;
  firstMs: number;
  lastMs: number;
  count: number;
}

/** incident_meta key holding the fingerprint of the runbooks and events the stored auto links came from. */
export const AUTO_LINKS_FINGERPRINT_KEY = 'runbook_auto_links_fingerprint';

/**
 * Evaluates every matcher over the events in a single scan and groups each runbook's matches into
 * clusters. SQLite evaluates the rules; JavaScript only receives the clusters.
 */
export function findMatchClusters(incident: IncidentDb, matchers: CompiledMatcher[], gapMs: number): MatchCluster[] {
  if (matchers.length === 0) return [];
  const { db } = incident;
  ensureRunbookFunctions(db);
  const flags = matchers.map((m, index) => `(${m.sql}) AS r${index}`).join(', ');
  const anyMatch = matchers.map((m) => `(${m.sql})`).join(' OR ');
  const hits = matchers.map((_, index) => `SELECT ${index} AS rb, id, ts_ms FROM m WHERE r${index}`).join(' UNION ALL ');
  const sql = `
    WITH m AS MATERIALIZED (SELECT id, ts_ms, ${flags} FROM events WHERE ${anyMatch}),
    hits AS (${hits}),
    marked AS (
      SELECT rb, id, ts_ms,
             CASE WHEN ts_ms - LAG(ts_ms) OVER (PARTITION BY rb ORDER BY ts_ms, id) <= ? THEN 0 ELSE 1 END AS is_start
        FROM hits),
    grouped AS (
      SELECT rb, id, ts_ms, is_start,
             SUM(is_start) OVER (PARTITION BY rb ORDER BY ts_ms, id ROWS UNBOUNDED PRECEDING) AS cluster
        FROM marked)
    SELECT rb, MIN(ts_ms) AS first_ms, MAX(ts_ms) AS last_ms, COUNT(*) AS count,
           MAX(CASE WHEN is_start = 1 THEN id END) AS first_id
      FROM grouped GROUP BY rb, cluster ORDER BY first_ms, rb`;
  const params = [...matchers.flatMap((m) => m.params), ...matchers.flatMap((m) => m.params), gapMs];
  const rows = db.prepare(sql).all(...params) as { rb: number; first_ms: number; last_ms: number; count: number; first_id: number }[];
  return rows.map((row) => ({
    runbookId: matchers[row.rb]!.runbookId,
    firstEventId: row.first_id,
    firstMs: row.first_ms,
    lastMs: row.last_ms,
    count: row.count,
  }));
}

/**
 * Replaces the stored automatic links with `clusters` (in one transaction), keeping dismissed links
 * and not re-creating a link that overlaps a dismissed one of the same runbook. Snapshots each linked
 * runbook's text.
 */
export function replaceAutoLinks(
  incident: IncidentDb,
  clusters: MatchCluster[],
  sources: Map<string, SnapshotSource>,
  fingerprint: string,
  nowMs = Date.now(),
): void {
  const { db } = incident;
  const dismissed = db.prepare("SELECT runbook_id, ts_ms, COALESCE(end_ms, ts_ms) AS end_ms FROM runbook_links WHERE origin = 'auto' AND dismissed_ms IS NOT NULL").all() as {
    runbook_id: string;
    ts_ms: number;
    end_ms: number;
  }[];
  const insert = db.prepare(
    `INSERT INTO runbook_links (runbook_id, title, origin, event_id, ts_ms, end_ms, match_count, snapshot, snapshot_id, created_ms)
     VALUES (?, ?, 'auto', ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare("DELETE FROM runbook_links WHERE origin = 'auto' AND dismissed_ms IS NULL").run();
    for (const cluster of clusters) {
      const isDismissed = dismissed.some((d) => d.runbook_id === cluster.runbookId && d.ts_ms <= cluster.lastMs && d.end_ms >= cluster.firstMs);
      const source = sources.get(cluster.runbookId);
      if (isDismissed || source === undefined) continue;
      const snapshotId = ensureSnapshot(incident, source, nowMs);
      insert.run(cluster.runbookId, source.title, cluster.firstEventId, cluster.firstMs, cluster.lastMs, cluster.count, source.text, snapshotId, nowMs);
    }
    incident.setMeta(AUTO_LINKS_FINGERPRINT_KEY, fingerprint);
  })();
}

/** The fingerprint the stored auto links were computed for, or null. */
export function storedAutoLinksFingerprint(incident: IncidentDb): string | null {
  return incident.getMeta(AUTO_LINKS_FINGERPRINT_KEY);
}

interface LinkRow {
  id: number;
  runbook_id: string;
  title: string;
  origin: 'auto' | 'manual';
  event_id: number | null;
  ts_ms: number;
  end_ms: number | null;
  match_count: number;
  created_ms: number;
  dismissed_ms: number | null;
}

const LINK_COLUMNS = 'id, runbook_id, title, origin, event_id, ts_ms, end_ms, match_count, created_ms, dismissed_ms';

function toLink(row: LinkRow): RunbookLink {
  return {
    id: row.id,
    runbookId: row.runbook_id,
    title: row.title,
    origin: row.origin,
    eventId: row.event_id,
    tsMs: row.ts_ms,
    endMs: row.end_ms,
    matchCount: row.match_count,
    createdMs: row.created_ms,
    dismissedMs: row.dismissed_ms,
  };
}

/** Stored links in time order; dismissed ones only when asked for. */
export function listLinks(incident: IncidentDb, includeDismissed = false): RunbookLink[] {
  const where = includeDismissed ? '' : 'WHERE dismissed_ms IS NULL';
  const rows = incident.db.prepare(`SELECT ${LINK_COLUMNS} FROM runbook_links ${where} ORDER BY ts_ms, id`).all() as LinkRow[];
  return rows.map(toLink);
}

/** One link by id, or undefined. */
export function getLink(incident: IncidentDb, id: number): RunbookLink | undefined {
  const row = incident.db.prepare(`SELECT ${LINK_COLUMNS} FROM runbook_links WHERE id = ?`).get(id) as LinkRow | undefined;
  return row === undefined ? undefined : toLink(row);
}

/** Links a runbook by hand to an event, an instant or a range; snapshots its text. */
export function addManualLink(
  incident: IncidentDb,
  link: { source: SnapshotSource; eventId: number | null; tsMs: number; endMs: number | null },
  nowMs = Date.now(),
): RunbookLink {
  const { db } = incident;
  const id = db.transaction(() => {
    const snapshotId = ensureSnapshot(incident, link.source, nowMs);
    const result = db
      .prepare(
        `INSERT INTO runbook_links (runbook_id, title, origin, event_id, ts_ms, end_ms, match_count, snapshot, snapshot_id, created_ms)
         VALUES (?, ?, 'manual', ?, ?, ?, 0, ?, ?, ?)`,
      )
      .run(link.source.runbookId, link.source.title, link.eventId, link.tsMs, link.endMs, link.source.text, snapshotId, nowMs);
    return Number(result.lastInsertRowid);
  })();
  return getLink(incident, id)!;
}

/** Unlinks: marks the link dismissed (by whom, when) so automatic re-linking remembers it. */
export function dismissLink(incident: IncidentDb, id: number, actor: string, nowMs = Date.now()): boolean {
  const result = incident.db.prepare('UPDATE runbook_links SET dismissed_ms = ?, dismissed_by = ? WHERE id = ? AND dismissed_ms IS NULL').run(nowMs, actor, id);
  return result.changes > 0;
}

/** Restores a dismissed link. */
export function restoreLink(incident: IncidentDb, id: number): boolean {
  return incident.db.prepare('UPDATE runbook_links SET dismissed_ms = NULL, dismissed_by = NULL WHERE id = ?').run(id).changes > 0;
}
