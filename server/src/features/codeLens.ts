import type { CodeLens } from 'vscode-languageserver';
import { Commands, type RunCommandArgs } from '../../../core/src/protocol.js';
import type { AnalyzedDocument } from '../analysis.js';

/** "▶ Run test" above each test, "▶ Run step" above each step of a test. */
export function codeLenses(analyzed: AnalyzedDocument): CodeLens[] {
  const suite = analyzed.doc.suite;
  if (!suite) return [];
  const lines = analyzed.doc.lineIndex;
  const lenses: CodeLens[] = [];
  for (const test of suite.tests) {
    const args: RunCommandArgs = { uri: analyzed.uri, testId: test.id };
    lenses.push({
      range: lines.rangeOf(test.idSpan),
      command: { title: '▶ Run test', command: Commands.runTest, arguments: [args] },
    });
    for (const step of test.steps) {
      const stepArgs: RunCommandArgs = { uri: analyzed.uri, testId: test.id, stepIndex: step.index };
      const at = lines.rangeOf({ start: step.span.start, end: step.span.start });
      lenses.push({
        range: at,
        command: { title: '▶ Run step', command: Commands.runStep, arguments: [stepArgs] },
      });
    }
  }
  return lenses;
}
