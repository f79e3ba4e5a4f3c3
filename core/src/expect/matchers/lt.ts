import type { MatcherDef } from '../matcher.js';
import { compareNumbers, numericArgProblem } from './compare.js';

export const lt: MatcherDef = {
  name: 'lt',
  doc: 'A number less than the argument (numeric strings such as header values or regex captures count as numbers, on either side).',
  argType: 'number',
  schema: { type: ['number', 'string'] },
  describe: (arg) => `less than ${String(arg)}`,
  validateArg: (arg) => numericArgProblem('lt', arg),
  check: (actual, arg) => compareNumbers(actual, arg, 'less than', (a, b) => a < b),
};
