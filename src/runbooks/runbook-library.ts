/**
 * The runbook library: the shipped folder plus the user's own folders (persisted in the app's data
 * folder), read into runbooks and problem reports, watched with chokidar and re-read on change.
 * A file that fails to parse is listed with its line and reason; the others load.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { InvalidRunbook, RunbookLibraryState, RunbookSummary } from '../model/runbook';
import { isInvalidRunbook, parseRunbook, type LoadedRunbook } from './parse-runbook';

/** Largest runbook file read, in bytes. */
export const MAX_RUNBOOK_BYTES = 1024 * 1024;

/** Folder depth searched below each runbook folder. */
const MAX_DEPTH = 6;

/** Quiet time after a file change before the library is re-read, in ms. */
const RELOAD_DEBOUNCE_MS = 150;

/** Most user folders remembered. */
const MAX_USER_FOLDERS = 50;

/** How to build a library. */
export interface RunbookLibraryOptions {
  /** The app's own runbooks, or null when there are none. */
  shippedDir: string | null;
  /** Folder of the app's data; the user's folder list is kept there as `runbook-folders.json`. */
  dataDir: string;
  /** Called after every reload caused by a file change or a folder change. */
  onChange?: (state: RunbookLibraryState) => void;
  /** Watch folders for changes (default true). */
  isWatching?: boolean;
}

/** The loaded runbooks of the shipped and user folders. */
export class RunbookLibrary {
  private runbooks = new Map<string, LoadedRunbook>();
  private invalid: InvalidRunbook[] = [];
  private generation = 0;
  private watcher: FSWatcher | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly foldersFile: string;

  constructor(private readonly options: RunbookLibraryOptions) {
    this.foldersFile = join(options.dataDir, 'runbook-folders.json');
    this.reload();
    this.rewatch();
  }

  /** The user's folders, in the order they were added. */
  userFolders(): string[] {
    try {
      const parsed = JSON.parse(readFileSync(this.foldersFile, 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Adds a folder (absolute path) and re-reads; returns the new state. */
  addFolder(path: string): RunbookLibraryState {
    const absolute = resolve(path);
    const folders = this.userFolders().filter((folder) => folder !== absolute);
    this.saveFolders([...folders, absolute].slice(-MAX_USER_FOLDERS));
    return this.changed();
  }

  /** Removes a folder and re-reads; returns the new state. */
  removeFolder(path: string): RunbookLibraryState {
    const absolute = resolve(path);
    this.saveFolders(this.userFolders().filter((folder) => folder !== absolute));
    return this.changed();
  }

  /** What loaded, what did not, and from where. */
  state(): RunbookLibraryState {
    const shipped = this.options.shippedDir;
    const folders = [
      ...(shipped === null ? [] : [{ path: shipped, isShipped: true, exists: isDirectory(shipped) }]),
      ...this.userFolders().map((path) => ({ path, isShipped: false, exists: isDirectory(path) })),
    ];
    const runbooks: RunbookSummary[] = [...this.runbooks.values()].map(({ detail }) => {
      const { body: _body, steps: _steps, contentHash: _hash, ...summary } = detail;
      return summary;
    });
    runbooks.sort((a, b) => a.title.localeCompare(b.title));
    return { runbooks, invalid: [...this.invalid], folders, generation: this.generation };
  }

  /** A loaded runbook by id, or undefined. */
  get(id: string): LoadedRunbook | undefined {
    return this.runbooks.get(id);
  }

  /** Every loaded runbook. */
  all(): LoadedRunbook[] {
    return [...this.runbooks.values()];
  }

  /** A hash of every runbook's id and content: changes whenever any runbook (or the set) changes. */
  fingerprint(): string {
    const hash = createHash('sha256');
    for (const runbook of [...this.runbooks.values()].sort((a, b) => a.detail.id.localeCompare(b.detail.id))) {
      hash.update(`${runbook.detail.id}:${runbook.detail.contentHash}\n`);
    }
    return hash.digest('hex');
  }

  /** Re-reads every folder now. */
  reload(): RunbookLibraryState {
    const loaded = new Map<string, LoadedRunbook>();
    const invalid: InvalidRunbook[] = [];
    // User folders first so a team can override a shipped runbook by reusing its id.
    const sources = [
      ...this.userFolders().map((folder) => ({ folder, isShipped: false })),
      ...(this.options.shippedDir === null ? [] : [{ folder: this.options.shippedDir, isShipped: true }]),
    ];
    for (const { folder, isShipped } of sources) {
      if (!isDirectory(folder)) {
        if (!isShipped) invalid.push({ file: folder, line: 1, reason: 'the folder does not exist or cannot be read; remove it or restore it' });
        continue;
      }
      for (const file of markdownFiles(folder)) {
        const result = readRunbook(file, folder, isShipped);
        if (isInvalidRunbook(result)) {
          invalid.push(result);
          continue;
        }
        const existing = loaded.get(result.detail.id);
        if (existing === undefined) loaded.set(result.detail.id, result);
        else if (!isShipped) invalid.push({ file, line: 2, reason: `the id "${result.detail.id}" is already used by ${existing.detail.file}; give one of them another id` });
      }
    }
    this.runbooks = loaded;
    this.invalid = invalid.sort((a, b) => a.file.localeCompare(b.file));
    this.generation += 1;
    return this.state();
  }

  /** Stops watching. */
  close(): void {
    if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
    void this.watcher?.close();
    this.watcher = null;
  }

  private changed(): RunbookLibraryState {
    const state = this.reload();
    this.rewatch();
    this.options.onChange?.(state);
    return state;
  }

  private saveFolders(folders: string[]): void {
    mkdirSync(dirname(this.foldersFile), { recursive: true });
    const tmp = `${this.foldersFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(folders, null, 2));
    renameSync(tmp, this.foldersFile);
  }

  private rewatch(): void {
    void this.watcher?.close();
    this.watcher = null;
    if (this.options.isWatching === false) return;
    const folders = [...(this.options.shippedDir === null ? [] : [this.options.shippedDir]), ...this.userFolders()].filter(isDirectory);
    if (folders.length === 0) return;
    // NOTE: not persistent, so an idle watcher never keeps a CLI run or a test process alive.
    this.watcher = watch(folders, { ignoreInitial: true, persistent: false, depth: MAX_DEPTH, ignored: (path) => /(^|[/\\])\.[^/\\]/.test(path) });
    this.watcher.on('all', (_event, path) => {
      if (!path.toLowerCase().endsWith('.md') && existsSync(path) && !isDirectory(path)) return;
      if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        this.reloadTimer = null;
        this.options.onChange?.(this.reload());
      }, RELOAD_DEBOUNCE_MS);
    });
  }
}

function readRunbook(file: string, folder: string, isShipped: boolean) {
  try {
    const size = statSync(file).size;
    if (size > MAX_RUNBOOK_BYTES) return { file, line: 1, reason: `the file is larger than ${MAX_RUNBOOK_BYTES / 1024} KiB` };
    return parseRunbook(readFileSync(file, 'utf8'), { file, folder, isShipped });
  } catch (err) {
    return { file, line: 1, reason: `the file cannot be read (${(err as Error).message})` };
  }
}

/** Markdown files under `folder`, sorted, skipping hidden entries and README files. */
function markdownFiles(folder: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path, depth + 1));
    else if (entry.isFile() && /\.md$/i.test(entry.name) && !/^readme\.md$/i.test(entry.name)) files.push(path);
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
