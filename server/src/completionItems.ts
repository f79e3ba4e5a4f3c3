/** Completion items that suites and mock files offer alike: matcher operators and a JSONPath key. */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver';
import { BUILTIN_FUNCTIONS, MATCHERS } from '../../core/src/index.js';

export function markdown(value: string): { kind: typeof MarkupKind.Markdown; value: string } {
  return { kind: MarkupKind.Markdown, value };
}

/** The engine's matcher registry (an operator is declared once, with its docs and argument type), minus those written. */
export function matcherItems(present: ReadonlySet<string>): CompletionItem[] {
  return MATCHERS.filter((operator) => !present.has(operator.name)).map((operator) => ({
    label: operator.name,
    kind: CompletionItemKind.Operator,
    detail: operator.argType,
    documentation: markdown(operator.doc),
    insertText: `${operator.name}: `,
  }));
}

/** `$.field: value`, a snippet for a map of JSONPath → value or matcher. */
export function jsonPathKeyItem(documentation: string): CompletionItem {
  return {
    label: '$.',
    kind: CompletionItemKind.Snippet,
    insertText: '\\$.${1:field}: ${2}',
    insertTextFormat: InsertTextFormat.Snippet,
    documentation,
  };
}

/** The built-in functions (`uuid()`, `randomInt(min, max)`, …), as in suites. */
export function builtinItems(range: Range): CompletionItem[] {
  return BUILTIN_FUNCTIONS.map((builtin) => ({
    label: builtin.signature,
    kind: CompletionItemKind.Function,
    documentation: builtin.doc,
    textEdit: {
      range,
      newText: builtin.arity === 0 ? `${builtin.name}()` : `${builtin.name}(\${1:min}, \${2:max})`,
    },
    insertTextFormat: builtin.arity === 0 ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
    sortText: `1${builtin.name}`,
  }));
}

/** A method key (`GET: /path` as a snippet), ordered by `order` among the methods. */
export function methodKeyItem(key: string, doc: string, order: number): CompletionItem {
  return {
    label: key,
    kind: CompletionItemKind.Method,
    documentation: markdown(doc),
    insertText: `${key}: \${1:/path}`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `0${String(order).padStart(2, '0')}`,
  };
}
