import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Span, Step } from '../../../core/src/index.js';
import type { AnalyzedDocument } from '../analysis.js';

/** The outline: `before`, each test with its steps, `after` (also used for breadcrumbs). */
export function documentSymbols(analyzed: AnalyzedDocument): DocumentSymbol[] {
  const suite = analyzed.doc.suite;
  if (!suite) return [];
  const lines = analyzed.doc.lineIndex;
  const range = (span: Span) => lines.rangeOf(span);
  const stepSymbol = (step: Step): DocumentSymbol => ({
    name: step.name || step.method,
    detail: step.explicitName
      ? `${step.method} ${typeof step.url === 'string' ? step.url : ''}`.trim()
      : undefined,
    kind: SymbolKind.Event,
    range: range(step.span),
    selectionRange: range(containedIn(step.methodSpan, step.span)),
  });
  const group = (name: string, steps: Step[]): DocumentSymbol[] => {
    if (steps.length === 0) return [];
    const span = { start: steps[0].span.start, end: steps[steps.length - 1].span.end };
    return [
      {
        name,
        kind: SymbolKind.Namespace,
        range: range(span),
        selectionRange: range(steps[0].methodSpan),
        children: steps.map(stepSymbol),
      },
    ];
  };
  return [
    ...group('before', suite.before),
    ...suite.tests.map((test) => ({
      name: test.id,
      detail: test.name,
      kind: SymbolKind.Class,
      range: range(test.span),
      selectionRange: range(test.idSpan),
      children: test.steps.map(stepSymbol),
    })),
    ...group('after', suite.after),
  ];
}

/** LSP requires selectionRange ⊆ range; a step with no method key points at its first line. */
function containedIn(inner: Span, outer: Span): Span {
  return inner.start >= outer.start && inner.end <= outer.end
    ? inner
    : { start: outer.start, end: outer.start };
}
