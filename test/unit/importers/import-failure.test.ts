/** How an import that stopped part-way is worded (src/importers/import-failure.ts): blame the right disk or file. */
import { describe, expect, it } from 'vitest';
import { describeImportFailure } from '../../../src/importers/import-failure';

const stop = { filePath: '/logs/api.jsonl', incidentPath: '/mnt/small/outage.hindsight', lineCount: 41_000 };

/** An error as better-sqlite3 or Node's fs throws it: a message and a `code`. */
function errorWithCode(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('an import that stopped part-way', () => {
  it('names the incident’s disk when it is full, and says importing again continues', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) {
      const { error, sourceError } = describeImportFailure(errorWithCode(code, 'database or disk is full'), stop);
      expect(error.code).toBe('io_error');
      expect(error.message).toBe(
        'The disk holding the incident /mnt/small/outage.hindsight is full, so importing /logs/api.jsonl stopped after line 41000 (every line before it is saved); free some space on that disk, then import the same file again to continue where it stopped.',
      );
      expect(sourceError).not.toMatch(/readable|truncated/);
    }
  });

  it('says a read-only incident cannot be written, and a disk error is the incident’s disk', () => {
    expect(describeImportFailure(errorWithCode('SQLITE_READONLY', 'attempt to write a readonly database'), stop).error).toMatchObject({
      code: 'read_only',
      message: expect.stringMatching(/^The incident \/mnt\/small\/outage\.hindsight cannot be written .*copy the incident somewhere writable/),
    });
    expect(describeImportFailure(errorWithCode('SQLITE_IOERR_WRITE', 'disk I/O error'), stop).error.message).toMatch(/^The disk holding the incident .* reported an error while saving/);
  });

  it('blames the input file for anything else', () => {
    expect(describeImportFailure(errorWithCode('EIO', 'i/o error'), stop).error.message).toBe(
      'Reading /logs/api.jsonl failed after line 41000 (i/o error); check the file is readable and not truncated, then import it again.',
    );
  });
});
