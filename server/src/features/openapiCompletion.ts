/**
 * Completion from the config's OpenAPI document (SPEC §11): paths after a method key, `METHOD: path`
 * pairs on a new step, `query:` parameters, `json:` body keys and `expect.status` codes of the
 * step's operation. Paths are inserted as snippets: each `{param}` is a tab stop, or `${param}`
 * when a variable of that name is in scope.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { HTTP_METHODS, isHttpMethod } from '../../../core/src/index.js';
import { bodyKeysAt, type BodyKey } from '../../../core/src/openapi/bodyKeys.js';
import type { Operation } from '../../../core/src/openapi/operations.js';
import { templateSnippet, type OperationIndex } from '../../../core/src/openapi/paths.js';
import type { AnalyzedDocument } from '../analysis.js';
import { markdown } from '../completionItems.js';
import { classifyPath, siblingKeys, stepPath, writtenKeys, type CursorContext } from '../cursor.js';
import { operationOf, stepAt } from './openapiStep.js';

const BASE_URL = /^\$\{\s*baseUrl\s*\}/;

/** The document's items at the cursor (none without a loaded document or outside these places). */
export function openapiItems(
  analyzed: AnalyzedDocument,
  cursor: CursorContext,
  offset: number,
): ContractItems {
  const index = analyzed.context.openapi;
  const step = index && stepPath(cursor.path);
  if (!index || step === undefined) return NONE;
  const slot = classifyPath(cursor.path);
  if (cursor.position === 'value') {
    if (step.length === 0 && cursor.key && isHttpMethod(cursor.key))
      return pathItems(analyzed, index, cursor.key, offset);
    if (cursor.key === 'status' && step[0] === 'expect' && step.length === 1)
      return complete(statusItems(operationAt(analyzed, index, offset)));
    return NONE;
  }
  if (slot.kind === 'keys' && slot.context === 'step') {
    const present = siblingKeys(analyzed.doc.lineIndex, cursor);
    return [...present].some(isHttpMethod) ? NONE : pairItems(analyzed, index, cursor.prefix, offset);
  }
  if (step[0] === 'query' && step.length === 1) {
    const present = writtenKeys(analyzed.doc.lineIndex, cursor, offset);
    const query = operationAt(analyzed, index, offset)?.query ?? [];
    return complete(keyItems(query.filter((parameter) => !present.has(parameter.name))));
  }
  if (step[0] === 'json') {
    const schema = operationAt(analyzed, index, offset)?.bodySchema;
    if (schema === undefined) return NONE;
    const present = writtenKeys(analyzed.doc.lineIndex, cursor, offset);
    return complete(keyItems(bodyKeysAt(schema, step.slice(1)).filter((key) => !present.has(key.name))));
  }
  return NONE;
}

/** Items, and whether more would match (the client asks again as the user types). */
export interface ContractItems {
  items: CompletionItem[];
  incomplete: boolean;
}

const NONE: ContractItems = { items: [], incomplete: false };
/** Paths and pairs listed at most: a large document's thousands are narrowed by what is typed. */
const MAX_LISTED = 200;

function complete(items: CompletionItem[]): ContractItems {
  return { items, incomplete: false };
}

/** The operations whose `label` contains `typed` (case-insensitive), at most MAX_LISTED of them. */
function narrowed(
  operations: readonly Operation[],
  typed: string,
  label: (operation: Operation) => string,
): { operations: Operation[]; incomplete: boolean } {
  const wanted = typed.toLowerCase();
  const found: Operation[] = [];
  for (const operation of operations) {
    if (wanted !== '' && !label(operation).toLowerCase().includes(wanted)) continue;
    if (found.length === MAX_LISTED) return { operations: found, incomplete: true };
    found.push(operation);
  }
  return { operations: found, incomplete: false };
}

function operationAt(
  analyzed: AnalyzedDocument,
  index: OperationIndex,
  offset: number,
): Operation | undefined {
  const step = stepAt(analyzed, offset);
  return step && operationOf(analyzed, step, index);
}

