/**
 * The sandbox-side function each evaluation compiles around its source. The source starts on its
 * own line (line 2 of the program) so QuickJS's line numbers map back by subtracting one and its
 * columns need no correction; it sits in its own block so its declarations may shadow the API.
 */
export const SOURCE_FILE = 'script.js';
export const LINE_OFFSET = 1;

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with yield let static implements interface package private protected public ' +
    'await arguments eval undefined NaN Infinity globalThis'
  ).split(' '),
);

const EXPRESSION_API = new Set(['vars', 'response']);
const HELPERS = ['base64', 'sha256', 'hmacSha256', 'uuid', 'randomInt'];

const SCRIPT_API = ['vars', 'request', 'response', 'check', 'console', ...HELPERS];

/** Whether a variable name can be bound by name (otherwise it is reachable only as `vars[name]`). */
export function isBindableName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name) && !EXPRESSION_API.has(name);
}

/**
 * `(function (__bb) { … return (source); })` with every bindable variable as a constant, and the
 * helpers whose names no variable takes.
 */
export function wrapExpression(source: string, names: readonly string[]): string {
  const bound = names.filter(isBindableName);
  const helpers = HELPERS.filter((name) => !bound.includes(name))
    .map((name) => `, ${name} = __bb.helpers.${name}`)
    .join('');
  const bindings = bound.map((name) => `, ${name} = __bb.scope[${JSON.stringify(name)}]`).join('');
  return (
    `(function (__bb) { 'use strict'; const vars = __bb.scope, response = __bb.response${helpers}${bindings}; return (\n` +
    `${source}\n);})`
  );
}

/** Identifiers through which an expression can reach every variable and the response. */
const WHOLE_INPUT = new Set(['vars', 'eval', 'arguments', '__bb']);

/**
 * The part of an expression's input its source can reach: the variables whose names appear in it
 * as words, and the response when `response` does; all of it when the source names `vars`, the
 * wrapper's parameter, `arguments` or `eval`, or spells an identifier with a `\u` escape. Words
 * inside strings and comments count too, which only ever passes more.
 */
export function reachableInput<T>(
  source: string,
  scope: Record<string, T>,
  response: unknown,
): { vars: Record<string, T>; response: unknown } {
  const words = new Set(source.match(/[A-Za-z_$][\w$]*/g));
  if (source.includes('\\u') || [...WHOLE_INPUT].some((word) => words.has(word)))
    return { vars: scope, response };
  const named = [...words].filter((word) => Object.hasOwn(scope, word));
  const vars = Object.fromEntries(named.map((name) => [name, scope[name]!]));
  return { vars, response: words.has('response') ? response : undefined };
}

/** `(function (__bb) { … { source } })` with the script API as constants. */
export function wrapScript(source: string): string {
  const api = SCRIPT_API.map((name) =>
    ['vars', 'request', 'response', 'check', 'console'].includes(name)
      ? `${name} = __bb.${name}`
      : `${name} = __bb.helpers.${name}`,
  ).join(', ');
  return `(function (__bb) { 'use strict'; const ${api}; {\n${source}\n}})`;
}
