import type { MatcherDef } from '../matcher.js';
import { JSON_TYPES, jsonType } from '../values.js';

export const type: MatcherDef = {
  name: 'type',
  doc: 'The JSON type: string, number, integer, boolean, null, array or object (an integer is also a number).',
  argType: 'type',
  schema: { enum: [...JSON_TYPES] },
  describe: (arg) => `of type ${String(arg)}`,
  validateArg: (arg) =>
    JSON_TYPES.includes(arg as never) ? undefined : `\`type\` is one of ${JSON_TYPES.join(', ')}`,
  check(actual, arg) {
    const actualType = jsonType(actual);
    const holds = actualType === arg || (arg === 'number' && actualType === 'integer');
    return holds ? undefined : `of type ${String(arg)}`;
  },
};
