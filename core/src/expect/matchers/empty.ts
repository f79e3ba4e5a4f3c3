import type { MatcherDef } from '../matcher.js';
import { sizeOf } from '../values.js';

export const empty: MatcherDef = {
  name: 'empty',
  doc: '`true`: an empty string, list or object; `false`: a non-empty one.',
  argType: 'boolean',
  schema: { type: 'boolean' },
  describe: (arg) => (arg === false ? 'not empty' : 'empty'),
  validateArg: (arg) => (typeof arg === 'boolean' ? undefined : '`empty` needs true or false'),
  check(actual, arg) {
    const size = sizeOf(actual);
    if (size === undefined) return arg === false ? 'not empty' : 'empty';
    return (size === 0) === (arg !== false) ? undefined : arg === false ? 'not empty' : 'empty';
  },
};
