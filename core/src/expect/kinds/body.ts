import type { ExpectationDef } from '../kind.js';
import { partialMatch } from '../partialMatch.js';
import { short } from '../values.js';

export const body: ExpectationDef = {
  kind: 'body',
  doc: 'Partial deep match of the JSON body: every key given must match, keys not given are ignored, arrays match element by element with equal length.',
  schema: {},
  keyed: false,
  evaluate(expected, _expectation, response) {
    const parsed = response.json();
    if (!parsed.ok) return { passed: false, actual: undefined, message: parsed.reason };
    const mismatch = partialMatch(expected, parsed.value, '$');
    if (!mismatch) return { passed: true, actual: parsed.value, message: 'body matches' };
    return {
      passed: false,
      // Only the part the user wrote about, so an expected/actual diff shows just the differences.
      actual: mismatch.projected,
      message: `body differs at \`${mismatch.path}\`: expected ${short(mismatch.expected)}, got ${short(mismatch.actual)}`,
    };
  },
};
