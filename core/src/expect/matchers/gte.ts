import type { MatcherDef } from '../matcher.js';
import { compareNumbers, numericArgProblem } from './compare.js';

export const gte: MatcherDef = {
  name: 'gte',
  doc: 'A number at least the argument (numeric strings such as header values or regex captures count as numbers, on either side).',
  argType: 'number',
  schema: { type: ['number', 'string'] },
  describe: (arg) => `at least ${String(arg)}`,
  validateArg: (arg) => numericArgProblem('gte', arg),
  check: (actual, arg) => compareNumbers(actual, arg, 'at least', (a, b) => a >= b),
};
