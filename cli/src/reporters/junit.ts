/**
 * JUnit XML, as GitLab, Jenkins, GitHub test-report actions and Azure read it: one `testsuite`
 * per suite file, one `testcase` per test and per `each` row, `failure` (an expectation did not
 * hold) or `error` (no usable response) with a message and `file:line:col`, `skipped`. A
 * `before`/`after` step that did not pass gets its own `testcase` so hook failures are visible.
 */
import { type Span, type StepResult, type SuiteResult, type TestResult } from '../../../core/src/index.js';
import { lineColumn } from '../excerpt.js';
import { plural } from '../problems.js';
import { createStyle } from '../terminal.js';
import {
  serviceLogLines,
  type Reporter,
  type ReporterContext,
  type RunSummary,
  type SourceFile,
} from './reporter.js';
import { location, stepDetail, stepLine, stepSource } from './render.js';

const plain = createStyle(false);

export function createReporter(context: ReporterContext): Reporter {
  return {
    finish(summary: RunSummary): void {
      const systemOut = serviceLogLines(summary)
        .map((tail) =>
          [`service ${tail.name} (last ${plural(tail.lines.length, 'line')}):`, ...tail.lines].join('\n'),
        )
        .join('\n\n');
      const suites = summary.suites.map((suite) => renderSuite(suite, context, systemOut));
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
  context: ReporterContext,
  systemOut: string,
): { lines: string[]; counts: Counts } {
  const source = context.source(suite.file);
  const file = source?.display ?? suite.file;
  const detail = (step: StepResult): string[] => {
    const where = stepSource(step, source, file, context.source);
    return [stepLine(step, plain), ...stepDetail(step, where.source, where.file, plain, '  ')];
  };
  const cases: string[] = [];
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const hooks = [...suite.before, ...suite.after].filter(
    (step) => step.outcome === 'failed' || step.outcome === 'errored',
  );
  for (const step of suite.before.filter((s) => hooks.includes(s)))
    cases.push(...hookCase(step, suite, file, source, counts, detail, systemOut));
  for (const test of suite.tests)
    cases.push(...testCase(test, suite, file, source, counts, detail, systemOut));
  for (const step of suite.after.filter((s) => hooks.includes(s)))
    cases.push(...hookCase(step, suite, file, source, counts, detail, systemOut));
  if (suite.error) {
    counts.tests++;
    const { message, span } = suite.error;
    const body = `${message}\nat ${location(source, span, file)}`;
    cases.push(
      ...problemCase(
        openCase(suite, '(suite)', file, '0'),
        true,
        message,
        'errored',
        body,
        counts,
        systemOut,
      ),
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
  detail: (step: StepResult) => string[],
  systemOut: string,
): string[] {
  counts.tests++;
  const open = openCase(suite, test.name, file, seconds(test.durationMs), source, test.span);
  if (test.outcome === 'passed') return [open.replace(/>$/, ' />')];
  if (test.outcome === 'skipped') {
    counts.skipped++;
    const message = test.skipReason ? ` message="${attr(test.skipReason)}"` : '';
    return [open, `      <skipped${message} />`, '    </testcase>'];
  }
  const failing = test.steps.filter((step) => step.outcome === 'failed' || step.outcome === 'errored');
  const body: string[] = [];
  let message = '';
  if (test.error) {
    message = test.error.message;
    body.push(test.error.message, `at ${location(source, test.error.span, file)}`);
  }
  for (const step of failing) {
    message ||= firstProblem(step);
    body.push(...detail(step));
  }
  const type =
    test.outcome === 'errored'
      ? 'errored'
      : (failing[0]?.expectations.find((e) => !e.passed)?.kind ?? 'failed');
  return problemCase(open, test.outcome === 'errored', message, type, body.join('\n'), counts, systemOut);
}

function hookCase(
  step: StepResult,
  suite: SuiteResult,
  file: string,
  source: SourceFile | undefined,
  counts: Counts,
  detail: (step: StepResult) => string[],
  systemOut: string,
): string[] {
  counts.tests++;
  const open = openCase(
    suite,
    `${step.phase}: ${step.name}`,
    file,
    seconds(step.durationMs),
    source,
    step.span,
  );
  const body = detail(step).join('\n');
  return problemCase(
    open,
    step.outcome === 'errored',
    firstProblem(step),
    step.outcome,
    body,
    counts,
    systemOut,
  );
}

/** A `<testcase>` opening tag; with `line` where the suite's source is known. */
function openCase(
  suite: SuiteResult,
  name: string,
  file: string,
  time: string,
  source?: SourceFile,
  span?: Span,
): string {
  const line = source && span ? ` line="${lineColumn(source.lineIndex, span).line}"` : '';
  return `    <testcase classname="${attr(suite.name)}" name="${attr(name)}" file="${attr(file)}"${line} time="${time}">`;
}

/** The rest of a case that did not pass: `<error>` (no usable response) or `<failure>`, counted as such. */
function problemCase(
  open: string,
  errored: boolean,
  message: string,
  type: string,
  body: string,
  counts: Counts,
  systemOut: string,
): string[] {
  const element = errored ? 'error' : 'failure';
  if (errored) counts.errors++;
  else counts.failures++;
  return [
    open,
    `      <${element} message="${attr(message)}" type="${attr(type)}">${text(body)}</${element}>`,
    ...(systemOut ? [`      <system-out>${text(systemOut)}</system-out>`] : []),
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
