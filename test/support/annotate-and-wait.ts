/**
 * Child process for the durability test: opens an incident through the real service, saves one
 * annotation, prints "saved <uid>" once the call has returned, then idles until it is killed.
 * Usage: node bin/run-ts.mjs test/support/annotate-and-wait.ts <incident> <title>
 */
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';

async function main(): Promise<void> {
  const [incidentPath, title] = process.argv.slice(2);
  const service = createService({ dataDir: `${incidentPath}.data`, emit: () => undefined });
  service.openIncident(incidentPath!);
  const envelope = await dispatch(service.handlers, 'annotations.create', { kind: 'trigger', tsMs: Date.parse('2024-05-02T14:00:00Z'), title, author: 'child' });
  if (!envelope.ok) {
    process.stderr.write(`${envelope.error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`saved ${(envelope.value as { uid: string }).uid}\n`);
  setInterval(() => undefined, 60_000);
}

void main();
