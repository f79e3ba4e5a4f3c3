import type { MatcherDef } from '../matcher.js';
import { deepEqual, short } from '../values.js';

export const contains: MatcherDef = {
  name: 'contains',
  doc: 'A string containing the text, or a list containing the value.',
  argType: 'any',
  schema: {},
  describe: (arg) => `containing ${short(arg)}`,
  check(actual, arg) {
    if (typeof actual === 'string' && actual.includes(String(arg))) return undefined;
    if (Array.isArray(actual) && actual.some((item) => deepEqual(item, arg))) return undefined;
    return `${Array.isArray(actual) ? 'a list' : 'a string'} containing ${short(arg)}`;
  },
};
