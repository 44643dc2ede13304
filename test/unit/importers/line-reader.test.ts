import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeadLines, readLineBlocks, readLines, type LineBatch } from '../../../src/importers/line-reader';

const dir = mkdtempSync(join(tmpdir(), 'hindsight-line-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileIndex = 0;
function fileWith(content: Buffer | string, name = `f${fileIndex++}.log`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(path: string, chunkBytes?: number): Promise<{ lines: string[]; batches: LineBatch[] }> {
  const batches: LineBatch[] = [];
  for await (const batch of readLines(path, { chunkBytes })) batches.push(batch);
  return { lines: batches.flatMap((b) => b.lines), batches };
}

describe('readLines', () => {
  it('splits LF and CRLF lines and keeps a final line without newline', async () => {
    const { lines } = await collect(fileWith('a\r\nb\nc\r\n\nlast'));
    expect(lines).toEqual(['a', 'b', 'c', '', 'last']);
  });

  it('does not invent a line after a trailing newline, and reads an empty file as no lines', async () => {
    expect((await collect(fileWith('one\ntwo\n'))).lines).toEqual(['one', 'two']);
    expect((await collect(fileWith(''))).lines).toEqual([]);
    expect((await collect(fileWith('\n'))).lines).toEqual(['']);
  });

  it('numbers lines from 1 across batches and reports bytes read', async () => {
    const content = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n');
    const path = fileWith(content);
    const { lines, batches } = await collect(path, 64);
    expect(lines).toHaveLength(1000);
    expect(lines[999]).toBe('line 1000');
    let expected = 1;
    for (const batch of batches) {
      expect(batch.firstLineNumber).toBe(expected);
      expected += batch.lines.length;
    }
    expect(batches.at(-1)!.bytesRead).toBe(Buffer.byteLength(content));
  });

  it('reassembles lines and multi-byte characters split across chunks', async () => {
    const long = 'é'.repeat(5000) + '🚀';
    const { lines } = await collect(fileWith(`${long}\nx\r\n${long}`), 7);
    expect(lines).toEqual([long, 'x', long]);
  });

  it('reads gzip files by their magic bytes', async () => {
    const path = fileWith(gzipSync('{"a":1}\n{"a":2}\r\n{"a":3}'), 'logs.gz');
    const { lines, batches } = await collect(path);
    expect(lines).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    expect(batches.at(-1)!.bytesRead).toBeGreaterThan(0);
  });

  it('turns invalid UTF-8 into replacement characters without losing lines', async () => {
    const path = fileWith(Buffer.concat([Buffer.from('ok\n'), Buffer.from([0x66, 0xff, 0xfe, 0x6f]), Buffer.from('\nend')]));
    expect((await collect(path)).lines).toEqual(['ok', 'f\uFFFD\uFFFDo', 'end']);
  });

  it('drops a UTF-8 byte-order mark at the start', async () => {
    expect((await collect(fileWith('\uFEFFfirst\nsecond'))).lines).toEqual(['first', 'second']);
  });

  it('reads a huge line', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    expect((await collect(fileWith(`a\n${huge}\nb`))).lines.map((l) => l.length)).toEqual([1, huge.length, 1]);
  });
});

describe('readLineBlocks', () => {
  it('gives each line as offsets into one text per block, excluding CR and LF', async () => {
    const content = `é1\r\n🚀two\n\nlast\r`;
    const lines: string[] = [];
    const firstLineNumbers: number[] = [];
    for await (const block of readLineBlocks(fileWith(content), { chunkBytes: 5 })) {
      firstLineNumbers.push(block.firstLineNumber);
      for (let k = 0; k < block.lineCount; k++) lines.push(block.text.slice(block.lineStarts[k], block.lineEnds[k]));
    }
    expect(lines).toEqual(['é1', '🚀two', '', 'last']);
    expect(firstLineNumbers[0]).toBe(1);
  });
});

describe('readHeadLines', () => {
  it('returns whole lines from the start, leaving out a line cut by the byte limit', async () => {
    const path = fileWith('first\r\nsecond\nthird line is long\n');
    expect(await readHeadLines(path, 20)).toEqual(['first', 'second']);
    expect(await readHeadLines(path)).toEqual(['first', 'second', 'third line is long']);
    expect(await readHeadLines(path, 1000, 1)).toEqual(['first']);
  });

  it('stops at the byte limit on a file without newlines, and reads gzip', async () => {
    expect(await readHeadLines(fileWith('x'.repeat(200_000)), 1000)).toEqual(['x'.repeat(1000)]);
    expect(await readHeadLines(fileWith(gzipSync('{"a":1}\n{"a":2}')))).toEqual(['{"a":1}', '{"a":2}']);
  });
});
