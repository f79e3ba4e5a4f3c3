/**
 * What an expectation wanted, as the human reports show it: a matcher is a condition, so
 * `{ contains: Secure }` reads `a value containing "Secure"` (the wording of core's matcher
 * messages), never its JSON. One describer for pretty, dot, junit and tap.
 */
import type { ExpectationResult } from '../../../core/src/index.js';
import { short } from '../../../core/src/expect/values.js';

const PHRASES: Record<string, (arg: unknown) => string> = {
  eq: (arg) => `equal to ${short(arg)}`,
  ne: (arg) => `not equal to ${short(arg)}`,
  gt: (arg) => `greater than ${short(arg)}`,
  gte: (arg) => `at least ${short(arg)}`,
  lt: (arg) => `less than ${short(arg)}`,
  lte: (arg) => `at most ${short(arg)}`,
  match: (arg) => `matching /${String(arg)}/`,
  contains: (arg) => `containing ${short(arg)}`,
  startsWith: (arg) => `starting with ${short(arg)}`,
  endsWith: (arg) => `ending with ${short(arg)}`,
  type: (arg) => `of type ${String(arg)}`,
  length: (arg) => `of length ${isMatcher(arg) ? phrases(arg).join(' and ') : short(arg)}`,
  oneOf: (arg) => `that is one of ${short(arg)}`,
  empty: (arg) => (arg === false ? 'not empty' : 'empty'),
  exists: (arg) => (arg === false ? 'absent' : 'present'),
  schema: () => 'valid against the schema',
};

/** In `status`, `headers`, `json`, `text` and `duration` an object is a matcher; in `body` a value. */
export function isMatcherExpectation(expectation: ExpectationResult): boolean {
  if (expectation.kind === 'snapshot') return false;
  return expectation.kind !== 'body' && expectation.kind !== 'schema' && isMatcher(expectation.expected);
}

/** `a value containing "Secure"`, `a value of type number and greater than 3`, `present`. */
export function describeMatcher(matcher: Record<string, unknown>): string {
  const operators = Object.keys(matcher);
  if (operators.length === 1 && operators[0] === 'exists') return PHRASES.exists(matcher.exists);
  // `exists: true` beside other operators adds nothing a reader needs.
  const shown = Object.fromEntries(
    Object.entries(matcher).filter(([name, arg]) => !(name === 'exists' && arg !== false)),
  );
  return `a value ${phrases(shown).join(' and ')}`;
}

function phrases(matcher: Record<string, unknown>): string[] {
  return Object.entries(matcher).map(([name, arg]) =>
    PHRASES[name] ? PHRASES[name](arg) : `${name} ${short(arg)}`,
  );
}

function isMatcher(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
