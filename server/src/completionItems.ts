/** Completion items that suites and mock files offer alike: matcher operators and a JSONPath key. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { MATCHERS } from '../../core/src/index.js';

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
