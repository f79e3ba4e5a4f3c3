import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { HTTP_METHODS, KEYS, STATUS_CLASSES, STATUS_CODES, isHttpMethod } from '../../../core/src/index.js';
import type { AnalyzedDocument } from '../analysis.js';
import { classifyPath, cursorContext, siblingKeys, type CursorContext } from '../cursor.js';
import { HEADERS, headerNameItems } from '../http.js';
import { builtinItems, jsonPathKeyItem, markdown, matcherItems, methodKeyItem } from '../completionItems.js';
import { pathItems, type ListDirectory } from '../paths.js';
import { scriptCursorAt } from '../scriptCursor.js';
import { suiteSource } from '../useSteps.js';
import type { Suites } from '../workspace.js';
import { graphqlVariableKeyItems } from './graphql.js';
import { openapiItems } from './openapiCompletion.js';
import { scriptItems } from './scriptCompletion.js';
import { serviceItems, servicesRootItem } from './serviceCompletion.js';
import { isUseValue, useItems } from './useCompletion.js';
import { describeValue } from '../variables.js';

export interface CompletionOptions {
  /** Lists a folder, for path completion; defaults to the file system. */
  listDirectory?: ListDirectory;
  /** The workspace's suites, for `use:` values. */
  suites?: Suites;
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'];
const CAPTURE_SOURCES: [string, string][] = [
  ['json', 'A JSONPath on the JSON body.'],
  ['header', 'A response header, by name.'],
  ['cookie', 'A cookie set by the response, by name.'],
  ['status', '`true`: the status code.'],
  ['body', '`true`: the whole body as text.'],
  ['regex', 'A regular expression on the body (or `from` a header); the first group is captured.'],
  ['from', '`body` (default) or a header name, for `regex`.'],
];

/** Completion at a position: keys by context, values by key, variables inside `${`. */
export function completion(
  analyzed: AnalyzedDocument,
  position: Position,
  options: CompletionOptions = {},
): CompletionList {
  const lines = analyzed.doc.lineIndex;
  const offset = lines.offsetAt(position);
  const cursor = cursorContext(lines, offset);
  const script = scriptCursorAt(lines, offset, cursor);
  const contract = script || cursor.interpolation ? undefined : openapiItems(analyzed, cursor, offset);
  const items = script
    ? scriptItems(analyzed, offset, script, (range) => scopeItems(analyzed, offset, range))
    : cursor.interpolation
      ? variableItems(analyzed, offset, cursor)
      : (graphqlVariableKeyItems(analyzed, cursor, offset) ??
        withContract(contract?.items ?? [], structuralItems(analyzed, cursor, options)));
  return { isIncomplete: contract?.incomplete ?? false, items };
}

/** The OpenAPI document's items first; a standard item of the same label (a status code) is dropped. */
function withContract(contract: CompletionItem[], standard: CompletionItem[]): CompletionItem[] {
  if (contract.length === 0) return standard;
  const labels = new Set(contract.map((item) => item.label));
  return [...contract, ...standard.filter((item) => !labels.has(item.label))];
}

function structuralItems(
  analyzed: AnalyzedDocument,
  cursor: CursorContext,
  options: CompletionOptions,
): CompletionItem[] {
  const slot = classifyPath(cursor.path);
  if (cursor.position === 'key') {
    const present = siblingKeys(analyzed.doc.lineIndex, cursor);
    switch (slot.kind) {
      case 'keys': {
        const items: CompletionItem[] = [];
        const hasMethod = [...present].some((key) => isHttpMethod(key));
        for (const { key, doc } of KEYS[slot.context]) {
          if (present.has(key)) continue;
          if (isHttpMethod(key)) {
            if (hasMethod) continue;
            items.push(methodKeyItem(key, doc, HTTP_METHODS.indexOf(key as never)));
            continue;
          }
          items.push({
            label: key,
            kind: CompletionItemKind.Property,
            documentation: markdown(doc),
            insertText: `${key}: `,
            sortText: `1${key}`,
          });
        }
        if (slot.context === 'test' && !present.has('steps')) {
          items.push({
            label: 'steps (with a GET)',
            kind: CompletionItemKind.Snippet,
            insertText: 'steps:\n  - GET: ${1:/path}\n    expect:\n      status: ${2:200}',
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: '0steps',
          });
        }
        if (slot.context === 'step' && !present.has('expect')) {
          items.push({
            label: 'expect (status)',
            kind: CompletionItemKind.Snippet,
            insertText: 'expect:\n  status: ${1:200}',
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: '1expect-',
          });
        }
        return items;
      }
      case 'request-headers':
      case 'response-headers':
        return headerNameItems(present);
      case 'matcher':
        return matcherItems(present);
      case 'jsonpaths':
        return [jsonPathKeyItem('A JSONPath (RFC 9535) and its expected value or matcher.')];
      case 'capture-source':
        return CAPTURE_SOURCES.filter(([key]) => !present.has(key)).map(([key, doc]) => ({
          label: key,
          kind: CompletionItemKind.Property,
          documentation: doc,
          insertText: `${key}: `,
        }));
      case 'multipart-part':
        return [
          {
            label: 'file',
            kind: CompletionItemKind.Property,
            documentation: 'Path of the file to send, relative to the suite file.',
            insertText: 'file: ',
          },
          {
            label: 'contentType',
            kind: CompletionItemKind.Property,
            documentation: 'Content type of the part.',
            insertText: 'contentType: ',
          },
        ];
      default:
        return [];
    }
  }
  return valueItems(analyzed, cursor, slot.kind, options);
}

function valueItems(
  analyzed: AnalyzedDocument,
  cursor: CursorContext,
  slot: string,
  options: CompletionOptions,
): CompletionItem[] {
  const key = cursor.key ?? '';
  const path = cursor.path;
  const inExpect = path.includes('expect');
  if (key === 'status' && inExpect) {
    return [
      ...Object.entries(STATUS_CODES).map(([code, info]) => ({
        label: code,
        kind: CompletionItemKind.EnumMember,
        detail: info.phrase,
        documentation: info.doc,
        sortText: code,
      })),
      ...Object.entries(STATUS_CLASSES).map(([code, doc]) => ({
        label: code,
        kind: CompletionItemKind.EnumMember,
        detail: doc,
        sortText: `9${code}`,
      })),
    ];
  }
  if (key === 'type' && slot === 'matcher')
    return JSON_TYPES.map((type) => ({ label: type, kind: CompletionItemKind.EnumMember }));
  if (['followRedirects', 'exists', 'empty', 'skip', 'status', 'body'].includes(key)) {
    return ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value }));
  }
  if (slot === 'request-headers' || slot === 'response-headers') {
    const values = HEADERS[key.toLowerCase()]?.values ?? [];
    return values.map((value) => ({ label: value, kind: CompletionItemKind.Value }));
  }
  if (isUseValue(cursor))
    return options.suites ? useItems(suiteSource(analyzed), cursor, options.suites) : [];
  if (key === 'schema' || key === 'each' || key === 'file') {
    const extensions =
      key === 'schema' ? /\.(json|ya?ml)$/i : key === 'each' ? /\.(json|ya?ml|csv)$/i : undefined;
    return pathItems(
      analyzed.context.suitePath,
      analyzed.doc.lineIndex,
      cursor,
      extensions,
      options.listDirectory,
    );
  }
  return [];
}

