import { cssProblem, selectCss } from '../../html.js';
import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';

export const css: ExpectationDef = {
  kind: 'css',
  doc: 'CSS selector on an HTML body → text or matcher; `selector@attr` gives an attribute. One match compares its text, several the list of texts, none is absent.',
  schema: { type: 'object', additionalProperties: true },
  keyed: true,
  evaluate(expected, expectation, response, context) {
    const query = expectation.key ?? '';
    const problem = cssProblem(query);
    if (problem) return { passed: false, actual: undefined, message: problem };
    if (response.isBinary) {
      const size = response.response.body.length;
      return {
        passed: false,
        actual: `<binary, ${size} bytes>`,
        message: `expected an HTML body, got ${response.contentType || 'binary data'} (<binary, ${size} bytes>)`,
      };
    }
    const values = selectCss(query, response.text());
    const actual = values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    return compareWith(`\`${query}\``, expected, actual, context);
  },
};
