import { asNumber } from '../values.js';

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
