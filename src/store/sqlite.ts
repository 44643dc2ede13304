/**
 * Loads better-sqlite3 and turns a native-module ABI mismatch into one clear sentence.
 * NOTE: this is the only module that imports better-sqlite3 at run time; the rest of src/store takes its types.
 */
import { createRequire } from 'node:module';
import type DatabaseConstructor from 'better-sqlite3';
import { ApiError } from '../api/errors';

/** The better-sqlite3 `Database` class, as its type. */
export type Database = DatabaseConstructor.Database;

/** The better-sqlite3 constructor options, as their type. */
export type DatabaseOptions = DatabaseConstructor.Options;

let cached: typeof DatabaseConstructor | undefined;

/** True when an error from loading a native module means it was compiled for another Node/Electron ABI. */
export function isNativeAbiError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED|invalid ELF header|Could not locate the bindings file/.test(
    message,
  );
}

/** Returns the better-sqlite3 constructor, or throws an ApiError that says how to repair the build. */
export function sqlite(): typeof DatabaseConstructor {
  if (cached) return cached;
  try {
    const require = createRequire(import.meta.url);
    cached = require('better-sqlite3') as typeof DatabaseConstructor;
    // Loading the JS wrapper is lazy about the addon; opening a memory database proves it links.
    new cached(':memory:').close();
    return cached;
  } catch (err) {
    cached = undefined;
    if (isNativeAbiError(err)) {
      throw new ApiError(
        'internal',
        'better-sqlite3 is built for a different runtime (Electron vs Node); run `npm rebuild better-sqlite3` and try again.',
      );
    }
    throw err;
  }
}

/** Opens a SQLite database with the loaded driver. */
export function openDatabase(path: string, options?: DatabaseOptions): Database {
  const Ctor = sqlite();
  return new Ctor(path, options);
}
