import type { MatcherDef } from '../matcher.js';
import { deepEqual, short } from '../values.js';

export const eq: MatcherDef = {
  name: 'eq',
  doc: 'Equal to the value (deep equality; use it to compare a whole object or list).',
  argType: 'any',
  schema: {},
  describe: (arg) => `equal to ${short(arg)}`,
  check: (actual, arg) => (deepEqual(actual, arg) ? undefined : `equal to ${short(arg)}`),
};
