import type { MatcherDef } from '../matcher.js';
import { userRegex } from '../values.js';

export const match: MatcherDef = {
  name: 'match',
  doc: 'A string matching the regular expression (JavaScript syntax, unanchored: use ^ and $).',
  argType: 'regex',
  schema: { type: 'string', format: 'regex' },
  validateArg(arg) {
    if (typeof arg !== 'string') return '`match` needs a regular expression (a string)';
    try {
      userRegex(arg);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  },
  check(actual, arg) {
    const regex = userRegex(String(arg));
    const text = typeof actual === 'string' || typeof actual === 'number' ? String(actual) : undefined;
    return text !== undefined && regex.test(text) ? undefined : `a string matching /${String(arg)}/`;
  },
};
