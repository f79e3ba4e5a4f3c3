import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { BUILTIN_FUNCTIONS, type LineIndex } from '../../../core/src/index.js';
import { MOCK_METHODS } from '../../../core/src/mock/keys.js';
import { patternParams, toPattern } from '../../../core/src/mock/pattern.js';
import { enclosingPath, shapeOf, type CursorContext } from '../cursor.js';
import { builtinItems } from '../completionItems.js';
import { HEADERS } from '../http.js';

interface TemplateName {
  name: string;
  doc: string;
}

/** What a response template can read from the request (core/src/mock/template.ts). */
export const TEMPLATE_ROOTS: TemplateName[] = [
  { name: 'params.', doc: 'A path parameter of the route (`:id` in `/users/:id`).' },
  { name: 'query.', doc: 'A query parameter of the request, by name.' },
  { name: 'headers.', doc: 'A request header, by name (lower case).' },
  { name: 'request.', doc: 'The request: `method`, `path`, `query`, `headers`, `body`, `json`.' },
];

const REQUEST_MEMBERS: TemplateName[] = [
  { name: 'request.json', doc: 'The JSON request body; follow with `.field` or `[0]`.' },
  { name: 'request.body', doc: 'The request body as text.' },
  { name: 'request.method', doc: 'The request method (`GET`, `POST`, …).' },
  { name: 'request.path', doc: 'The request path, without the query.' },
  { name: 'request.query.', doc: 'A query parameter, by name.' },
  { name: 'request.headers.', doc: 'A request header, by name (lower case).' },
];

/**
 * Completion inside `${…` in a mock file: the template roots, and after `params.` the parameters
 * of the route the cursor is in (read from its method's path pattern).
 */
export function templateItems(lines: LineIndex, offset: number, cursor: CursorContext): CompletionItem[] {
  const { prefix, start } = cursor.interpolation!;
  const range = lines.rangeOf({ start, end: offset });
  if (prefix.startsWith('params.')) {
    const line = lines.positionAt(offset).line;
    return routeParams(lines, line).map((name) => ({
      label: `params.${name}`,
      kind: CompletionItemKind.Variable,
      detail: 'path parameter',
      textEdit: { range, newText: `params.${name}` },
    }));
  }
  const header = /^(request\.)?headers\./.exec(prefix);
  if (header)
    return Object.entries(HEADERS).map(([name, info]) => ({
      label: `${header[0]}${name}`,
      kind: CompletionItemKind.Field,
      documentation: info.doc,
      textEdit: { range, newText: `${header[0]}${name}` },
    }));
  if (!prefix.startsWith('request.')) return [...nameItems(TEMPLATE_ROOTS, range), ...builtinItems(range)];
  return nameItems(REQUEST_MEMBERS, range);
}

function nameItems(names: TemplateName[], range: Range): CompletionItem[] {
  return names.map((entry) => ({
    label: entry.name,
    kind: entry.name.endsWith('.') ? CompletionItemKind.Module : CompletionItemKind.Field,
    documentation: entry.doc,
    textEdit: { range, newText: entry.name },
    command: entry.name.endsWith('.')
      ? { title: 'Suggest', command: 'editor.action.triggerSuggest' }
      : undefined,
  }));
}

/** The `:name` / `*name` parameters of the route holding `line` (none outside a route). */
export function routeParams(lines: LineIndex, line: number): string[] {
  const item = routeItemStart(lines, line);
  if (item === undefined) return [];
  const column = shapeOf(lines.lineText(item)).dashes[0];
  for (let current = item; current < lines.lineCount; current++) {
    const text = lines.lineText(current);
    const shape = shapeOf(text);
    if (current > item && !shape.blank && (shape.dashes[0] ?? shape.column) <= column) break;
    if (shape.key === undefined || !MOCK_METHODS.includes(shape.key)) continue;
    const path = text
      .slice(text.indexOf(':', shape.column) + 1)
      .replace(/#.*$/, '')
      .trim();
    return patternParams(toPattern(path.replace(/^(["'])(.*)\1$/, '$2')));
  }
  return [];
}

/** The line of the `- ` that starts the item of `routes:` holding `line`. */
function routeItemStart(lines: LineIndex, line: number): number | undefined {
  for (let current = line; current >= 0; current--) {
    const shape = shapeOf(lines.lineText(current));
    if (shape.dashes.length === 0) continue;
    const path = enclosingPath(lines, current, shape.dashes[0]);
    if (path.length === 1 && path[0] === 'routes') return current;
    if (path.length === 0) return undefined;
  }
  return undefined;
}

/** Hover text of a template expression (`params.id`, `headers.authorization`, `uuid()`) on `line`. */
export function templateHoverText(lines: LineIndex, line: number, expression: string): string | undefined {
  const call = /^(\w+)\s*\(/.exec(expression);
  if (call) {
    const builtin = BUILTIN_FUNCTIONS.find((candidate) => candidate.name === call[1]);
    return builtin ? `**${builtin.signature}** — built-in: ${builtin.doc}` : undefined;
  }
  const [root, name] = expression.split('.');
  const title = `**${expression}** — `;
  switch (root) {
    case 'params': {
      const params = routeParams(lines, line);
      if (name === undefined) return `${title}the path parameters: ${params.join(', ') || 'none'}.`;
      return params.includes(name)
        ? `${title}the \`${name}\` parameter of the route's path.`
        : `${title}not a parameter of this route's path (${params.join(', ') || 'it has none'}).`;
    }
    case 'query':
      return `${title}${name ? `the request's \`${name}\` query parameter.` : TEMPLATE_ROOTS[1].doc}`;
    case 'headers':
      return `${title}${name ? `the request's \`${name}\` header. ${HEADERS[name.toLowerCase()]?.doc ?? ''}`.trim() : TEMPLATE_ROOTS[2].doc}`;
    case 'request': {
      const member = REQUEST_MEMBERS.find((entry) => entry.name.replace(/\.$/, '') === `request.${name}`);
      return `${title}${member?.doc ?? TEMPLATE_ROOTS[3].doc}`;
    }
    default:
      return undefined;
  }
}
