/**
 * Regular expressions in runbook match rules come from files anyone can drop into a runbook folder, and
 * they run against every message of an incident. A pattern with nested or overlapping repetition, such
 * as `(a+)+$` or `(a|aa)*`, can take exponential time on a short line, so such patterns are rejected when
 * the runbook is loaded (with the reason), and the SQL function that runs the rest reads at most
 * {@link MAX_REGEX_INPUT_CHARS} characters of each message.
 */

/** Longest pattern accepted, in characters. */
export const MAX_REGEX_PATTERN_CHARS = 500;

/** Characters of each message a rule's regex is run against; longer messages are cut. */
export const MAX_REGEX_INPUT_CHARS = 4096;

/** A pattern and its flags as written in a rule (`"text"` or `"/text/i"`). */
export interface RulePattern {
  source: string;
  /** '' or 'i' (case-insensitive); no other flags are accepted. */
  flags: '' | 'i';
}

/** Reads `"/pattern/i"` or a bare pattern; returns the reason when the flags are not supported. */
export function splitPattern(written: string): RulePattern | string {
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(written);
  if (slashed === null) return { source: written, flags: '' };
  const flags = slashed[2] ?? '';
  if (flags !== '' && flags !== 'i') return `the regex flags "${flags}" are not supported; use none or "i" (ignore case)`;
  return { source: slashed[1] ?? '', flags };
}

/**
 * Why `pattern` is refused, or null when it is safe to run: too long, not a valid JavaScript regex,
 * a back-reference, or a repeated group that itself contains repetition or alternation.
 */
export function unsafeRegexReason(pattern: RulePattern): string | null {
  const { source } = pattern;
  if (source.length === 0) return 'the regex is empty';
  if (source.length > MAX_REGEX_PATTERN_CHARS) return `the regex is longer than ${MAX_REGEX_PATTERN_CHARS} characters`;
  try {
    new RegExp(source, pattern.flags);
  } catch (err) {
    return `the regex does not compile (${(err as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed in match regexes (they can take exponential time)';
  const nested = findRepeatedComplexGroup(source);
  if (nested !== null) {
    return `the group "${nested}" is repeated and contains repetition or alternation, which can take exponential time on some lines; rewrite it without nesting (e.g. "a+" instead of "(a+)+")`;
  }
  return null;
}

interface OpenGroup {
  start: number;
  isComplex: boolean;
}

/** The first group followed by `*`, `+` or `{n,}`/`{n,m>1}` whose body has a quantifier or `|`. */
function findRepeatedComplexGroup(source: string): string | null {
  const stack: OpenGroup[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      stack.push({ start: i, isComplex: false });
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === '|') {
      if (top !== undefined) top.isComplex = true;
      continue;
    }
    if (isQuantifierAt(source, i)) {
      markOuterComplex(stack);
      continue;
    }
    if (ch === ')') {
      const group = stack.pop();
      if (group === undefined) continue;
      if (group.isComplex && repeatsAt(source, i + 1)) return source.slice(group.start, i + 2);
      const parent = stack[stack.length - 1];
      if (parent !== undefined && group.isComplex) parent.isComplex = true;
    }
  }
  return null;
}

function markOuterComplex(stack: OpenGroup[]): void {
  for (const group of stack) group.isComplex = true;
}

/** True when the character at `i` is a quantifier (not the `?` of `(?:`, nor a lazy `?` after another quantifier). */
function isQuantifierAt(source: string, i: number): boolean {
  const ch = source[i];
  if (ch === '*' || ch === '+') return true;
  if (ch === '?') return !['(', '*', '+', '?', '}'].includes(source[i - 1] ?? '(');
  if (ch === '{') return /^\{\d+(,\d*)?\}/.test(source.slice(i));
  return false;
}

/** True when the character at `i` starts a quantifier that repeats more than once (`*`, `+`, `{n,}`, `{n,m}` with m > 1). */
function repeatsAt(source: string, i: number): boolean {
  const ch = source[i];
  if (ch === '*' || ch === '+') return true;
  if (ch !== '{') return false;
  const bounded = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (bounded === null) return false;
  if (bounded[2] === undefined) return Number(bounded[1]) > 1;
  return bounded[3] === '' || Number(bounded[3]) > 1;
}
