/**
 * Renames the path a source is known by. Uploaded files are read from a temporary copy, so their
 * sources are relabelled to `upload:<name>` after the import (and back before the next upload of the
 * same name, so a cut-short or grown upload continues its source like a file on disk does).
 */
import type { IncidentDb } from './incident-db';

/**
 * Replaces `fromPath` by `toPath` in every source whose path is `fromPath` or an archive entry of it
 * (`fromPath!entry`); returns how many sources were relabelled.
 */
export function relabelSourcePaths(incident: IncidentDb, fromPath: string, toPath: string): number {
  // NOTE: substr, not LIKE, so `%` and `_` in a file name are not wildcards.
  return incident.db
    .prepare(
      `UPDATE sources SET path = ? || substr(path, length(?) + 1)
       WHERE path = ? OR substr(path, 1, length(?) + 1) = ? || '!'`,
    )
    .run(toPath, fromPath, fromPath, fromPath, fromPath).changes;
}
