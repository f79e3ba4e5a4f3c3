import type { MatcherDef } from '../matcher.js';
import { compareNumbers, numericArgProblem } from './compare.js';

export const gt: MatcherDef = {
  name: 'gt',
  doc: 'A number greater than the argument (numeric strings such as header values or regex captures count as numbers, on either side).',
  argType: 'number',
  schema: { type: ['number', 'string'] },
  describe: (arg) => `greater than ${String(arg)}`,
  validateArg: (arg) => numericArgProblem('gt', arg),
  check: (actual, arg) => compareNumbers(actual, arg, 'greater than', (a, b) => a > b),
};
