/**
 * Leaves an incident mid-write the way a killed import does: in a rollback-journal transaction (an
 * import's bulk load uses one) whose pages have already spilled into the file. Prints `ready` and waits
 * to be killed. Usage: node bin/run-ts.mjs test/support/hot-journal-child.ts <incident>
 */
import { IncidentDb } from '../../src/store/incident-db';

const path = process.argv[2];
if (path === undefined) {
  process.stderr.write('Usage: hot-journal-child <incident>\n');
  process.exit(2);
}
const incident = IncidentDb.open(path);
incident.db.pragma('journal_mode = truncate');
// A tiny page cache makes SQLite write changed pages into the file before the commit.
incident.db.pragma('cache_size = 8');
incident.db.exec('BEGIN IMMEDIATE');
const insert = incident.db.prepare('INSERT INTO incident_meta (key, value) VALUES (?, hex(randomblob(4000)))');
for (let i = 0; i < 2000; i++) insert.run(`uncommitted-${i}`);
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
