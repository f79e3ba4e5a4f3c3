import { describeMatcher, evaluateMatcher, matcherProblems } from '../evaluate.js';
import type { MatcherDef } from '../matcher.js';
import { deepEqual, isPlainObject, short } from '../values.js';

/** The negated part of a message: one operator as is, several in parentheses. */
function negated(arg: unknown): string {
  if (!isPlainObject(arg)) return `equal to ${short(arg)}`;
  const words = describeMatcher(arg);
  return Object.keys(arg).length > 1 ? `(${words})` : words;
}

export const not: MatcherDef = {
  name: 'not',
  doc: 'Negation: a matcher that must not hold (`not: { contains: x }`), or a value the actual value must not equal (`not: 5`, like `ne`).',
  argType: 'matcher',
  schema: {},
  describe: (arg) => `not ${negated(arg)}`,
  validateArg: (arg) => (isPlainObject(arg) ? matcherProblems(arg).join('; ') || undefined : undefined),
  check(actual, arg, context) {
    const holds = isPlainObject(arg) ? evaluateMatcher(arg, actual, context).passed : deepEqual(actual, arg);
    return holds ? `a value not ${negated(arg)}` : undefined;
  },
};
