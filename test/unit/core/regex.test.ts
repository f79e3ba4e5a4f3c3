// core/src/regex.ts: user patterns with RE2 semantics (linear time), cached, with JavaScript's
// `\u` escapes, and constructs RE2 cannot run refused by name at their exact place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRegex, regexProblem, RegexError } from '../../../core/src/regex.js';

void describe('compileRegex', () => {
  void it('compiles a pattern once', () => {
    assert.equal(compileRegex('^a+$'), compileRegex('^a+$'));
  });

  void it('searches anywhere unless anchored, as before', () => {
    assert.ok(compileRegex('b+').test('abbc'));
    assert.ok(!compileRegex('^b+$').test('abbc'));
    assert.ok(compileRegex('^\\p{Lu}').test('Ada'));
    assert.ok(compileRegex('[\\w-.]').test('-'));
    assert.ok(compileRegex('^/users/\\d+$').test('/users/42'));
  });

  void it('takes inline flags and JavaScript flag letters', () => {
    assert.ok(compileRegex('(?i)^ada$').test('ADA'));
    assert.ok(compileRegex('^a(?i:b)c$').test('aBc'));
    assert.ok(!compileRegex('^a(?i:b)c$').test('aBC'));
    assert.ok(compileRegex('(?s)a.b').test('a\nb'));
    assert.ok(!compileRegex('a.b').test('a\nb'));
    assert.ok(compileRegex('(?m)^b$').test('a\nb\nc'));
    assert.ok(compileRegex('^ada$', 'i').test('ADA'));
    assert.ok(compileRegex('^b$', 'mu').test('a\nb'));
    assert.deepEqual(regexProblem('a', 'g'), {
      kind: 'invalid',
      message: 'unknown regular expression flag `g`; use i, m or s',
      start: 0,
      end: 1,
    });
  });

  void it('returns the match and its groups; a group that took no part is undefined', () => {
    assert.deepEqual([...compileRegex('/users/(\\d+)').exec('/users/42/x')!], ['/users/42', '42']);
    assert.deepEqual([...compileRegex('(a)|(b)').exec('b')!], ['b', undefined, 'b']);
    assert.deepEqual([...compileRegex('(?<id>\\d+)-(?P<rev>\\d+)').exec('v7-3')!], ['7-3', '7', '3']);
    assert.equal(compileRegex('x').exec('y'), null);
  });

  void it('reads JavaScript `\\u` escapes; an escaped backslash stays literal', () => {
    assert.ok(compileRegex('^\\u0041$').test('A'));
    assert.ok(compileRegex('^\\u{1F600}$').test('😀'));
    assert.ok(compileRegex('^\\uD83D\\uDE00$').test('😀'));
    assert.ok(compileRegex('^\\\\u0041$').test('\\u0041'));
  });

  void it('throws a RegexError carrying the problem', () => {
    assert.throws(
      () => compileRegex('('),
      (error: unknown) =>
        error instanceof RegexError &&
        error.problem.kind === 'invalid' &&
        error.message === 'invalid regular expression: missing closing ): `(`',
    );
  });
});

void describe('regexProblem: constructs RE2 cannot run', () => {
  const cases: [pattern: string, name: string, covered: string][] = [
    ['a(?=b)c', 'lookahead `(?=…)`', '(?=b)'],
    ['a(?!b)', 'negative lookahead `(?!…)`', '(?!b)'],
    ['^(?<=a(b))c', 'lookbehind `(?<=…)`', '(?<=a(b))'],
    ['(?<!x)y', 'negative lookbehind `(?<!…)`', '(?<!x)'],
    ['(?>ab)c', 'atomic group `(?>…)`', '(?>ab)'],
    ['(\\w+) \\1', 'backreference', '\\1'],
    ['(?<n>a)-\\k<n>', 'backreference', '\\k<n>'],
    ['xa++', 'possessive quantifier', '++'],
    ['a*+', 'possessive quantifier', '*+'],
    ['a?+', 'possessive quantifier', '?+'],
    ['a{2,3}+', 'possessive quantifier', '}+'],
    ['ab(?=c', 'lookahead `(?=…)`', '(?=c'],
  ];
  for (const [pattern, name, covered] of cases) {
    void it(`${pattern}: ${name} at \`${covered}\``, () => {
      const problem = regexProblem(pattern);
      assert.equal(problem?.kind, 'unsupported');
      assert.ok(
        problem.message.startsWith(
          `${name} is not supported: Bluebook matches with RE2 semantics so a pattern can never hang a run; `,
        ),
        problem.message,
      );
      assert.equal(pattern.slice(problem.start, problem.end), covered);
      assert.throws(() => compileRegex(pattern), RegexError);
    });
  }

  void it('is not fooled by the same characters as literal text', () => {
    for (const pattern of ['[(?=]', '\\(?=x\\)', '\\Q(?=\\E', '\\\\1', 'a+?', '(?:a)+', '[[:alpha:]]+'])
      assert.equal(regexProblem(pattern), undefined, pattern);
    assert.equal(regexProblem('[\\1]')?.kind, 'invalid', 'an escape RE2 does not know, not a backreference');
  });

  void it('locates a syntax error at the fragment RE2 names', () => {
    const problem = regexProblem('ab[c-');
    assert.equal(problem?.kind, 'invalid');
    assert.equal(problem.message, 'invalid regular expression: missing closing ]: `[c-`');
    assert.equal('ab[c-'.slice(problem.start, problem.end), '[c-');
  });
});
