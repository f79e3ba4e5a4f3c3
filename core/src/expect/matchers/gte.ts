import type { MatcherDef } from '../matcher.js';
import { compareNumbers } from './compare.js';

export const gte: MatcherDef = {
  name: 'gte',
  doc: 'A number at least the argument (numeric strings such as header values count as numbers).',
  argType: 'number',
  schema: { type: 'number' },
  validateArg: (arg) => (typeof arg === 'number' ? undefined : '`gte` needs a number'),
  check: (actual, arg) => compareNumbers(actual, arg, 'at least', (a, b) => a >= b),
};
