import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { MockDocument } from '../../../core/src/mock/model.js';

/** Folding for each route and each response spanning several lines. */
export function mockFoldingRanges(doc: MockDocument): FoldingRange[] {
  const lines = doc.lineIndex;
  const ranges: FoldingRange[] = [];
  for (const span of doc.model.routes.flatMap((route) => [
    route.span,
    ...route.responses.map((r) => r.span),
  ])) {
    const start = lines.positionAt(span.start).line;
    // A block value's span ends at the start of the next line.
    let end = lines.positionAt(span.end).line;
    if (end > start && lines.positionAt(span.end).character === 0) end--;
    if (end > start) ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
