import type { MatcherDef } from '../matcher.js';
import { compareNumbers } from './compare.js';

export const gt: MatcherDef = {
  name: 'gt',
  doc: 'A number greater than the argument (numeric strings such as header values count as numbers).',
  argType: 'number',
  schema: { type: 'number' },
  validateArg: (arg) => (typeof arg === 'number' ? undefined : '`gt` needs a number'),
  check: (actual, arg) => compareNumbers(actual, arg, 'greater than', (a, b) => a > b),
};
