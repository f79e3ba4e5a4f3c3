import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';

export const headers: ExpectationDef = {
  kind: 'headers',
  doc: 'Response headers (case-insensitive): name → exact string or matcher; `{ exists: false }` asserts absence.',
  schema: {
    type: 'object',
    additionalProperties: { oneOf: [{ type: ['string', 'number', 'boolean'] }, { type: 'object' }] },
  },
  keyed: true,
  evaluate(expected, expectation, response, context) {
    const name = (expectation.key ?? '').toLowerCase();
    const actual = response.header(name);
    // Header values are text: `content-length: 12` compares with "12".
    return compareWith(
      `header \`${expectation.key ?? name}\``,
      expected,
      actual,
      context,
      (want, got) => got !== undefined && String(want) === got,
    );
  },
};