function variableItems(analyzed: AnalyzedDocument, offset: number, cursor: CursorContext): CompletionItem[] {
  const typed = cursor.interpolation!.prefix;
  const start = cursor.interpolation!.start;
  const range = rangeFrom(analyzed, start, offset);
  if (typed.startsWith('env.')) {
    const names = new Set<string>(analyzed.context.dotenv?.entries.map((entry) => entry.name) ?? []);
    return [...names].map((name) => ({
      label: `env.${name}`,
      kind: CompletionItemKind.Constant,
      detail: 'from .env',
      textEdit: { range, newText: `env.${name}` },
    }));
  }
  const services = analyzed.context.config?.services ?? [];
  const named = serviceItems(services, typed, range);
  if (named) return named;
  const items = scopeItems(analyzed, offset, range);
  items.push(...builtinItems(range));
  items.push({
    label: 'env.',
    kind: CompletionItemKind.Module,
    detail: 'process environment and .env',
    textEdit: { range, newText: 'env.' },
    sortText: '2env',
    command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
  });
  items.push(...servicesRootItem(services, range));
  return items;
}

/** The variables in scope at `offset`, each replacing `range` with its name. */
function scopeItems(analyzed: AnalyzedDocument, offset: number, range: Range): CompletionItem[] {
  return [...analyzed.validation.variables.scopeAt(offset).values()].map((definition) => ({
    label: definition.name,
    kind: definition.kind === 'capture' ? CompletionItemKind.Field : CompletionItemKind.Variable,
    detail: definition.detail,
    documentation: markdown(describeValue(analyzed, definition)),
    textEdit: { range, newText: definition.name },
    sortText: `0${definition.name}`,
  }));
}

function rangeFrom(analyzed: AnalyzedDocument, start: number, end: number) {
  return analyzed.doc.lineIndex.rangeOf({ start, end });
}
