import type { MatcherDef } from '../matcher.js';
import { schemaValidator } from '../schemas.js';
import { isPlainObject } from '../values.js';

export const schema: MatcherDef = {
  name: 'schema',
  doc: 'Valid against a JSON Schema (2020-12, formats on): inline, or a path to a .json/.yaml file relative to the suite.',
  argType: 'schema',
  schema: { oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'boolean' }] },
  describe: () => 'valid against the schema',
  validateArg: (arg) =>
    typeof arg === 'string' || typeof arg === 'boolean' || isPlainObject(arg)
      ? undefined
      : '`schema` needs a schema object or a file path',
  check(actual, arg, context) {
    const validator = schemaValidator(arg, context.baseDir);
    const problems = validator(actual);
    return problems === undefined ? undefined : `valid against the schema (${problems})`;
  },
};