/** `GET: |` → the paths declaring GET, replacing what is typed after `${baseUrl}` (if written). */
function pathItems(
  analyzed: AnalyzedDocument,
  index: OperationIndex,
  method: string,
  offset: number,
): ContractItems {
  const lines = analyzed.doc.lineIndex;
  const position = lines.positionAt(offset);
  const before = lines.lineText(position.line).slice(0, position.character);
  const value = /:\s+(["']?)(.*)$/.exec(before);
  if (!value) return NONE;
  const typed = value[2];
  const base = BASE_URL.exec(typed)?.[0] ?? '';
  const rest = typed.slice(base.length);
  if (rest !== '' && !rest.startsWith('/')) return NONE;
  const range = lines.rangeOf({ start: offset - rest.length, end: offset });
  const known = variablesAt(analyzed, offset);
  const { operations, incomplete } = narrowed(
    index.byMethod.get(method) ?? [],
    rest,
    (operation) => operation.template,
  );
  const items = operations.map((operation) => ({
    label: operation.template,
    kind: CompletionItemKind.Value,
    ...describe(operation),
    textEdit: { range, newText: snippetOf(operation, known) },
    insertTextFormat: InsertTextFormat.Snippet,
  }));
  return { items, incomplete };
}

/** A new step: `GET: /users/{id}` for every operation, after the plain method keys. */
function pairItems(
  analyzed: AnalyzedDocument,
  index: OperationIndex,
  typed: string,
  offset: number,
): ContractItems {
  const known = variablesAt(analyzed, offset);
  const callable = index.operations.filter((operation) => isHttpMethod(operation.method));
  const label = (operation: Operation): string => `${operation.method} ${operation.template}`;
  const { operations, incomplete } = narrowed(callable, typed, label);
  const items = operations.map((operation) => ({
    label: label(operation),
    kind: CompletionItemKind.Method,
    ...describe(operation),
    insertText: `${operation.method}: ${snippetOf(operation, known)}`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `0${String(HTTP_METHODS.indexOf(operation.method as never)).padStart(2, '0')}~${operation.template}`,
  }));
  return { items, incomplete };
}

const snippets = new WeakMap<Operation, string>();

/** The path's snippet, made once per operation unless a parameter is named like a variable in scope. */
function snippetOf(operation: Operation, known: ReadonlySet<string>): string {
  const parameters = operation.template.match(/\{[^}]*\}/g) ?? [];
  if (parameters.some((parameter) => known.has(parameter.slice(1, -1))))
    return templateSnippet(operation.template, known);
  let snippet = snippets.get(operation);
  if (snippet === undefined) snippets.set(operation, (snippet = templateSnippet(operation.template)));
  return snippet;
}

function statusItems(operation: Operation | undefined): CompletionItem[] {
  return (operation?.responses ?? [])
    .filter((response) => /^[1-5](\d\d|XX)$/i.test(response.status))
    .map((response) => ({
      label: response.status.toLowerCase(),
      kind: CompletionItemKind.EnumMember,
      detail: response.description ?? `declared by ${operation!.method} ${operation!.template}`,
      sortText: `0${response.status}`,
    }));
}

/** Query parameters or body keys (required ones first). */
function keyItems(keys: readonly BodyKey[]): CompletionItem[] {
  return keys.map((key, order) => ({
    label: key.name,
    kind: CompletionItemKind.Property,
    detail: [key.required ? 'required' : 'optional', key.type].filter(Boolean).join(' '),
    ...(key.description ? { documentation: markdown(key.description) } : {}),
    insertText: `${key.name}: `,
    sortText: `0${String(order).padStart(4, '0')}`,
  }));
}

function describe(operation: Operation): Pick<CompletionItem, 'detail' | 'documentation'> {
  const detail = operation.summary ?? operation.operationId;
  return {
    ...(detail ? { detail } : {}),
    ...(operation.description ? { documentation: markdown(operation.description) } : {}),
  };
}

function variablesAt(analyzed: AnalyzedDocument, offset: number): ReadonlySet<string> {
  return new Set(analyzed.validation.variables.scopeAt(offset).keys());
}
