/**
 * RFC 9535's `match()` and `search()` filter functions on Bluebook's linear-time regex engine:
 * json-p3's own run a backtracking `RegExp`, which a pattern such as `(a+)+` hangs.
 *
 * Which patterns are accepted stays json-p3's (I-Regexp, RFC 9485, checked by json-p3 on an
 * empty string, which no pattern can take long over), and so does the meaning: `.` matches
 * anything but a line break, `match()` must cover the whole value unless the pattern starts with
 * `^` or ends with `$`, `search()` may match anywhere. A value that is not a string never matches.
 */
import { jsonpath, type FilterFunction, type JSONPathEnvironment } from 'json-p3';
import { compileRegex, type UserRegex } from './regex.js';

const iRegexpCheck = new jsonpath.functions.Match({ cacheSize: 0, throwErrors: true });

const CACHE_LIMIT = 1000;
const cache = new Map<string, UserRegex | null>();

class RegexFunction implements FilterFunction {
  readonly argTypes = [jsonpath.FunctionExpressionType.ValueType, jsonpath.FunctionExpressionType.ValueType];
  readonly returnType = jsonpath.FunctionExpressionType.LogicalType;

  constructor(private readonly whole: boolean) {}

  call(value: unknown, pattern: unknown): boolean {
    if (typeof value !== 'string' || typeof pattern !== 'string') return false;
    return iRegexp(pattern, this.whole)?.test(value) ?? false;
  }
}

/** Replaces json-p3's `match` and `search` in `environment`. */
export function useLinearRegexFunctions(environment: JSONPathEnvironment): void {
  environment.functionRegister.set('match', new RegexFunction(true));
  environment.functionRegister.set('search', new RegexFunction(false));
}

function iRegexp(pattern: string, whole: boolean): UserRegex | null {
  const key = `${whole ? 'match' : 'search'}/${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    regex = translate(pattern, whole);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, regex);
  }
  return regex;
}

function translate(pattern: string, whole: boolean): UserRegex | null {
  try {
    iRegexpCheck.call('', pattern);
    const source = pattern.replace(/\\.|\[(?:\\.|[^\]\\])*\]|\./gs, (part) =>
      part === '.' ? '[^\\n\\r]' : part,
    );
    const anchored = whole && !pattern.startsWith('^') && !pattern.endsWith('$');
    return compileRegex(anchored ? `^(?:${source})$` : source);
  } catch {
    return null;
  }
}
