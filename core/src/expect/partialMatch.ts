/** Jest `toMatchObject` semantics for `expect.body`. */
import { isPlainObject } from './values.js';
import { setOwn } from '../own.js';

export interface Mismatch {
  /** JSONPath-like location of the first difference (`$.items[2].name`). */
  path: string;
  expected: unknown;
  actual: unknown;
  /** `actual` reduced to the keys `expected` mentions (for a readable diff). */
  projected: unknown;
}

/** Every key given must match; keys not given are ignored; arrays match element-wise with equal length. */
export function partialMatch(expected: unknown, actual: unknown, path: string): Mismatch | undefined {
  const first = findMismatch(expected, actual, path);
  return first ? { ...first, projected: project(expected, actual) } : undefined;
}

function findMismatch(
  expected: unknown,
  actual: unknown,
  path: string,
): Omit<Mismatch, 'projected'> | undefined {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { path, expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const childPath = /^[A-Za-z_]\w*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!Object.prototype.hasOwnProperty.call(actual, key))
        return { path: childPath, expected: value, actual: undefined };
      const inner = findMismatch(value, actual[key], childPath);
      if (inner) return inner;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, expected, actual };
    if (actual.length !== expected.length)
      return { path: `${path}.length`, expected: expected.length, actual: actual.length };
    for (let i = 0; i < expected.length; i++) {
      const inner = findMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  return Object.is(expected, actual) || expected === actual ? undefined : { path, expected, actual };
}

function project(expected: unknown, actual: unknown): unknown {
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(expected))
      if (Object.hasOwn(actual, key)) setOwn(result, key, project(expected[key], actual[key]));
    return result;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return actual.map((item, index) => project(expected[index], item));
  }
  return actual;
}
