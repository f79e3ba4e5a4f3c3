import type { MatcherDef } from '../matcher.js';
import { describeMatcher, evaluateMatcher } from '../evaluate.js';
import { isPlainObject, sizeOf } from '../values.js';

export const length: MatcherDef = {
  name: 'length',
  doc: 'The length of a string or list (or the number of keys of an object): a number or a matcher such as `{ gt: 0 }`.',
  argType: 'length',
  schema: { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'object' }] },
  describe: (arg) => `of length ${isPlainObject(arg) ? describeMatcher(arg) : String(arg)}`,
  validateArg: (arg) =>
    (typeof arg === 'number' && Number.isInteger(arg) && arg >= 0) || isPlainObject(arg)
      ? undefined
      : '`length` needs a whole number or a matcher',
  check(actual, arg, context) {
    const size = sizeOf(actual);
    if (isPlainObject(arg)) {
      const inner = size === undefined ? undefined : evaluateMatcher(arg, size, context);
      return inner?.passed
        ? undefined
        : `of length ${inner?.expectation ?? 'matching ' + JSON.stringify(arg)}`;
    }
    return size === arg ? undefined : `of length ${String(arg)}`;
  },
};
