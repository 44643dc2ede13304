/** The list of recently opened incidents, kept as a small JSON file in the app's data folder. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecentIncident } from './contract';

const MAX_RECENT = 10;

/** Reads and updates `recent.json` in `dataDir`; a missing or damaged file reads as an empty list. */
export class RecentIncidents {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent.json');
  }

  /** The recent incidents, newest first, that still exist on disk. */
  list(): RecentIncident[] {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is RecentIncident =>
          typeof r === 'object' && r !== null && typeof r.path === 'string' && typeof r.title === 'string' && typeof r.openedAtMs === 'number' && existsSync(r.path),
      );
    } catch {
      return [];
    }
  }

  /** Moves `path` to the top of the list. Written atomically (temp file and rename). */
  remember(path: string, title: string): void {
    const next = [{ path, title, openedAtMs: Date.now() }, ...this.list().filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2));
    renameSync(tmp, this.file);
  }
}
