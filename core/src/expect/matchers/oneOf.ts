import type { MatcherDef } from '../matcher.js';
import { deepEqual, short } from '../values.js';

export const oneOf: MatcherDef = {
  name: 'oneOf',
  doc: 'Equal to one of the listed values.',
  argType: 'list',
  schema: { type: 'array' },
  describe: (arg) => `one of ${short(arg)}`,
  validateArg: (arg) => (Array.isArray(arg) ? undefined : '`oneOf` needs a list of values'),
  check: (actual, arg) =>
    Array.isArray(arg) && arg.some((item) => deepEqual(actual, item)) ? undefined : `one of ${short(arg)}`,
};
