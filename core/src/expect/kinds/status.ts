import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';
import { isMatcherObject } from '../evaluate.js';

export const status: ExpectationDef = {
  kind: 'status',
  doc: 'Status code: a code, a list of codes, a class such as `"2xx"`, or a matcher.',
  schema: {
    oneOf: [
      { type: 'integer', minimum: 100, maximum: 599 },
      { type: 'string', pattern: '^[1-5]xx$' },
      { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 } },
      { type: 'object' },
    ],
  },
  keyed: false,
  evaluate(expected, _expectation, response, context) {
    const actual = response.status;
    const got = response.statusLine;
    if (isMatcherObject(expected)) {
      const outcome = compareWith('status', expected, actual, context);
      return {
        ...outcome,
        message: outcome.passed ? `status ${got}` : outcome.message.replace(/, got .*$/, `, got ${got}`),
      };
    }
    const codes = Array.isArray(expected) ? expected : [expected];
    const passed = codes.some((code) => {
      if (typeof code === 'string' && /^[1-5]xx$/i.test(code))
        return Math.floor(actual / 100) === Number(code[0]);
      return Number(code) === actual;
    });
    const wanted = codes
      .map((code) =>
        typeof code === 'string' && /^[1-5]xx$/i.test(code) ? code.toLowerCase() : String(code),
      )
      .join(' or ');
    return { passed, actual, message: passed ? `status ${got}` : `expected status ${wanted}, got ${got}` };
  },
};
