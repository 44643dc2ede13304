import { createWriteStream, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/importers/import-paths';
import { IncidentDb } from '../../src/store/incident-db';
import { useTempDirs } from '../support/temp-dir';
import { writeZip } from '../support/zip-writer';

const FIXTURE = resolve(__dirname, '../fixtures/importers/deploy-mixed.jsonl');
const fixture = readFileSync(FIXTURE);
const tempDir = useTempDirs();

function openIncident(dir: string): IncidentDb {
  return IncidentDb.open(join(dir, 'test.hindsight'), { create: true });
}

async function writeTarGz(path: string, entries: { name: string; content?: Buffer; type?: 'file' | 'symlink'; linkname?: string }[]): Promise<void> {
  const pack = tar.pack();
  for (const entry of entries) {
    if (entry.type === 'symlink') pack.entry({ name: entry.name, type: 'symlink', linkname: entry.linkname });
    else pack.entry({ name: entry.name }, entry.content ?? Buffer.alloc(0));
  }
  pack.finalize();
  await pipeline(pack, createGzip(), createWriteStream(path));
}

describe('importing archives', () => {
  it('imports every zip entry as its own source (gzip entries unpacked) and refuses climbing names and bombs', async () => {
    const dir = tempDir();
    const zip = join(dir, 'logs.zip');
    writeZip(zip, [
      { name: 'web/deploy.jsonl', content: fixture },
      { name: 'web/deploy-old.jsonl.gz', content: gzipSync(Buffer.from(fixture.toString('utf8').replace(/2024-05-02/g, '2024-05-01'))) },
      { name: '../../escape.jsonl', content: fixture },
      { name: 'zeros.log', content: Buffer.alloc(64 << 20) },
    ]);
    const incident = openIncident(dir);
    try {
      const summary = await importPaths(incident, [zip]);
      expect(summary.sources.map((s) => s.path)).toEqual([`${zip}!web/deploy.jsonl`, `${zip}!web/deploy-old.jsonl.gz`]);
      for (const source of summary.sources) expect(source).toMatchObject({ lines: 12, events: 6, unparsed: 6 });
      const names = incident.db.prepare('SELECT name FROM sources ORDER BY id').pluck().all();
      expect(names).toEqual(['logs.zip!web/deploy.jsonl', 'logs.zip!web/deploy-old.jsonl.gz']);
      expect(summary.refused?.map((r) => r.path)).toEqual(['logs.zip!../../escape.jsonl', 'logs.zip!zeros.log']);
      expect(summary.refused?.[0]?.reason).toMatch(/climbs out of the archive/);
      expect(summary.refused?.[1]?.reason).toMatch(/decompression bomb/);
    } finally {
      incident.close();
    }
  });

  it('imports tar.gz entries, refuses absolute names and links, and stops at a bomb without a crash', async () => {
    const dir = tempDir();
    const archive = join(dir, 'bundle.tar.gz');
    await writeTarGz(archive, [
      { name: 'app/deploy.jsonl', content: fixture },
      { name: '/etc/deploy.jsonl', content: fixture },
      { name: 'app/latest', type: 'symlink', linkname: '/etc/shadow' },
      { name: 'app/zeros.log', content: Buffer.alloc(8 << 20) },
    ]);
    const incident = openIncident(dir);
    try {
      const summary = await importPaths(incident, [archive], { archiveLimits: { maxRatio: 50, ratioFloorBytes: 1 << 20, maxTotalBytes: 1 << 30 } });
      expect(summary.sources.map((s) => s.path)).toEqual([`${archive}!app/deploy.jsonl`]);
      expect(summary.sources[0]).toMatchObject({ lines: 12, events: 6 });
      expect(summary.refused?.map((r) => r.reason)).toEqual([
        expect.stringMatching(/^bundle\.tar\.gz!\/etc\/deploy\.jsonl was not imported: its name is an absolute path/),
        expect.stringMatching(/app\/latest was not imported: it is a symlink, not a file/),
        expect.stringMatching(/app\/zeros\.log was not imported: .*decompression bomb/),
      ]);
    } finally {
      incident.close();
    }
  });

  it('reports a damaged archive as refused instead of failing the import', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.zip');
    writeFileSync(broken, 'this is not a zip file at all');
    const incident = openIncident(dir);
    try {
      const summary = await importPaths(incident, [broken, FIXTURE]);
      expect(summary.sources).toHaveLength(1);
      expect(summary.refused?.[0]?.reason).toMatch(/^broken\.zip could not be unpacked \(.+\); check it is a complete archive\.$/);
    } finally {
      incident.close();
    }
  });

  it('walks folders through symbolic links without looping forever', async () => {
    const dir = tempDir();
    const logs = join(dir, 'logs');
    mkdirSync(join(logs, 'a'), { recursive: true });
    writeFileSync(join(logs, 'a', 'deploy.jsonl'), fixture);
    symlinkSync(logs, join(logs, 'a', 'loop'));
    const incident = openIncident(dir);
    try {
      const summary = await importPaths(incident, [logs]);
      expect(summary.sources.filter((s) => s.skippedReason === null)).toHaveLength(1);
    } finally {
      incident.close();
    }
  });
});
