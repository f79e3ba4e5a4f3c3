/**
 * Matcher operators as validation, completion and hover see them: name, one line of docs, and a
 * check of the argument. Mirrors SPEC §2.2; the engine's matcher registry (core/src/expect) is the
 * evaluator. TODO(engine registry): read this table from that registry once it is exported, so an
 * operator is declared in one place.
 */
export interface OperatorInfo {
  name: string;
  doc: string;
  /** A problem with the argument itself (for example an invalid regex), or undefined. */
  validateArg?(arg: unknown): string | undefined;
}

export const JSON_TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;

/** The regex problem of a pattern, or undefined when it compiles. */
export function regexError(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return 'a regular expression must be a string';
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

const isNumber = (what: string) => (arg: unknown) =>
  typeof arg === 'number' || (typeof arg === 'string' && arg.includes('${'))
    ? undefined
    : `\`${what}\` needs a number`;

export const OPERATORS: OperatorInfo[] = [
  { name: 'eq', doc: 'Equal to the value (deep equality for objects and lists).' },
  { name: 'ne', doc: 'Not equal to the value.' },
  { name: 'gt', doc: 'A number greater than the argument.', validateArg: isNumber('gt') },
  { name: 'gte', doc: 'A number greater than or equal to the argument.', validateArg: isNumber('gte') },
  { name: 'lt', doc: 'A number less than the argument.', validateArg: isNumber('lt') },
  { name: 'lte', doc: 'A number less than or equal to the argument.', validateArg: isNumber('lte') },
  {
    name: 'match',
    doc: 'A string matching the regular expression (JavaScript syntax, unanchored: use ^ and $).',
    validateArg: (arg) => {
      const problem = regexError(arg);
      return problem && `invalid regular expression: ${problem}`;
    },
  },
  { name: 'contains', doc: 'A string containing the substring, or a list containing the item.' },
  { name: 'startsWith', doc: 'A string starting with the argument.' },
  { name: 'endsWith', doc: 'A string ending with the argument.' },
  {
    name: 'type',
    doc: 'The JSON type: string, number, integer, boolean, null, array or object.',
    validateArg: (arg) =>
      (JSON_TYPE_NAMES as readonly unknown[]).includes(arg)
        ? undefined
        : `\`type\` is one of ${JSON_TYPE_NAMES.join(', ')}`,
  },
  {
    name: 'length',
    doc: 'The length of a string or list: a number, or a matcher such as `{ gt: 0 }`.',
    validateArg: (arg) =>
      typeof arg === 'number' || (arg !== null && typeof arg === 'object' && !Array.isArray(arg))
        ? undefined
        : '`length` needs a number or a matcher',
  },
  {
    name: 'exists',
    doc: '`true`: the value is present; `false`: it is absent.',
    validateArg: (arg) => (typeof arg === 'boolean' ? undefined : '`exists` needs `true` or `false`'),
  },
  {
    name: 'oneOf',
    doc: 'Equal to one of the listed values.',
    validateArg: (arg) => (Array.isArray(arg) ? undefined : '`oneOf` needs a list of values'),
  },
  {
    name: 'empty',
    doc: '`true`: an empty string, list or object; `false`: a non-empty one.',
    validateArg: (arg) => (typeof arg === 'boolean' ? undefined : '`empty` needs `true` or `false`'),
  },
  { name: 'schema', doc: 'The value satisfies a JSON Schema (inline, or a path to a file).' },
];

export const OPERATOR_NAMES = OPERATORS.map((operator) => operator.name);

export function operatorInfo(name: string): OperatorInfo | undefined {
  return OPERATORS.find((operator) => operator.name === name);
}
