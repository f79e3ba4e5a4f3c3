import { evaluateXPath, singleOrList, xmlBody, xpathProblem } from '../../xml.js';
import type { ExpectationDef } from '../kind.js';
import { compareWith } from '../subject.js';

export const xpath: ExpectationDef = {
  kind: 'xpath',
  doc: 'XPath 1.0 on an XML body → value or matcher. Numbers (`count(//user)`), strings and booleans compare as such; one node as its text, several as the list of their texts.',
  schema: { type: 'object', additionalProperties: true },
  keyed: true,
  evaluate(expected, expectation, response, context) {
    const expression = expectation.key ?? '';
    const problem = xpathProblem(expression);
    if (problem) return { passed: false, actual: undefined, message: problem };
    const body = xmlBody(response);
    if (!body.ok) return { passed: false, actual: undefined, message: body.reason };
    const actual = singleOrList(evaluateXPath(expression, body.doc));
    return compareWith(`\`${expression}\``, expected, actual, context);
  },
};
