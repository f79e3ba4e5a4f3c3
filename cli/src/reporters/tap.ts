/**
 * TAP version 13: one test point per test (and per `each` row) as it finishes, a YAML diagnostic
 * block for failures (`message`, `severity`, `at`, `expected`, `actual`), `# SKIP` for skipped
 * tests, and the plan at the end (allowed by TAP 13, and needed since tests stream).
 * Strings in the YAML block are JSON-quoted, which is valid YAML and never ambiguous.
 */
import { formatForDiff, partOfTest } from '../core.js';
import type { RunEvent, StepResult, TestResult } from '../../../core/src/index.js';
import { serviceLogLines, type Reporter, type ReporterContext, type RunSummary } from './reporter.js';
import { describeMatcher, isMatcherExpectation } from './describe.js';
import { location } from './render.js';

export function createReporter(context: ReporterContext): Reporter {
  let count = 0;
  context.out.write('TAP version 13\n');
  const point = (ok: boolean, title: string, directive: string, yaml: string[]): void => {
    count++;
    const description = title.replace(/#/g, '\\#').replace(/\n/g, ' ');
    const lines = [`${ok ? 'ok' : 'not ok'} ${count} - ${description}${directive}`];
    if (yaml.length > 0) lines.push('  ---', ...yaml.map((line) => `  ${line}`), '  ...');
    context.out.write(`${lines.join('\n')}\n`);
  };
  const suiteNames = new Map<string, string>();
  return {
    onEvent(event: RunEvent): void {
      if (event.type === 'suiteStarted') suiteNames.set(event.file, event.name);
      else if (event.type === 'testFinished') {
        const test = event.result;
        const title = `${suiteNames.get(event.file) ?? event.file} › ${test.name}`;
        if (test.outcome === 'skipped')
          point(true, title, ` # SKIP${test.skipReason ? ` ${test.skipReason}` : ''}`, []);
        else
          point(
            test.outcome === 'passed',
            title,
            '',
            test.outcome === 'passed' ? [] : testYaml(test, event.file),
          );
      } else if (event.type === 'stepFinished' && !partOfTest(event.result.phase)) {
        const step = event.result;
        if (step.outcome !== 'failed' && step.outcome !== 'errored') return;
        point(
          false,
          `${suiteNames.get(event.file) ?? event.file} › ${step.phase}: ${step.name}`,
          '',
          stepYaml(step, event.file),
        );
      }
    },
    finish(summary: RunSummary): void {
      for (const suite of summary.suites) {
        if (suite.error)
          point(false, `${suite.name} › (suite)`, '', [
            `message: ${q(suite.error.message)}`,
            'severity: "error"',
            `at: ${q(where(suite.file, suite.error.span))}`,
          ]);
      }
      const lines = [`1..${count}`];
      if (summary.interrupted) lines.push('# interrupted');
      for (const tail of serviceLogLines(summary))
        lines.push(
          `# service ${tail.name} (last ${tail.lines.length} lines):`,
          ...tail.lines.map((line) => `#   ${line}`),
        );
      const { totals } = summary;
      lines.push(
        `# pass ${totals.passed}`,
        `# fail ${totals.failed + totals.errored}`,
        `# skip ${totals.skipped}`,
      );
      context.out.write(`${lines.join('\n')}\n`);
    },
  };

  function testYaml(test: TestResult, file: string): string[] {
    if (test.error)
      return [
        `message: ${q(test.error.message)}`,
        'severity: "error"',
        `at: ${q(where(file, test.error.span))}`,
      ];
    const step = test.steps.find((s) => s.outcome === 'failed' || s.outcome === 'errored');
    return step ? stepYaml(step, file) : [`message: ${q(`test ${test.outcome}`)}`];
  }

  function stepYaml(step: StepResult, file: string): string[] {
    if (step.error) {
      return [
        `message: ${q(step.error.message)}`,
        'severity: "error"',
        `step: ${q(step.name)}`,
        `at: ${q(where(step.file ?? file, step.error.span))}`,
      ];
    }
    const failed = step.expectations.filter((expectation) => !expectation.passed);
    const first = failed[0];
    const lines = [
      `message: ${q(first ? `${first.key ? `${first.kind} ${first.key}` : first.kind}: ${first.message}` : `step ${step.outcome}`)}`,
    ];
    lines.push('severity: "fail"', `step: ${q(step.name)}`);
    if (first)
      lines.push(
        `at: ${q(where(step.file ?? file, first.span))}`,
        `expected: ${q(isMatcherExpectation(first) ? describeMatcher(first.expected as Record<string, unknown>) : formatForDiff(first.expected))}`,
        `actual: ${q(formatForDiff(first.actual))}`,
      );
    if (failed.length > 1) {
      lines.push('failures:');
      for (const expectation of failed)
        lines.push(
          `  - ${q(`${expectation.key ? `${expectation.kind} ${expectation.key}` : expectation.kind}: ${expectation.message}`)}`,
        );
    }
    return lines;
  }

  function where(file: string, span: { start: number }): string {
    const source = context.source(file);
    return location(source, span, source?.display ?? file);
  }
}

function q(value: string): string {
  return JSON.stringify(value);
}
