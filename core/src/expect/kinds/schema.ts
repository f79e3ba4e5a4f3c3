import type { ExpectationDef } from '../kind.js';
import { schemaValidator } from '../schemas.js';

export const schema: ExpectationDef = {
  kind: 'schema',
  doc: 'A JSON Schema (2020-12, formats on) the JSON body must satisfy: inline, or a path to a .json/.yaml file relative to the suite.',
  schema: { oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'boolean' }] },
  keyed: false,
  evaluate(expected, _expectation, response, context) {
    // Resolve the schema first: an unreadable schema file errors the step even when the body is not JSON.
    const check = schemaValidator(expected, context.baseDir);
    const parsed = response.json();
    if (!parsed.ok) return { passed: false, actual: undefined, message: parsed.reason };
    const problems = check(parsed.value);
    return problems === undefined
      ? { passed: true, actual: parsed.value, message: 'body matches the schema' }
      : { passed: false, actual: parsed.value, message: `body does not match the schema: ${problems}` };
  },
};
