import type { MatcherDef } from '../matcher.js';
import { compareNumbers } from './compare.js';

export const lt: MatcherDef = {
  name: 'lt',
  doc: 'A number less than the argument (numeric strings such as header values count as numbers).',
  argType: 'number',
  schema: { type: 'number' },
  validateArg: (arg) => (typeof arg === 'number' ? undefined : '`lt` needs a number'),
  check: (actual, arg) => compareNumbers(actual, arg, 'less than', (a, b) => a < b),
};
