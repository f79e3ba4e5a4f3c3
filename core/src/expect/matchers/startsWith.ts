import type { MatcherDef } from '../matcher.js';
import { short } from '../values.js';

export const startsWith: MatcherDef = {
  name: 'startsWith',
  doc: 'A string starting with the text.',
  argType: 'string',
  schema: { type: 'string' },
  describe: (arg) => `starting with ${short(String(arg))}`,
  check: (actual, arg) =>
    typeof actual === 'string' && actual.startsWith(String(arg))
      ? undefined
      : `a string starting with ${short(String(arg))}`,
};
