import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';

export const text: ExpectationDef = {
  kind: 'text',
  doc: 'The body as text: a string (the whole text) or a matcher (`contains`, `match`, …).',
  schema: { oneOf: [{ type: 'string' }, { type: 'object' }] },
  keyed: false,
  evaluate(expected, _expectation, response, context) {
    if (response.isBinary) {
      return {
        passed: false,
        actual: `<binary, ${response.response.body.length} bytes>`,
        message: `expected a text body, got ${response.contentType || 'binary data'} (<binary, ${response.response.body.length} bytes>)`,
      };
    }
    const actual = response.text();
    return compareWith(
      'the body text',
      typeof expected === 'object' && expected !== null ? expected : String(expected),
      actual,
      context,
    );
  },
};
