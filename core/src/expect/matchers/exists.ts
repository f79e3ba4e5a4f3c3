import type { MatcherDef } from '../matcher.js';

export const exists: MatcherDef = {
  name: 'exists',
  doc: '`true`: the value is present; `false`: it is absent (for headers and JSONPath).',
  argType: 'boolean',
  schema: { type: 'boolean' },
  describe: (arg) => (arg === false ? 'absent' : 'present'),
  validateArg: (arg) => (typeof arg === 'boolean' ? undefined : '`exists` needs true or false'),
  check: (actual, arg) =>
    (actual !== undefined) === (arg !== false) ? undefined : arg === false ? 'absent' : 'present',
};
