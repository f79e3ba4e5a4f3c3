/**
 * RFC 9535 JSONPath over json-p3 (the library that passes the whole compliance test suite), with
 * its `match()`/`search()` filter functions on the linear-time regex engine.
 *
 * Queries are compiled once and cached: a suite runs the same few paths thousands of times, and
 * the language server validates them on every keystroke.
 */
import { JSONPathEnvironment, JSONPathError, jsonpath, type JSONPathQuery } from 'json-p3';
import { useLinearRegexFunctions } from './jsonpathFunctions.js';

const environment = new JSONPathEnvironment();
useLinearRegexFunctions(environment);

interface Compiled {
  query: JSONPathQuery;
  /**
   * A singular query's names and indexes, in order (`$.items[0].id` → `items`, 0, `id`): it is
   * walked directly, without building json-p3's node list (most paths of a suite are these).
   */
  keys: (string | number)[] | undefined;
}

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2000;

function compiled(path: string): Compiled {
  let entry = cache.get(path);
  if (!entry) {
    const query = environment.compile(path);
    entry = { query, keys: singularKeys(query) };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(path, entry);
  }
  return entry;
}

function singularKeys(query: JSONPathQuery): (string | number)[] | undefined {
  if (!query.singularQuery()) return undefined;
  const keys: (string | number)[] = [];
  for (const segment of query.segments) {
    const selector = segment.selectors[0];
    if (selector instanceof jsonpath.selectors.NameSelector) keys.push(selector.name);
    else if (selector instanceof jsonpath.selectors.IndexSelector) keys.push(selector.index);
    else return undefined;
  }
  return keys;
}

/**
 * The value a singular query selects, by json-p3's rules: a name selects an own member of an
 * object that is not an array; an index (negative from the end) an element of an array.
 */
function walk(keys: readonly (string | number)[], data: unknown): unknown {
  let value = data;
  for (const key of keys) {
    if (typeof key === 'string') {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key))
        return undefined;
      value = (value as Record<string, unknown>)[key];
    } else {
      if (!Array.isArray(value)) return undefined;
      const index = key < 0 && value.length >= -key ? value.length + key : key;
      if (!(index in value)) return undefined;
      value = value[index] as unknown;
    }
  }
  return value;
}

