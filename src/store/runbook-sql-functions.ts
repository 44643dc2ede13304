/**
 * SQL functions the runbook match rules use, registered on a connection before they run.
 * `hindsight_regexp(pattern, flags, text)` answers 1 when `text` matches. Patterns that can backtrack
 * exponentially are refused when a runbook is loaded (src/runbooks/regex-safety.ts); this function
 * also reads at most MAX_REGEX_INPUT_CHARS characters of `text`, so the work per message stays bounded
 * for the rest, and compiles each pattern once per connection.
 */
import { MAX_REGEX_INPUT_CHARS } from '../runbooks/regex-safety';
import type { Database } from './sqlite';

/** Name of the regex function in SQL. */
export const REGEXP_FUNCTION = 'hindsight_regexp';

const registered = new WeakSet<Database>();

/** Registers the runbook SQL functions on `db` (once per connection). */
export function ensureRunbookFunctions(db: Database): void {
  if (registered.has(db)) return;
  const compiled = new Map<string, RegExp>();
  db.function(REGEXP_FUNCTION, { deterministic: true, varargs: false }, (pattern: unknown, flags: unknown, text: unknown) => {
    if (typeof pattern !== 'string' || typeof text !== 'string') return 0;
    const key = `${String(flags)}/${pattern}`;
    let regex = compiled.get(key);
    if (regex === undefined) {
      regex = new RegExp(pattern, flags === 'i' ? 'i' : '');
      compiled.set(key, regex);
    }
    return regex.test(text.length > MAX_REGEX_INPUT_CHARS ? text.slice(0, MAX_REGEX_INPUT_CHARS) : text) ? 1 : 0;
  });
  registered.add(db);
}
