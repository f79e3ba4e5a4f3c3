import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver';
import { STATUS_CODES, type KeyDoc, type LineIndex } from '../../../core/src/index.js';
import { MOCK_KEYS, MOCK_METHODS } from '../../../core/src/mock/keys.js';
import { cursorContext, siblingKeys, type CursorContext } from '../cursor.js';
import { HEADERS, headerNameItems } from '../http.js';
import { jsonPathKeyItem, markdown, matcherItems, methodKeyItem } from '../completionItems.js';
import { classifyMockPath, type MockSlot } from '../mockCursor.js';
import { pathItems, type ListDirectory } from '../paths.js';
import { templateItems } from './mockTemplates.js';

/** `fault` values with what each does to the connection. */
export const FAULTS: Record<string, string> = {
  reset: 'Reset the TCP connection (the client sees ECONNRESET).',
  close: 'Close the connection without sending a response.',
  hang: 'Never answer (the client times out).',
};

/** Keys whose value is a file relative to the mock file, with the extensions offered. */
const FILE_KEYS: Record<string, { extensions?: RegExp }> = {
  'mock.openapi': { extensions: /\.(json|ya?ml)$/i },
  'resource.seed': { extensions: /\.(json|ya?ml)$/i },
  'respond.file': {},
};

/**
 * Completion in a `*.mock.yaml` file, from the cursor's indentation (half-typed text does not
 * parse): keys per context from MOCK_KEYS, methods, header names, matcher operators inside
 * `query`/`headers`/`json` matchers, `fault` values, status codes, `${…}` template roots, and
 * files next to `path` (the document's) after `openapi:`, `seed:` and `file:`.
 */
export function mockCompletion(
  lines: LineIndex,
  position: Position,
  path?: string,
  listDirectory?: ListDirectory,
): CompletionList {
  const offset = lines.offsetAt(position);
  const cursor = cursorContext(lines, offset);
  const slot = classifyMockPath(cursor.path);
  // Only responses are templated (core/src/mock/template.ts); matchers are compared as written.
  const items = cursor.interpolation
    ? cursor.path.includes('respond')
      ? templateItems(lines, offset, cursor)
      : []
    : cursor.position === 'key'
      ? keyItems(lines, cursor, slot)
      : valueItems(lines, cursor, slot, path, listDirectory);
  return { isIncomplete: false, items };
}

function keyItems(lines: LineIndex, cursor: CursorContext, slot: MockSlot): CompletionItem[] {
  const present = new Set([...siblingKeys(lines, cursor), ...flowKeysBefore(lines, cursor.prefixStart)]);
  switch (slot.kind) {
    case 'keys':
      return slot.context === 'route' ? routeItems(present) : documented(MOCK_KEYS[slot.context], present);
    case 'request-headers':
    case 'response-headers':
      return headerNameItems(present);
    case 'matcher':
      return matcherItems(present);
    case 'jsonpaths':
      return [
        jsonPathKeyItem('A JSONPath (RFC 9535) into the request body and its expected value or matcher.'),
      ];
    default:
      return [];
  }
}

/** A route's keys: one method (a snippet asking for the path) unless it has one, then the rest. */
function routeItems(present: Set<string>): CompletionItem[] {
  const hasMethod = MOCK_METHODS.some((method) => present.has(method));
  const items: CompletionItem[] = [];
  for (const { key, doc } of MOCK_KEYS.route) {
    if (present.has(key)) continue;
    if (MOCK_METHODS.includes(key)) {
      if (hasMethod) continue;
      items.push(methodKeyItem(key, doc, MOCK_METHODS.indexOf(key)));
      continue;
    }
    items.push(property(key, doc));
  }
  return items;
}

function valueItems(
  lines: LineIndex,
  cursor: CursorContext,
  slot: MockSlot,
  path: string | undefined,
  listDirectory: ListDirectory | undefined,
): CompletionItem[] {
  const key = cursor.key ?? '';
  const files = slot.kind === 'keys' ? FILE_KEYS[`${slot.context}.${key}`] : undefined;
  if (files) return pathItems(path, lines, cursor, files.extensions, listDirectory);
  if (slot.kind === 'keys' && slot.context === 'respond') {
    if (key === 'fault')
      return Object.entries(FAULTS).map(([value, doc]) => ({
        label: value,
        kind: CompletionItemKind.EnumMember,
        documentation: doc,
      }));
    if (key === 'status')
      return Object.entries(STATUS_CODES).map(([code, info]) => ({
        label: code,
        kind: CompletionItemKind.EnumMember,
        detail: info.phrase,
        documentation: info.doc,
        sortText: code,
      }));
  }
  if (slot.kind === 'request-headers' || slot.kind === 'response-headers')
    return (HEADERS[key.toLowerCase()]?.values ?? []).map((value) => ({
      label: value,
      kind: CompletionItemKind.Value,
    }));
  return [];
}

/** Keys already written in the flow map the cursor is in, on its line (`{ gt: 0, |`). */
function flowKeysBefore(lines: LineIndex, offset: number): string[] {
  const { line, character } = lines.positionAt(offset);
  const before = lines.lineText(line).slice(0, character);
  let depth = 0;
  let open = -1;
  for (let i = before.length - 1; i >= 0 && open < 0; i--) {
    if (before[i] === '}') depth++;
    else if (before[i] === '{') {
      if (depth === 0) open = i;
      else depth--;
    }
  }
  if (open < 0) return [];
  const inner = before.slice(open + 1).replace(/\{[^{}]*\}/g, '');
  return [...inner.matchAll(/(?:^|,)\s*([^\s,:]+)\s*:/g)].map((match) => match[1]);
}

function documented(keys: KeyDoc[], present: Set<string>): CompletionItem[] {
  return keys.filter(({ key }) => !present.has(key)).map(({ key, doc }) => property(key, doc));
}

function property(key: string, doc: string): CompletionItem {
  return {
    label: key,
    kind: CompletionItemKind.Property,
    documentation: markdown(doc),
    insertText: `${key}: `,
    sortText: `1${key}`,
  };
}
