import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type {
  Diagnostic,
  ExpectationResult,
  LineIndex,
  Span,
  Step,
  StepResult,
} from '../../../core/src/index.js';
import type { LastResultsParams } from '../../../core/src/protocol.js';
import type { AnalyzedDocument } from '../analysis.js';

/**
 * Quick fixes: the "did you mean" replacements diagnostics carry, "Add an `expect` block" on a
 * step without one, and — after a run the client reported — "Accept actual value" on a failed
 * expectation, which writes what the response held into the suite.
 */
export function codeActions(
  analyzed: AnalyzedDocument,
  params: Pick<CodeActionParams, 'range' | 'context'>,
  lastResults?: LastResultsParams,
): CodeAction[] {
  const lines = analyzed.doc.lineIndex;
  const from = lines.offsetAt(params.range.start);
  const to = lines.offsetAt(params.range.end);
  const overlaps = (span: Span) => span.start <= to && from <= span.end;
  const actions = fixActions(analyzed.uri, lines, analyzed.validation.diagnostics, params);

  const step = stepAt(analyzed, from);
  if (step && !step.expectSpan) {
    const action = addExpect(analyzed, step);
    if (action) actions.push(action);
  }
  if (
    lastResults?.results &&
    (lastResults.version === undefined || lastResults.version === analyzed.version)
  ) {
    for (const failed of failedExpectations(lastResults)) {
      if (!overlaps(failed.span)) continue;
      const action = acceptActual(analyzed, failed);
      if (action) actions.push(action);
    }
  }
  return actions;
}

/** The `fixes` of the diagnostics in `params.range`, as quick fixes (suites and mock files). */
export function fixActions(
  uri: string,
  lines: LineIndex,
  diagnostics: Diagnostic[],
  params: Pick<CodeActionParams, 'range' | 'context'>,
): CodeAction[] {
  const from = lines.offsetAt(params.range.start);
  const to = lines.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fixes || diagnostic.span.start > to || from > diagnostic.span.end) continue;
    const lspDiagnostic = params.context.diagnostics.find(
      (candidate) =>
        candidate.code === diagnostic.code && sameRange(candidate, lines.rangeOf(diagnostic.span)),
    );
    for (const fix of diagnostic.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: diagnostic.fixes.length === 1,
        diagnostics: lspDiagnostic ? [lspDiagnostic] : undefined,
        edit: { changes: { [uri]: [{ range: lines.rangeOf(fix.span), newText: fix.newText }] } },
      });
    }
  }
  return actions;
}

function sameRange(diagnostic: LspDiagnostic, range: LspDiagnostic['range']): boolean {
  const a = diagnostic.range;
  return (
    a.start.line === range.start.line &&
    a.start.character === range.start.character &&
    a.end.line === range.end.line &&
    a.end.character === range.end.character
  );
}

function stepAt(analyzed: AnalyzedDocument, offset: number): Step | undefined {
  const suite = analyzed.doc.suite;
  if (!suite) return undefined;
  const all = [...suite.before, ...suite.after, ...suite.tests.flatMap((test) => test.steps)];
  return all.find((step) => step.span.start <= offset && offset <= step.span.end);
}

function addExpect(analyzed: AnalyzedDocument, step: Step): CodeAction | undefined {
  const lines = analyzed.doc.lineIndex;
  const first = lines.positionAt(step.span.start);
  const indent = ' '.repeat(first.character);
  // Insert after the step's last non-empty line.
  let endLine = lines.positionAt(step.span.end).line;
  while (endLine > first.line && lines.lineText(endLine).trim() === '') endLine--;
  const position = { line: endLine, character: lines.lineText(endLine).length };
  const status = step.method === 'POST' ? 201 : step.method === 'DELETE' ? 204 : 200;
  return {
    title: 'Add an `expect` block',
    kind: CodeActionKind.QuickFix,
    edit: {
      changes: {
        [analyzed.uri]: [
          {
            range: { start: position, end: position },
            newText: `\n${indent}expect:\n${indent}  status: ${status}`,
          },
        ],
      },
    },
  };
}

function failedExpectations(lastResults: LastResultsParams): ExpectationResult[] {
  const results = lastResults.results!;
  const steps: StepResult[] = [
    ...results.before,
    ...results.after,
    ...results.tests.flatMap((test) => test.steps),
  ];
  return steps.flatMap((step) => step.expectations.filter((expectation) => !expectation.passed));
}

/** Replaces the expected value with the actual one, as YAML that means "equals" for its kind. */
function acceptActual(analyzed: AnalyzedDocument, failed: ExpectationResult): CodeAction | undefined {
  const suite = analyzed.doc.suite;
  if (!suite) return undefined;
  const all = [...suite.before, ...suite.after, ...suite.tests.flatMap((test) => test.steps)];
  const expectation = all
    .flatMap((step) => step.expectations)
    .find((candidate) => candidate.span.start === failed.span.start && candidate.kind === failed.kind);
  if (!expectation || expectation.kind === 'schema' || expectation.kind === 'duration') return undefined;
  if (expectation.kind === 'snapshot') return undefined;
  const text = actualAsYaml(failed);
  if (text === undefined) return undefined;
  const lines = analyzed.doc.lineIndex;
  return {
    title: `Accept actual value: ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [analyzed.uri]: [{ range: lines.rangeOf(expectation.valueSpan), newText: text }] } },
  };
}

function actualAsYaml(failed: ExpectationResult): string | undefined {
  const actual = failed.actual;
  if (actual === undefined)
    return failed.kind === 'json' || failed.kind === 'headers' ? '{ exists: false }' : undefined;
  if (actual === '•••' || (typeof actual === 'string' && actual.includes('•••'))) return undefined; // never write a masked secret
  const json = JSON.stringify(actual);
  // An object in `json`/`headers`/`text` would read as a matcher: wrap it in `eq`.
  if (actual !== null && typeof actual === 'object' && !Array.isArray(actual) && failed.kind !== 'body')
    return `{ eq: ${json} }`;
  return json;
}
