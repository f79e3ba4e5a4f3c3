/**
 * Checks of a route's request matchers, through the same registry as `expect`: operators and
 * their arguments, regular expressions (RE2, located inside the YAML string) and JSONPaths.
 */
import { suggested } from '../diagnostics.js';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { findMatcher, MATCHERS } from '../expect/evaluate.js';
import { validateJsonPath } from '../jsonpath.js';
import { regexProblem } from '../regex.js';
import type { Span } from '../span.js';
import { closest } from '../suggest.js';
import { spanInScalar } from '../validate/scalars.js';
import type { Report } from './walk.js';

const OPERATORS = MATCHERS.map((matcher) => matcher.name);

function spanOf(node: Node | null | undefined, fallback: Span): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : fallback;
}

/** A JSONPath key of a route's `json` matchers. */
export function checkMockJsonPath(path: string, node: Node, text: string, span: Span, report: Report): void {
  if (!path.startsWith('$')) {
    report(
      'invalid-jsonpath',
      span,
      `\`${path}\` is not a JSONPath: a query starts with \`$\`, for example \`$.${path.replace(/^\.+/, '')}\``,
      {
        ...(/^[A-Za-z_][\w.]*$/.test(path)
          ? { fixes: [{ title: `Change to \`$.${path}\``, span, newText: `$.${path}` }] }
          : {}),
      },
    );
    return;
  }
  const problem = validateJsonPath(path);
  if (!problem) return;
  const at = isScalar(node)
    ? spanInScalar({ text }, { node, base: 0 }, problem.offset, Math.min(problem.offset + 1, path.length))
    : span;
  report(
    'invalid-jsonpath',
    at,
    `${problem.message} (at character ${problem.offset + 1} of \`${path}\`); see RFC 9535 for the syntax`,
    {
      data: { offset: problem.offset },
    },
  );
}

/** A matcher object (`{ startsWith: "Bearer " }`); recurses into `not` and `length`. */
export function checkMatcherNode(map: Node, text: string, report: Report): void {
  if (!isMap(map)) return;
  if (map.items.length === 0)
    report(
      'unknown-matcher',
      spanOf(map, { start: 0, end: 0 }),
      'an empty matcher `{}` checks nothing; use `{ exists: true }` or a value',
    );
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const keySpan = spanOf(pair.key, { start: 0, end: 0 });
    const def = findMatcher(name);
    if (!def) {
      const suggestion = closest(name, OPERATORS);
      report(
        'unknown-matcher',
        keySpan,
        suggestion
          ? `unknown matcher \`${name}\` — did you mean \`${suggestion}\`?`
          : `unknown matcher \`${name}\`; operators are ${OPERATORS.join(', ')}. To compare a whole object, write \`{ eq: {...} }\``,
        suggested(keySpan, suggestion),
      );
      continue;
    }
    const value = pair.value;
    const valueSpan = spanOf(value, keySpan);
    if ((name === 'not' || name === 'length') && isMap(value)) {
      checkMatcherNode(value, text, report);
      continue;
    }
    const arg = value ? value.toJSON() : null;
    if (name === 'match' && typeof arg === 'string') {
      const problem = regexProblem(arg);
      if (problem)
        report(
          problem.kind === 'unsupported' ? 'unsupported-regex' : 'invalid-regex',
          isScalar(value)
            ? spanInScalar({ text }, { node: value, base: 0 }, problem.start, problem.end)
            : valueSpan,
          `${problem.message}.`,
        );
      continue;
    }
    const problem = def.validateArg?.(arg);
    if (problem) report(name === 'match' ? 'invalid-regex' : 'wrong-type', valueSpan, `${problem}.`);
  }
}
