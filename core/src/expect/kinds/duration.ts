import { parseDuration } from '../../duration.js';
import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';
import { isMatcherObject } from '../evaluate.js';

export const duration: ExpectationDef = {
  kind: 'duration',
  doc: 'Response time: a maximum (milliseconds or a duration such as `500ms`), or a matcher on milliseconds.',
  schema: { oneOf: [{ type: 'number', minimum: 0 }, { type: 'string' }, { type: 'object' }] },
  keyed: false,
  evaluate(expected, _expectation, response, context) {
    const actual = Math.round(response.response.durationMs);
    if (isMatcherObject(expected)) return compareWith('the duration (ms)', expected, actual, context);
    const max = parseDuration(expected);
    if (max === undefined) {
      return {
        passed: false,
        actual,
        message: `invalid duration ${JSON.stringify(expected)}; write milliseconds or a duration such as \`500ms\``,
      };
    }
    return actual <= max
      ? { passed: true, actual, expected: max, message: `took ${actual} ms (at most ${max} ms)` }
      : {
          passed: false,
          actual,
          expected: max,
          message: `expected a response within ${max} ms, took ${actual} ms`,
        };
  },
};
