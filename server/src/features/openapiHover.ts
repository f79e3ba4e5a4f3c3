/** Hover on a step's URL: the OpenAPI operation it calls, with its summary and description (SPEC §11). */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../analysis.js';
import { operationOf, stepsOf } from './openapiStep.js';

/** Undefined when the cursor is not on the URL of a step the document declares. */
export function openapiHover(analyzed: AnalyzedDocument, position: Position): Hover | undefined {
  const index = analyzed.context.openapi;
  if (!index) return undefined;
  const offset = analyzed.doc.lineIndex.offsetAt(position);
  const step = stepsOf(analyzed).find(
    (candidate) => offset >= candidate.urlSpan.start && offset <= candidate.urlSpan.end,
  );
  const operation = step && operationOf(analyzed, step, index);
  if (!step || !operation) return undefined;
  const id = operation.operationId ? ` (\`${operation.operationId}\`)` : '';
  const lines = [
    `**${operation.method} ${operation.template}**${id}${operation.summary ? ` — ${operation.summary}` : ''}`,
  ];
  if (operation.description) lines.push('', operation.description);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: analyzed.doc.lineIndex.rangeOf(step.urlSpan),
  };
}
