import { selectJsonPath, validateJsonPath } from '../../jsonpath.js';
import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';

export const json: ExpectationDef = {
  kind: 'json',
  doc: 'JSONPath (RFC 9535) → value or matcher. A singular query compares one value (absent when nothing matches); any other compares the list of matches.',
  schema: { type: 'object', additionalProperties: true },
  keyed: true,
  evaluate(expected, expectation, response, context) {
    const path = expectation.key ?? '$';
    const problem = validateJsonPath(path);
    if (problem) return { passed: false, actual: undefined, message: `\`${path}\`: ${problem.message}` };
    const body = response.json();
    if (!body.ok) return { passed: false, actual: undefined, message: body.reason };
    const { value } = selectJsonPath(path, body.value);
    return compareWith(`\`${path}\``, expected, value, context);
  },
};
