/**
 * Browser uploads (`import.upload*`): a file sent in chunks through the real HTTP shell lands in the
 * open incident as a sniffed, fully accounted source labelled `upload:<name>`; sizes over the cap,
 * chunks out of order, hostile names and read-only incidents are refused with one sentence.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEnvelope, ApiMethod } from '../../src/api/contract';
import { dispatch } from '../../src/api/dispatch';
import { createService, type HindsightService } from '../../src/api/service';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '../../src/importers/upload-limits';
import { sanitiseUploadName } from '../../src/importers/uploads';
import type { ImportSummary, SourceInfo } from '../../src/model/incident';
import { startHttpShell } from '../../src/server/http-shell';
import { writeZip } from '../support/zip-writer';
import { useTempDirs } from '../support/temp-dir';
import { postToShell } from '../support/shell-post';

const tempDir = useTempDirs();

/** JSON lines of a deploy log, padded so the file spans several upload chunks. */
function deployLog(lineCount: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < lineCount; i++) {
    const ts = new Date(Date.UTC(2026, 10, 10, 14, 0, 0) + i * 1000).toISOString();
    lines.push(JSON.stringify({ ts, level: i % 50 === 0 ? 'error' : 'info', host: `api-${String(i % 30).padStart(3, '0')}`, service: 'deployer', msg: `step ${i} ${'x'.repeat(180)}` }));
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function call(service: HindsightService, method: ApiMethod, args: unknown): Promise<ApiEnvelope<unknown>> {
  return dispatch(service.handlers, method, args);
}

async function value<T>(service: HindsightService, method: ApiMethod, args: unknown): Promise<T> {
  const envelope = await call(service, method, args);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Sends `bytes` as `name` in chunks through `send`, then returns the upload id. */
async function upload(send: (method: ApiMethod, args: unknown) => Promise<ApiEnvelope<unknown>>, name: string, bytes: Buffer): Promise<string> {
  const begun = await send('import.uploadBegin', { fileName: name, sizeBytes: bytes.length });
  if (!begun.ok) throw new Error(begun.error.message);
  const { uploadId, chunkBytes } = begun.value as { uploadId: string; chunkBytes: number };
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const sent = await send('import.uploadChunk', { uploadId, offsetBytes: offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
    if (!sent.ok) throw new Error(sent.error.message);
  }
  return uploadId;
}

describe('uploading files through the browser shell', () => {
  it('imports a multi-chunk upload sent over HTTP as one sniffed source labelled upload:<name>, and deletes the copy', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const incidentPath = join(dir, 'incident.hindsight');
    const shell = await startHttpShell({ dataDir, rendererDir: dir });
    const send = (method: ApiMethod, args: unknown) => postToShell(shell.port, shell.token, method, args);
    try {
      await send('incident.create', { path: incidentPath, title: 'Uploaded' });
      const log = deployLog(6000);
      expect(log.length).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES);
      const uploadId = await upload(send, 'deploy.jsonl', log);
      const finished = await send('import.uploadFinish', { uploadIds: [uploadId] });
      expect(finished.ok, JSON.stringify(finished)).toBe(true);
      const summary = (finished as { value: ImportSummary }).value;
      expect(summary.sources).toMatchObject([{ path: 'upload:deploy.jsonl', format: 'json-lines', lines: 6000, events: 6000, unparsed: 0, skippedReason: null }]);
      const sources = (await send('incident.sources', {})) as { value: SourceInfo[] };
      expect(sources.value).toMatchObject([{ name: 'deploy.jsonl', path: 'upload:deploy.jsonl', lineCount: 6000, eventCount: 6000, status: 'complete' }]);
      const uploadsRoot = join(dataDir, 'uploads');
      for (const incidentDir of readdirSync(uploadsRoot)) expect(readdirSync(join(uploadsRoot, incidentDir))).toEqual([]);

      const again = await upload(send, 'deploy.jsonl', log);
      const repeated = (await send('import.uploadFinish', { uploadIds: [again] })) as { value: ImportSummary };
      expect(repeated.value.totals.events).toBe(0);
      expect(repeated.value.sources[0]?.skippedReason).toMatch(/identical content was already imported as source 1 \(upload:deploy\.jsonl\)/);
    } finally {
      await shell.close();
    }
  });

  it('continues a grown upload of the same name, and labels archive entries upload:<archive>!<entry>', async () => {
    const dir = tempDir();
    const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
    const send = (method: ApiMethod, args: unknown) => call(service, method, args);
    try {
      await value(service, 'incident.create', { path: join(dir, 'incident.hindsight') });
      const log = deployLog(200);
      await value(service, 'import.uploadFinish', { uploadIds: [await upload(send, 'app.log', log.subarray(0, log.indexOf('\n', 10_000) + 1))] });
      const grown = await value<ImportSummary>(service, 'import.uploadFinish', { uploadIds: [await upload(send, 'app.log', log)] });
      expect(grown.sources).toMatchObject([{ sourceId: 1, path: 'upload:app.log' }]);
      expect(grown.sources[0]?.resumedAfterLine).toBeGreaterThan(0);

      const zipPath = join(dir, 'logs.zip');
      writeZip(zipPath, [{ name: 'node-1/kubelet.log', content: deployLog(20) }]);
      const zipped = await value<ImportSummary>(service, 'import.uploadFinish', { uploadIds: [await upload(send, 'logs.zip', readFileSync(zipPath))] });
      expect(zipped.sources.map((s) => s.path)).toEqual(['upload:logs.zip!node-1/kubelet.log']);
      const sources = await value<SourceInfo[]>(service, 'incident.sources', {});
      expect(sources.map((s) => [s.path, s.lineCount])).toEqual([
        ['upload:app.log', 200],
        ['upload:logs.zip!node-1/kubelet.log', 20],
      ]);
    } finally {
      service.close();
    }
  });

  it('refuses a file over the cap, chunks out of order or too long, and unfinished uploads, each in one sentence', async () => {
    const dir = tempDir();
    const service = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
    try {
      await value(service, 'incident.create', { path: join(dir, 'incident.hindsight') });
      const tooBig = await call(service, 'import.uploadBegin', { fileName: 'huge.log', sizeBytes: MAX_UPLOAD_BYTES + 1 });
      expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringMatching(/^huge\.log is 257 MiB, more than the 256 MiB a browser upload may carry; import it with `hindsight import`/) } });

      const { uploadId } = await value<{ uploadId: string }>(service, 'import.uploadBegin', { fileName: 'a.log', sizeBytes: 10 });
      const skipped = await call(service, 'import.uploadChunk', { uploadId, offsetBytes: 5, dataBase64: Buffer.from('abcde').toString('base64') });
      expect(skipped).toMatchObject({ ok: false, error: { message: 'The upload of a.log expected the chunk at byte 0, not 5; send the chunks in order.' } });
      await value(service, 'import.uploadChunk', { uploadId, offsetBytes: 0, dataBase64: Buffer.from('abcde').toString('base64') });
      const early = await call(service, 'import.uploadFinish', { uploadIds: [uploadId] });
      expect(early).toMatchObject({ ok: false, error: { message: 'Only 5 of the 10 bytes of a.log arrived; send the rest before importing it.' } });
      const overlong = await call(service, 'import.uploadChunk', { uploadId, offsetBytes: 5, dataBase64: Buffer.from('fghijklmnop').toString('base64') });
      expect(overlong).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^a\.log sent more than the 10 bytes it announced/) } });
      const gone = await call(service, 'import.uploadChunk', { uploadId, offsetBytes: 5, dataBase64: '' });
      expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const oversizedChunk = await call(service, 'import.uploadChunk', { uploadId, offsetBytes: 0, dataBase64: 'A'.repeat(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4) });
      expect(oversizedChunk).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    } finally {
      service.close();
    }
  });

  it('cancels an upload half-way: what arrived is deleted, it cannot be finished, and cancelling again changes nothing', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const service = createService({ dataDir, emit: () => undefined });
    try {
      await value(service, 'incident.create', { path: join(dir, 'incident.hindsight') });
      const bytes = deployLog(4000);
      const { uploadId, chunkBytes } = await value<{ uploadId: string; chunkBytes: number }>(service, 'import.uploadBegin', { fileName: 'half.jsonl', sizeBytes: bytes.length });
      await value(service, 'import.uploadChunk', { uploadId, offsetBytes: 0, dataBase64: bytes.subarray(0, chunkBytes).toString('base64') });
      const files = () => readdirSync(join(dataDir, 'uploads'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files()).toHaveLength(1);
      expect(await value(service, 'import.uploadCancel', { uploadIds: [uploadId] })).toEqual({ discarded: 1 });
      expect(files()).toHaveLength(0);
      expect(await call(service, 'import.uploadFinish', { uploadIds: [uploadId] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await value(service, 'import.uploadCancel', { uploadIds: [uploadId] })).toEqual({ discarded: 0 });
      expect(await value<SourceInfo[]>(service, 'incident.sources', {})).toEqual([]);
    } finally {
      service.close();
    }
  });

  it('keeps hostile file names inside the incident’s uploads folder', async () => {
    expect(sanitiseUploadName('../../../etc/passwd')).toBe('passwd');
    expect(sanitiseUploadName('..\\..\\Windows\\win.ini')).toBe('win.ini');
    expect(sanitiseUploadName('..')).toBe('upload');
    expect(sanitiseUploadName('.bashrc')).toBe('bashrc');
    expect(sanitiseUploadName('a\u0000b;rm -rf $HOME`.log')).toBe('a_b_rm -rf _HOME_.log');
    expect(sanitiseUploadName('nginx-access.log.1.gz')).toBe('nginx-access.log.1.gz');
    const long = sanitiseUploadName(`${'x'.repeat(500)}.tar.gz`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.gz')).toBe(true);

    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const service = createService({ dataDir, emit: () => undefined });
    const send = (method: ApiMethod, args: unknown) => call(service, method, args);
    try {
      await value(service, 'incident.create', { path: join(dir, 'incident.hindsight') });
      const summary = await value<ImportSummary>(service, 'import.uploadFinish', { uploadIds: [await upload(send, '../../escaped.jsonl', deployLog(3))] });
      expect(summary.sources.map((s) => s.path)).toEqual(['upload:escaped.jsonl']);
      expect(existsSync(join(dir, 'escaped.jsonl'))).toBe(false);
      expect(existsSync(join(dataDir, 'escaped.jsonl'))).toBe(false);
      const badId = await call(service, 'import.uploadChunk', { uploadId: '../../x', offsetBytes: 0, dataBase64: '' });
      expect(badId).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    } finally {
      service.close();
    }
  });

  it('refuses uploads into a read-only incident with its sentence', async () => {
    const dir = tempDir();
    const path = join(dir, 'incident.hindsight');
    const writer = createService({ dataDir: join(dir, 'data'), emit: () => undefined });
    await value(writer, 'incident.create', { path });
    writer.close();
    const viewer = createService({ dataDir: join(dir, 'viewer'), emit: () => undefined, readOnly: true });
    try {
      viewer.openIncident(path);
      const refused = await call(viewer, 'import.uploadBegin', { fileName: 'a.log', sizeBytes: 1 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'read_only', message: expect.stringMatching(/read-only/) } });
      expect(existsSync(join(dir, 'viewer', 'uploads'))).toBe(false);
    } finally {
      viewer.close();
    }
  });
});
