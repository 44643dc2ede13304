/** Reads what the operating system passed to Hindsight on its command line. */
import { isDeepLinkArgument } from './deep-link';

/**
 * The argument that names an incident file to open (`hindsight path/to/x.hindsight`, a double-click,
 * or a second launch forwarded by the single-instance lock); the last one wins, null when none. A
 * `hindsight://` link is never a file, even when its filter ends in `.hindsight`.
 */
export function incidentPathFromArgv(argv: readonly string[]): string | null {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && !isDeepLinkArgument(arg) && arg.toLowerCase().endsWith('.hindsight'));
  return candidates.at(-1) ?? null;
}
