/** The step a cursor is in and the OpenAPI operation it calls (SPEC §11), for completion and hover. */
import type { Step } from '../../../core/src/index.js';
import type { Operation } from '../../../core/src/openapi/operations.js';
import { contractPath, type OperationIndex } from '../../../core/src/openapi/paths.js';
import { literalBaseUrls } from '../../../core/src/validate/openapi.js';
import type { AnalyzedDocument } from '../analysis.js';

/** The steps of the suite, in document order. */
export function stepsOf(analyzed: AnalyzedDocument): Step[] {
  const suite = analyzed.doc.suite;
  if (!suite) return [];
  return [
    ...suite.before,
    ...suite.after,
    ...suite.tests.flatMap((test) => [...test.steps, ...(test.finally ?? [])]),
  ].sort((a, b) => a.span.start - b.span.start);
}

/** The step holding `offset`, or (on a line being typed after it) the last step starting before it. */
export function stepAt(analyzed: AnalyzedDocument, offset: number): Step | undefined {
  let found: Step | undefined;
  for (const step of stepsOf(analyzed)) {
    if (step.span.start > offset) break;
    found = step;
  }
  return found;
}

/** The operation a step calls, when its URL is checked against the document and matches it. */
export function operationOf(
  analyzed: AnalyzedDocument,
  step: Step,
  index: OperationIndex,
): Operation | undefined {
  const config = analyzed.context.config;
  if (step.use || typeof step.url !== 'string' || !config) return undefined;
  const path = contractPath(step.url, index, literalBaseUrls(config));
  return path === undefined ? undefined : index.match(path)?.operations.get(step.method);
}
