import type { MatcherDef } from '../matcher.js';
import { short } from '../values.js';

export const endsWith: MatcherDef = {
  name: 'endsWith',
  doc: 'A string ending with the text.',
  argType: 'string',
  schema: { type: 'string' },
  describe: (arg) => `ending with ${short(String(arg))}`,
  check: (actual, arg) =>
    typeof actual === 'string' && actual.endsWith(String(arg))
      ? undefined
      : `a string ending with ${short(String(arg))}`,
};
