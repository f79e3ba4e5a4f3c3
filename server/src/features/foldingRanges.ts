import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Span } from '../../../core/src/index.js';
import type { AnalyzedDocument } from '../analysis.js';

/** Folding for tests and steps (and `expect`/`capture` blocks inside them) spanning several lines. */
export function foldingRanges(analyzed: AnalyzedDocument): FoldingRange[] {
  const suite = analyzed.doc.suite;
  if (!suite) return [];
  const lines = analyzed.doc.lineIndex;
  const ranges: FoldingRange[] = [];
  const fold = (span: Span): void => {
    const start = lines.positionAt(span.start).line;
    // A node's span ends at the start of the next line when the value is a block.
    let end = lines.positionAt(span.end).line;
    if (end > start && lines.positionAt(span.end).character === 0) end--;
    if (end > start) ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  };
  for (const step of [...suite.before, ...suite.after]) fold(step.span);
  for (const test of suite.tests) {
    fold(test.span);
    for (const step of test.steps) fold(step.span);
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
