/**
 * RFC 9535 JSONPath over json-p3 (the library that passes the whole compliance test suite).
 *
 * Queries are compiled once and cached: a suite runs the same few paths thousands of times, and
 * the language server validates them on every keystroke.
 */
import { compile, JSONPathError, type JSONPathQuery } from 'json-p3';

const cache = new Map<string, JSONPathQuery>();
const CACHE_LIMIT = 2000;

/** Compiles (or returns the cached) query; throws a `JSONPathError` for an invalid path. */
export function compileJsonPath(path: string): JSONPathQuery {
  let query = cache.get(path);
  if (!query) {
    query = compile(path);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(path, query);
  }
  return query;
}

/** True when the query is singular per RFC 9535 (names and indexes only): it selects at most one node. */
export function isSingularJsonPath(path: string): boolean {
  return compileJsonPath(path).singularQuery();
}

/** Every value the query selects, in document order. Throws for an invalid path. */
export function queryJsonPath(path: string, data: unknown): unknown[] {
  return compileJsonPath(path)
    .query(data as never)
    .values();
}

/**
 * The value of a singular query (`undefined` when absent), or the list of matches otherwise —
 * the rule `expect.json` and captures both follow.
 */
export function selectJsonPath(path: string, data: unknown): { singular: boolean; value: unknown } {
  const query = compileJsonPath(path);
  const values = query.query(data as never).values();
  if (query.singularQuery()) return { singular: true, value: values[0] };
  return { singular: false, value: values };
}

export interface JsonPathProblem {
  message: string;
  /** Offset of the problem within the path string. */
  offset: number;
}

/** Checks a path without evaluating it: `undefined` when valid, else the problem and where it is. */
export function validateJsonPath(path: string): JsonPathProblem | undefined {
  try {
    compileJsonPath(path);
    return undefined;
  } catch (error) {
    if (error instanceof JSONPathError) {
      const offset = Math.max(0, Math.min(error.token?.index ?? 0, path.length));
      // json-p3 appends "('<path>':<offset>)"; the offset is reported separately.
      const message = error.message.replace(/\s*\('.*':\d+\)\s*$/s, '');
      return { message: `invalid JSONPath: ${message}`, offset };
    }
    return {
      message: `invalid JSONPath: ${error instanceof Error ? error.message : String(error)}`,
      offset: 0,
    };
  }
}