/** Compiles (or returns the cached) query; throws a `JSONPathError` for an invalid path. */
export function compileJsonPath(path: string): JSONPathQuery {
  return compiled(path).query;
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
  const { query, keys } = compiled(path);
  if (keys) return { singular: true, value: walk(keys, data) };
  return { singular: false, value: query.query(data as never).values() };
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

/** json-p3's member-name shorthand (after `.` or `..`): RFC 9535's, plus `-` and lone surrogates. */
const SHORTHAND = /[\u0080-\uFFFFa-zA-Z_][\u0080-\uFFFFa-zA-Z0-9_-]*/y;
/** RFC 9535 member-name-shorthand: name-first (ALPHA, `_`, non-ASCII) then name-chars (also DIGIT). */
const RFC_SHORTHAND = /^[A-Za-z_\u0080-\uD7FF\uE000-\u{10FFFF}][A-Za-z0-9_\u0080-\uD7FF\uE000-\u{10FFFF}]*$/u;

/** A shorthand name json-p3 accepts but RFC 9535 does not (`.X-Suite`); offsets into the path. */
export interface NonStandardName {
  name: string;
  /** From the `.` (or `..`) to the end of the name. */
  start: number;
  end: number;
}

/**
 * The shorthand names of a (valid) path that RFC 9535 rejects and json-p3 accepts: a `-` in the
 * name, or a lone surrogate. Skips quoted strings and `${...}`.
 */
export function nonStandardNames(path: string): NonStandardName[] {
  const found: NonStandardName[] = [];
  let quote: string | undefined;
  for (let index = 0; index < path.length; index++) {
    const char = path[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (path.startsWith('${', index)) {
      const end = path.indexOf('}', index);
      index = end < 0 ? path.length : end;
    } else if (char === '.') {
      const start = index;
      if (path[index + 1] === '.') index++;
      SHORTHAND.lastIndex = index + 1;
      const name = SHORTHAND.exec(path)?.[0];
      if (!name) continue;
      index = SHORTHAND.lastIndex - 1;
      if (!RFC_SHORTHAND.test(name)) found.push({ name, start, end: SHORTHAND.lastIndex });
    }
  }
  return found;
}

/** The path with each non-standard shorthand written as a bracketed name (`.X-Suite` → `['X-Suite']`). */
export function standardJsonPath(path: string, names: readonly NonStandardName[]): string {
  let out = '';
  let from = 0;
  for (const item of names) {
    const dots = path.startsWith('..', item.start) ? '..' : '';
    out += `${path.slice(from, item.start)}${dots}['${item.name}']`;
    from = item.end;
  }
  return out + path.slice(from);
}

/** Where a `${...}` sits in a JSONPath template: decides how its value is written there. */
export interface TemplateSlot {
  /** The expression between `${` and `}`. */
  expression: string;
  /** Inside a quoted string literal (`'…'` or `"…"`): the value goes in as string characters. */
  quote?: '"' | "'";
  /** Right after `.` or `..` (a member name shorthand). */
  afterDot: boolean;
  /** Length of `${...}` in the template. */
  length: number;
}

/**
 * Rewrites every `${...}` of a JSONPath template (an `expect.json` key) with `replace`, knowing
 * whether it sits inside a quoted string; `$${` is a literal `${`. An unterminated `${` is left as
 * is (the JSONPath compiler then reports it). A replacement starting with `[` right after a
 * single `.` takes that dot's place.
 */
export function mapJsonPathTemplate(path: string, replace: (slot: TemplateSlot) => string): string {
  if (!path.includes('${')) return path;
  let out = '';
  let quote: '"' | "'" | undefined;
  let index = 0;
  while (index < path.length) {
    if (path.startsWith('$${', index)) {
      out += '${';
      index += 3;
      continue;
    }
    if (path.startsWith('${', index)) {
      const end = path.indexOf('}', index + 2);
      if (end !== -1) {
        const expression = path.slice(index + 2, end);
        const slot: TemplateSlot = {
          expression,
          afterDot: !quote && out.endsWith('.'),
          length: end + 1 - index,
        };
        if (quote) slot.quote = quote;
        const text = replace(slot);
        // `.` then a bracket is not JSONPath: the bracket replaces a single dot (`..[` stays).
        if (slot.afterDot && text.startsWith('[') && !out.endsWith('..')) out = out.slice(0, -1);
        out += text;
        index = end + 1;
        continue;
      }
    }
    const char = path[index];
    if (quote && char === '\\') {
      out += path.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (quote && char === quote) quote = undefined;
    else if (!quote && (char === '"' || char === "'")) quote = char;
    out += char;
    index++;
  }
  return out;
}

/**
 * The JSONPath text for a value put at `slot` (interpolation before compiling, SPEC decision in
 * docs/decisions.md): inside quotes its characters (escaped for that quote); after a dot a plain
 * name as is, anything else as a bracketed literal (`$.a.${k}` → `$.a["first name"]`); elsewhere a
 * JSON literal — strings quoted, numbers, booleans and null bare (`[?@.id == ${id}]` → `== 7`).
 */
export function jsonPathLiteral(value: unknown, slot: Pick<TemplateSlot, 'quote' | 'afterDot'>): string {
  if (slot.quote) {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    const escaped = JSON.stringify(text).slice(1, -1);
    return slot.quote === '"' ? escaped : escaped.replace(/\\"/g, '"').replace(/'/g, "\\'");
  }
  if (slot.afterDot && typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return value;
  const literal = JSON.stringify(value) ?? 'null';
  return slot.afterDot ? `[${literal}]` : literal;
}

/**
 * Validates a JSONPath that may contain `${...}`: each is replaced by a placeholder of the same
 * length (so offsets still point into the template) — a string literal, else a number — and the
 * result checked. Only the surrounding syntax is judged; the values are checked at run time.
 */
export function validateJsonPathTemplate(path: string): JsonPathProblem | undefined {
  if (!path.includes('${')) return validateJsonPath(path);
  const asString = mapJsonPathTemplate(path, (slot) =>
    slot.quote || slot.afterDot ? 'x'.repeat(slot.length) : `"${'x'.repeat(slot.length - 2)}"`,
  );
  const problem = validateJsonPath(asString);
  if (!problem) return undefined;
  const asNumber = mapJsonPathTemplate(path, (slot) =>
    slot.quote || slot.afterDot ? 'x'.repeat(slot.length) : `1${' '.repeat(slot.length - 1)}`,
  );
  return validateJsonPath(asNumber) ? problem : undefined;
}
