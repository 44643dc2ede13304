/** Mining right after an import: the patterns are stored in the background once `import.paths` returns, so "What changed" opens ready. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEvents, ApiMethod, ApiResults } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService } from '../../src/api/service';
import { IncidentDb } from '../../src/store/incident-db';
import { FIXTURE_FAULT_TEMPLATE, fixtureJsonLines } from '../support/rollout-fixture';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('insight after an import', () => {
  it('mines and stores the message patterns after the import returns, reporting progress, and the findings use them', async () => {
    const dir = tempDir();
    const logPath = join(dir, 'fleet.jsonl');
    writeFileSync(logPath, fixtureJsonLines({ seed: 2, faultyRollouts: [0] }));
    const progress: ApiEvents['insight.progress'][] = [];
    let mined!: () => void;
    const isMined = new Promise<void>((resolve) => (mined = resolve));
    const service = createService({
      dataDir: join(dir, 'data'),
      emit: (name, payload) => {
        if (name !== 'insight.progress') return;
        const p = payload as ApiEvents['insight.progress'];
        progress.push(p);
        if (p.eventsDone === p.eventsTotal) mined();
      },
    });
    const call = async <M extends ApiMethod>(method: M, args: unknown = {}): Promise<ApiResults[M]> => {
      const envelope = await dispatch(service.handlers, method, args);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value as ApiResults[M];
    };
    try {
      const path = join(dir, 'fresh.hindsight');
      await call('incident.create', { path });
      const summary = await call('import.paths', { paths: [logPath] });
      await isMined;
      expect(progress.at(-1)).toEqual({ eventsDone: summary.totals.events, eventsTotal: summary.totals.events });
      await new Promise((resolve) => setImmediate(resolve));
      const reader = IncidentDb.open(path, { readOnly: true });
      try {
        const templates = reader.db.prepare('SELECT template FROM insight_patterns').pluck().all() as string[];
        expect(templates).toContain(FIXTURE_FAULT_TEMPLATE);
      } finally {
        reader.close();
      }
      progress.length = 0;
      const report = await call('insight.findings');
      expect(progress).toEqual([]);
      expect(report.findings.some((f) => f.title.includes(FIXTURE_FAULT_TEMPLATE))).toBe(true);
    } finally {
      service.close();
    }
  });
});
