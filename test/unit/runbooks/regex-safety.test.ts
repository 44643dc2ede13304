import { describe, expect, it } from 'vitest';
import { MAX_REGEX_PATTERN_CHARS, splitPattern, unsafeRegexReason, type RulePattern } from '../../../src/runbooks/regex-safety';

const plain = (source: string): RulePattern => ({ source, flags: '' });

describe('regex safety of match rules', () => {
  it('accepts the patterns runbooks use', () => {
    for (const source of ['failed to open segment [0-9a-f]+ metadata', "State 'stop-sigterm' timed out", '^panic: .*metadata missing$', '(?:api|worker)-\\d{3}', '(foo|bar)?baz', 'a{2}']) {
      expect(unsafeRegexReason(plain(source)), source).toBeNull();
    }
  });

  it('rejects catastrophic backtracking patterns: nested and overlapping repetition', () => {
    for (const source of ['(a+)+$', '(a*)*b', '(a|aa)+$', '(.*a){10,}', '((ab)+c)*', '(\\w+\\s?)+$', '(a?){2,}']) {
      expect(unsafeRegexReason(plain(source)), source).toMatch(/exponential time/);
    }
  });

  it('rejects back-references, bad syntax, empty and over-long patterns with a reason', () => {
    expect(unsafeRegexReason(plain('(a)\\1'))).toMatch(/back-references/);
    expect(unsafeRegexReason(plain('([a-z'))).toMatch(/does not compile/);
    expect(unsafeRegexReason(plain(''))).toMatch(/empty/);
    expect(unsafeRegexReason(plain('a'.repeat(MAX_REGEX_PATTERN_CHARS + 1)))).toMatch(/longer than/);
  });

  it('ignores brackets and escapes when looking for groups', () => {
    expect(unsafeRegexReason(plain('[(a+)]+'))).toBeNull();
    expect(unsafeRegexReason(plain('\\(a+\\)+'))).toBeNull();
  });

  it('reads /pattern/i and refuses other flags', () => {
    expect(splitPattern('/Timed Out/i')).toEqual({ source: 'Timed Out', flags: 'i' });
    expect(splitPattern('no slashes')).toEqual({ source: 'no slashes', flags: '' });
    expect(splitPattern('/x/g')).toMatch(/not supported/);
  });
});
