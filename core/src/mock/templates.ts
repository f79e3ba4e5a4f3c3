/**
 * Checks of the `${…}` in a route's responses: a template may read `params` (only the path's
 * parameters), `query`, `headers` and `request`, and call the built-in functions. `${{ }}` is
 * JavaScript, checked when it runs.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { BUILTINS, CALL, ROOT, SEGMENT } from '../interpolate.js';
import { findScriptExpressions } from '../script/template.js';
import { closest } from '../suggest.js';
import { spanInScalar } from '../validate/scalars.js';
import type { Report } from './parse.js';

export const TEMPLATE_NAMES = ['params', 'query', 'headers', 'request'] as const;

const PART = /\$\$\{|\$\{([^{}]*)\}/g;

/** Every templated string under `node` (a response's `json`, `body` or `headers`). */
export function checkTemplates(
  node: Node | null,
  text: string,
  path: string,
  params: readonly string[],
  report: Report,
): void {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items as unknown[]) {
      const pair = item as { key?: unknown; value?: unknown };
      if (isMap(node)) checkTemplates((pair.value ?? null) as Node | null, text, path, params, report);
      else checkTemplates(item as Node, text, path, params, report);
    }
    return;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${')) return;
  const value = node.value;
  const scripts = findScriptExpressions(value);
  for (const match of value.matchAll(PART)) {
    const source = match[1];
    const at = match.index;
    if (source === undefined || scripts.some((script) => at >= script.start && at < script.end)) continue;
    const start = at + 2 + (source.length - source.trimStart().length);
    const expression = source.trim();
    const span = spanInScalar({ text }, { node, base: 0 }, start, start + expression.length);
    const problem = templateProblem(expression, path, params);
    if (problem) report(problem.code, span, problem.message);
  }
}

function templateProblem(
  expression: string,
  path: string,
  params: readonly string[],
): { code: 'undefined-variable' | 'unknown-function'; message: string } | undefined {
  const call = CALL.exec(expression);
  if (call) {
    if (Object.hasOwn(BUILTINS, call[1])) return undefined;
    const available = Object.values(BUILTINS).map((builtin) => builtin.signature);
    return {
      code: 'unknown-function',
      message: `unknown function \`${call[1]}()\`; available: ${available.join(', ')}`,
    };
  }
  const root = ROOT.exec(expression)?.[0];
  if (root === undefined) return undefined;
  if (!(TEMPLATE_NAMES as readonly string[]).includes(root)) {
    const suggestion = closest(root, TEMPLATE_NAMES);
    return {
      code: 'undefined-variable',
      message: `\`${root}\` is not defined in a mock template${suggestion ? ` — did you mean \`${suggestion}\`? Templates` : '; templates'} read params, query, headers and request`,
    };
  }
  if (root !== 'params') return undefined;
  const segment = SEGMENT.exec(expression.slice(root.length));
  const name = segment?.[1] ?? segment?.[3] ?? segment?.[4];
  if (name === undefined || params.includes(name)) return undefined;
  const suggestion = closest(name, params);
  return {
    code: 'undefined-variable',
    message: `\`params.${name}\` is not a parameter of \`${path}\`${suggestion ? ` — did you mean \`params.${suggestion}\`?` : ''} ${params.length > 0 ? `Its parameters: ${params.join(', ')}` : 'It has no parameters'}`,
  };
}
