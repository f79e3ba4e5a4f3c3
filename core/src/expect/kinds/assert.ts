import type { ExpectationDef } from '../kind.js';

/** `assert: [ "${{ … }}" ]`: the expression (interpolated with `response` in scope) must be truthy. */
export const assertion: ExpectationDef = {
  kind: 'assert',
  doc: 'A list of `${{ expression }}`: each must be truthy, with `response` (status, headers, json, text, duration) and every variable in scope.',
  schema: { type: 'array', items: { type: 'string' } },
  keyed: false,
  evaluate(expected, expectation) {
    const source = String(expectation.expected);
    return expected
      ? { passed: true, actual: expected, expected: source, message: `${source} holds` }
      : {
          passed: false,
          actual: expected,
          expected: source,
          message: `${source} is ${JSON.stringify(expected) ?? 'undefined'}`,
        };
  },
};
