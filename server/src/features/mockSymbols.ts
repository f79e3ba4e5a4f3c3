import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Span } from '../../../core/src/index.js';
import type { MockDocument } from '../../../core/src/mock/model.js';

/** The outline of a mock file: each route (`GET /payments/:id`) and each resource. */
export function mockSymbols(doc: MockDocument): DocumentSymbol[] {
  const range = (span: Span) => doc.lineIndex.rangeOf(span);
  return [
    ...doc.model.routes.map((route) => ({
      name: route.label,
      detail: route.responses.length > 1 ? `${route.responses.length} responses in turn` : undefined,
      kind: SymbolKind.Method,
      range: range(route.span),
      selectionRange: range(within({ start: route.methodSpan.start, end: route.pathSpan.end }, route.span)),
    })),
    ...doc.model.resources.map((resource) => ({
      name: resource.name,
      detail: resource.path,
      kind: SymbolKind.Class,
      range: range(resource.span),
      selectionRange: range({ start: resource.span.start, end: resource.span.start }),
    })),
  ];
}

/** LSP requires selectionRange ⊆ range. */
function within(inner: Span, outer: Span): Span {
  return inner.start >= outer.start && inner.end <= outer.end
    ? inner
    : { start: outer.start, end: outer.start };
}
