/**
 * A small annotated incident for the annotation and postmortem tests: the fixture rollout log
 * imported into a fresh incident file, with the annotations a postmortem meeting would write.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPaths } from '../../src/importers/import-paths';
import type { AnnotationFields } from '../../src/model/annotation';
import { setStar } from '../../src/store/annotation-stars';
import { createAnnotation } from '../../src/store/annotation-store';
import { IncidentDb } from '../../src/store/incident-db';

/** The fixture folder. */
export const POSTMORTEM_FIXTURES = join(__dirname, '..', 'fixtures', 'postmortem');

/** UTC ms of an ISO time. */
export const at = (iso: string): number => Date.parse(iso);

/** The annotations of the fixture incident (event ids are those the import gives the fixture lines). */
export const FIXTURE_ANNOTATIONS: (Partial<AnnotationFields> & Pick<AnnotationFields, 'kind' | 'tsMs' | 'title'> & { author: string })[] = [
  { kind: 'trigger', tsMs: at('2024-05-02T14:00:00.120Z'), eventIds: [3], title: 'First cron job hit a bootstrapping node', body: 'Cron fires on the hour; bootstrap was only\never tested at :10–:50.', author: 'maria' },
  { kind: 'impact', tsMs: at('2024-05-02T14:00:00.120Z'), endMs: at('2024-05-02T14:25:00.000Z'), title: 'Storage writes failing', author: 'maria' },
  { kind: 'detection', tsMs: at('2024-05-02T14:04:00.000Z'), eventIds: [7], title: 'First page', body: 'Replication lag alert paged the on-call.', author: 'sam' },
  { kind: 'contributing-factor', tsMs: at('2024-05-02T14:01:30.000Z'), eventIds: [5], title: 'rsync copies segments before their metadata', body: 'Peers bootstrap from each other | out of step.', author: 'sam' },
  { kind: 'mitigation', tsMs: at('2024-05-02T14:10:00.000Z'), eventIds: [8], title: 'Rollout paused', author: 'sam' },
  { kind: 'resolution', tsMs: at('2024-05-02T14:40:00.000Z'), title: 'Resumed with cron paused during bootstrap', author: 'maria' },
  { kind: 'action-item', tsMs: at('2024-05-02T14:41:00.000Z'), title: 'Test bootstrap across the whole hour', owner: 'maria', dueDate: '2024-06-01', author: 'sam' },
  { kind: 'went-well', tsMs: at('2024-05-02T14:10:01.000Z'), title: 'Pause took one command', author: 'sam' },
  { kind: 'lucky', tsMs: at('2024-05-02T14:25:00.000Z'), title: 'Backups were fresh', author: 'maria' },
  { kind: 'question', tsMs: at('2024-05-02T14:03:00.000Z'), title: 'Why did the healthcheck lag the panic?', author: 'sam' },
];

/** Creates the annotated fixture incident at `dir/rollout.hindsight` and returns its path (closed). */
export async function writeAnnotatedIncident(dir: string): Promise<string> {
  const path = join(dir, 'rollout.hindsight');
  const logPath = join(dir, 'rollout.jsonl');
  copyFileSync(join(POSTMORTEM_FIXTURES, 'rollout.jsonl'), logPath);
  const incident = IncidentDb.open(path, { create: true, title: 'Storage wave 3 upgrade' });
  try {
    await importPaths(incident, [logPath]);
    for (const { author, ...fields } of FIXTURE_ANNOTATIONS) {
      createAnnotation(incident, { endMs: null, eventIds: [], body: '', owner: null, dueDate: null, ...fields }, author);
    }
    setStar(incident, 4, true, 'sam');
  } finally {
    incident.close();
  }
  return path;
}
