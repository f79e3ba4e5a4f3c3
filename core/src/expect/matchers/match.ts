import type { MatcherDef } from '../matcher.js';
import { compileRegex } from '../../regex.js';

export const match: MatcherDef = {
  name: 'match',
  doc: 'A string matching the regular expression (RE2 syntax, unanchored: use ^ and $).',
  argType: 'regex',
  schema: { type: 'string' },
  validateArg: (arg) =>
    typeof arg === 'string' ? undefined : '`match` needs a regular expression (a string)',
  /** Throws a `RegexError` for a pattern that cannot be used: the step errors with it. */
  check(actual, arg) {
    const regex = compileRegex(String(arg));
    const text = typeof actual === 'string' || typeof actual === 'number' ? String(actual) : undefined;
    return text !== undefined && regex.test(text) ? undefined : `a string matching /${String(arg)}/`;
  },
};
