import { asNumber, short } from '../values.js';

/** Shared by gt/gte/lt/lte: a number, or a string that spells one (`"9"`, `"1e3"`). */
export function numericArgProblem(name: string, arg: unknown): string | undefined {
  return asNumber(arg) === undefined
    ? `\`${name}\` needs a number or a numeric string such as "9", got ${short(arg)}`
    : undefined;
}

/** Shared by gt/gte/lt/lte: a non-number actual never holds. */
export function compareNumbers(
  actual: unknown,
  arg: unknown,
  words: string,
  holds: (actual: number, expected: number) => boolean,
): string | undefined {
  const value = asNumber(actual);
  const expected = asNumber(arg);
  if (value === undefined || expected === undefined) return `a number ${words} ${String(arg)}`;
  return holds(value, expected) ? undefined : `${words} ${expected}`;
}
