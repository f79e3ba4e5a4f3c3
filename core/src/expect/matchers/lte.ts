import type { MatcherDef } from '../matcher.js';
import { compareNumbers, numericArgProblem } from './compare.js';

export const lte: MatcherDef = {
  name: 'lte',
  doc: 'A number at most the argument (numeric strings such as header values or regex captures count as numbers, on either side).',
  argType: 'number',
  schema: { type: ['number', 'string'] },
  describe: (arg) => `at most ${String(arg)}`,
  validateArg: (arg) => numericArgProblem('lte', arg),
  check: (actual, arg) => compareNumbers(actual, arg, 'at most', (a, b) => a <= b),
};
