import type { MatcherDef } from '../matcher.js';
import { isPlainObject } from '../values.js';

export const empty: MatcherDef = {
  name: 'empty',
  doc: '`true`: an empty string, list or object; `false`: a non-empty one.',
  argType: 'boolean',
  schema: { type: 'boolean' },
  validateArg: (arg) => (typeof arg === 'boolean' ? undefined : '`empty` needs true or false'),
  check(actual, arg) {
    const size =
      typeof actual === 'string' || Array.isArray(actual)
        ? actual.length
        : isPlainObject(actual)
          ? Object.keys(actual).length
          : undefined;
    if (size === undefined) return arg === false ? 'not empty' : 'empty';
    return (size === 0) === (arg !== false) ? undefined : arg === false ? 'not empty' : 'empty';
  },
};
