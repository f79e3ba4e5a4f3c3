/**
 * JUnit XML, as GitLab, Jenkins, GitHub test-report actions and Azure read it: one `testsuite`
 * per suite file, one `testcase` per test and per `each` row, `failure` (an expectation did not
 * hold) or `error` (no usable response) with a message and `file:line:col`, `skipped`. A
 * `before`/`after` step that did not pass gets its own `testcase` so hook failures are visible.
 */
import { type StepResult, type SuiteResult, type TestResult } from '../../../core/src/index.js';
import { lineColumn } from '../excerpt.js';
import { createStyle } from '../terminal.js';
import type { Reporter, ReporterContext, RunSummary, SourceFile } from './reporter.js';
import { location, stepDetail, stepLine } from './render.js';

const plain = createStyle(false);

export function createReporter(context: ReporterContext): Reporter {
  return {
    finish(summary: RunSummary): void {
      const suites = summary.suites.map((suite) => renderSuite(suite, context.source(suite.file)));
      const totals = suites.reduce(
        (sum, suite) => ({
          tests: sum.tests + suite.counts.tests,
          failures: sum.failures + suite.counts.failures,
          errors: sum.errors + suite.counts.errors,
          skipped: sum.skipped + suite.counts.skipped,
        }),
        { tests: 0, failures: 0, errors: 0, skipped: 0 },
      );
      const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="bluebook" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(summary.durationMs)}">`,
        ...suites.flatMap((suite) => suite.lines),
        '</testsuites>',
      ];
      context.out.write(`${lines.join('\n')}\n`);
    },
  };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function renderSuite(
  suite: SuiteResult,
  source: SourceFile | undefined,
): { lines: string[]; counts: Counts } {
  const file = source?.display ?? suite.file;
  const cases: string[] = [];
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const hooks = [...suite.before, ...suite.after].filter(
    (step) => step.outcome === 'failed' || step.outcome === 'errored',
  );
  for (const step of suite.before.filter((s) => hooks.includes(s)))
    cases.push(...hookCase(step, suite, file, source, counts));
  for (const test of suite.tests) cases.push(...testCase(test, suite, file, source, counts));
  for (const step of suite.after.filter((s) => hooks.includes(s)))
    cases.push(...hookCase(step, suite, file, source, counts));
  if (suite.error) {
    counts.tests++;
    counts.errors++;
    const where = location(source, suite.error.span, file);
    cases.push(
      `    <testcase classname="${attr(suite.name)}" name="${attr('(suite)')}" file="${attr(file)}" time="0">`,
      `      <error message="${attr(suite.error.message)}" type="errored">${text(`${suite.error.message}\nat ${where}`)}</error>`,
      '    </testcase>',
    );
  }
  const open = `  <testsuite name="${attr(suite.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(suite.durationMs)}" file="${attr(file)}">`;
  return { lines: [open, ...cases, '  </testsuite>'], counts };
}

function testCase(
  test: TestResult,
  suite: SuiteResult,
  file: string,
  source: SourceFile | undefined,
  counts: Counts,
): string[] {
  counts.tests++;
  const line = source ? ` line="${lineColumn(source.lineIndex, test.span).line}"` : '';
  const open = `    <testcase classname="${attr(suite.name)}" name="${attr(test.name)}" file="${attr(file)}"${line} time="${seconds(test.durationMs)}">`;
  if (test.outcome === 'passed') return [open.replace(/>$/, ' />')];
  if (test.outcome === 'skipped') {
    counts.skipped++;
    const message = test.skipReason ? ` message="${attr(test.skipReason)}"` : '';
    return [open, `      <skipped${message} />`, '    </testcase>'];
  }
  const failing = test.steps.filter((step) => step.outcome === 'failed' || step.outcome === 'errored');
  const element = test.outcome === 'errored' ? 'error' : 'failure';
  if (element === 'error') counts.errors++;
  else counts.failures++;
  const body: string[] = [];
  let message = '';
  if (test.error) {
    message = test.error.message;
    body.push(test.error.message, `at ${location(source, test.error.span, file)}`);
  }
  for (const step of failing) {
    message ||= firstProblem(step);
    body.push(stepLine(step, plain), ...stepDetail(step, source, file, plain, '  '));
  }
  const type =
    test.outcome === 'errored'
      ? 'errored'
      : (failing[0]?.expectations.find((e) => !e.passed)?.kind ?? 'failed');
  return [
    open,
    `      <${element} message="${attr(message)}" type="${attr(type)}">${text(body.join('\n'))}</${element}>`,
    '    </testcase>',
  ];
}

function hookCase(
  step: StepResult,
  suite: SuiteResult,
  file: string,
  source: SourceFile | undefined,
  counts: Counts,
): string[] {
  counts.tests++;
  const element = step.outcome === 'errored' ? 'error' : 'failure';
  if (element === 'error') counts.errors++;
  else counts.failures++;
  const line = source ? ` line="${lineColumn(source.lineIndex, step.span).line}"` : '';
  const body = [stepLine(step, plain), ...stepDetail(step, source, file, plain, '  ')].join('\n');
  return [
    `    <testcase classname="${attr(suite.name)}" name="${attr(`${step.phase}: ${step.name}`)}" file="${attr(file)}"${line} time="${seconds(step.durationMs)}">`,
    `      <${element} message="${attr(firstProblem(step))}" type="${step.outcome}">${text(body)}</${element}>`,
    '    </testcase>',
  ];
}

function firstProblem(step: StepResult): string {
  if (step.error) return step.error.message.split('\n')[0];
  const failed = step.expectations.find((expectation) => !expectation.passed);
  return failed
    ? `${failed.key ? `${failed.kind} ${failed.key}` : failed.kind}: ${failed.message}`
    : `${step.name} ${step.outcome}`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 forbids anywhere (control characters, lone surrogates, U+FFFE/FFFF). */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function text(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
