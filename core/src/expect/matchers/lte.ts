import type { MatcherDef } from '../matcher.js';
import { compareNumbers } from './compare.js';

export const lte: MatcherDef = {
  name: 'lte',
  doc: 'A number at most the argument (numeric strings such as header values count as numbers).',
  argType: 'number',
  schema: { type: 'number' },
  validateArg: (arg) => (typeof arg === 'number' ? undefined : '`lte` needs a number'),
  check: (actual, arg) => compareNumbers(actual, arg, 'at most', (a, b) => a <= b),
};
