import type { MatcherDef } from '../matcher.js';
import { deepEqual, short } from '../values.js';

export const ne: MatcherDef = {
  name: 'ne',
  doc: 'Not equal to the value (deep equality).',
  argType: 'any',
  schema: {},
  describe: (arg) => `different from ${short(arg)}`,
  check: (actual, arg) => (deepEqual(actual, arg) ? `not equal to ${short(arg)}` : undefined),
};
