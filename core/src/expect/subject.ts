/** Shared wording: "expected `$.id` to be greater than 0, got -1". */
import { evaluateMatcher, isMatcherObject } from './evaluate.js';
import type { KindOutcome } from './kind.js';
import type { MatchContext } from './matcher.js';
import { deepEqual, short } from './values.js';

/** Compares `actual` with a scalar/list (equality) or a matcher object. */
export function compareWith(
  subject: string,
  expected: unknown,
  actual: unknown,
  context: MatchContext,
  equal: (expected: unknown, actual: unknown) => boolean = deepEqual,
): KindOutcome {
  if (isMatcherObject(expected)) {
    const outcome = evaluateMatcher(expected, actual, context);
    if (outcome.problems.length > 0)
      return { passed: false, actual, message: `${subject}: ${outcome.problems.join('; ')}` };
    return outcome.passed
      ? { passed: true, actual, message: `${subject} holds` }
      : {
          passed: false,
          actual,
          message: `expected ${subject} to be ${outcome.expectation}, got ${short(actual)}`,
        };
  }
  return equal(expected, actual)
    ? { passed: true, actual, message: `${subject} is ${short(actual)}` }
    : {
        passed: false,
        actual,
        message: `expected ${subject} to be ${short(expected)}, got ${short(actual)}`,
      };
}
