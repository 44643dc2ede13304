/** Reads what the operating system passed to Hindsight on its command line. */

/**
 * The argument that names an incident file to open (`hindsight path/to/x.hindsight`, a double-click,
 * or a second launch forwarded by the single-instance lock); the last one wins, null when none.
 */
export function incidentPathFromArgv(argv: readonly string[]): string | null {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.hindsight'));
  return candidates.at(-1) ?? null;
}
