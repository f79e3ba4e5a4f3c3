/**
 * Text rendering shared by the human reporters (pretty, dot): outcome marks, step lines and the
 * failure detail — `file:line:col`, the source line with a caret under the failing expectation,
 * and expected vs actual (a line diff when either side spans several lines).
 */
import { formatForDiff, formatValue } from '../core.js';
import type {
  ExpectationResult,
  Outcome,
  StepError,
  StepResult,
  TestResult,
} from '../../../core/src/index.js';
import { diffLines, withContext } from '../diff.js';
import { lineColumn, printable, renderExcerpt } from '../excerpt.js';
import { formatDuration, type Style } from '../terminal.js';
import { describeMatcher, isMatcherExpectation } from './describe.js';
import type { SourceFile } from './reporter.js';
import { responseDetail } from './response.js';

export function mark(outcome: Outcome, style: Style): string {
  switch (outcome) {
    case 'passed':
      return style.green('✓');
    case 'skipped':
      return style.yellow('○');
    default:
      return style.red('✗');
  }
}

/**
 * Where a step is written: its own file for a step run through `use:` from another suite
 * (`StepResult.file`, which its spans point into), else the suite's.
 */
export function stepSource(
  step: StepResult,
  source: SourceFile | undefined,
  file: string,
  sourceOf: (file: string) => SourceFile | undefined,
): { source: SourceFile | undefined; file: string } {
  if (step.file === undefined) return { source, file };
  const own = sourceOf(step.file);
  return { source: own, file: own?.display ?? step.file };
}

/** `file:line:col` of a span, or the bare file when the source is unknown. */
export function location(source: SourceFile | undefined, span: { start: number }, file: string): string {
  if (!source) return file;
  const { line, column } = lineColumn(source.lineIndex, { start: span.start, end: span.start });
  return `${source.display}:${line}:${column}`;
}

/** `✓ create  201 Created · 12 ms` (the response time), or the error's one-line reason on an errored step. */
export function stepLine(step: StepResult, style: Style): string {
  const label = step.phase === 'finally' ? `finally: ${step.name}` : step.name;
  const name = step.outcome === 'failed' || step.outcome === 'errored' ? style.bold(label) : label;
  const parts: string[] = [];
  if (step.outcome === 'skipped')
    parts.push(style.dim(step.skipReason ? `skipped: ${step.skipReason}` : 'skipped'));
  else if (step.outcome === 'errored' && step.error)
    parts.push(style.red(`error: ${oneLine(step.error.message)}`));
  else if (step.response)
    parts.push(`${step.response.status}${step.response.statusText ? ` ${step.response.statusText}` : ''}`);
  // The response time when there is a response: the number a `duration:` expectation judges.
  if (step.outcome !== 'skipped')
    parts.push(style.dim(formatDuration(step.response?.durationMs ?? step.durationMs)));
  if (step.attempts > 1) parts.push(style.dim(`${step.attempts} attempts`));
  const note = step.expectations.find((expectation) => expectation.snapshot?.note)?.snapshot?.note;
  if (note) parts.push(style.yellow(`snapshot ${note}`));
  return `${mark(step.outcome, style)} ${name}  ${parts.join(style.dim(' · '))}`;
}

export function testLine(test: TestResult, style: Style): string {
  const name = test.outcome === 'passed' || test.outcome === 'skipped' ? test.name : style.bold(test.name);
  const tail =
    test.outcome === 'skipped'
      ? style.dim(test.skipReason ? `skipped: ${test.skipReason}` : 'skipped')
      : style.dim(formatDuration(test.durationMs));
  const errored = test.outcome === 'errored' ? ` ${style.red('(errored)')}` : '';
  return `${mark(test.outcome, style)} ${name}${errored}  ${tail}`;
}

/** Everything a reader needs about one failed or errored step, indented under it: the response last. */
export function stepDetail(
  step: StepResult,
  source: SourceFile | undefined,
  file: string,
  style: Style,
  indent: string,
  verbose = false,
): string[] {
  const lines: string[] = [];
  // An errored step's message is on its line already; a failed one's (capture, failWhen) goes here.
  if (step.error && step.outcome === 'failed')
    lines.push(`${indent}${style.red('✗')} ${oneLine(step.error.message)}`);
  if (step.error) lines.push(...errorDetail(step.error, source, file, style, indent));
  for (const expectation of step.expectations) {
    if (!expectation.passed) lines.push(...expectationDetail(expectation, source, file, style, indent));
  }
  if (step.response && !step.recordsOmitted)
    lines.push(...responseDetail(step.response, style, indent, verbose));
  return lines;
}

export function errorDetail(
  error: StepError,
  source: SourceFile | undefined,
  file: string,
  style: Style,
  indent: string,
): string[] {
  const lines = [`${indent}${style.dim('at')} ${location(source, error.span, file)}`];
  if (source) lines.push(...renderExcerpt(source.lineIndex, error.span, style, indent));
  const rest = error.message.split('\n').slice(1);
  for (const line of rest) lines.push(`${indent}${line}`);
  return lines;
}

function expectationDetail(
  expectation: ExpectationResult,
  source: SourceFile | undefined,
  file: string,
  style: Style,
  indent: string,
): string[] {
  const label = expectation.key ? `${expectation.kind} ${expectation.key}` : expectation.kind;
  const lines = [`${indent}${style.red('✗')} ${style.bold(label)}  ${oneLine(expectation.message)}`];
  const inner = `${indent}  `;
  lines.push(`${inner}${style.dim('at')} ${location(source, expectation.span, file)}`);
  if (source) lines.push(...renderExcerpt(source.lineIndex, expectation.span, style, inner));
  // The contract's violations, one a line, say more than its expected/actual values.
  if (expectation.kind === 'openapi') {
    for (const line of expectation.message.split('\n').slice(1))
      lines.push(`${inner}${style.red(printable(line.trim()))}`);
    return lines;
  }
  lines.push(
    ...expectedActual(
      expectation.expected,
      expectation.actual,
      style,
      inner,
      isMatcherExpectation(expectation),
    ),
  );
  return lines;
}

/**
 * `expected: …` / `actual: …`, or a `- expected / + actual` line diff for multi-line values. A
 * matcher (`{ contains: "x" }`) is a condition, not a value: it is described in words on one line
 * (describe.ts) and never diffed against the actual value.
 */
export function expectedActual(
  expected: unknown,
  actual: unknown,
  style: Style,
  indent: string,
  matcher = false,
): string[] {
  const wanted = comparable(expected);
  const left = formatForDiff(wanted);
  const right = formatForDiff(actual);
  const oneLineMatcher = matcher && wanted === expected;
  if (oneLineMatcher || (!left.includes('\n') && !right.includes('\n'))) {
    // On one line, strings keep their quotes so `"200"` and `200` look different.
    const shownExpected = oneLineMatcher
      ? describeMatcher(wanted as Record<string, unknown>)
      : formatValue(wanted);
    const shownActual = formatValue(actual).split('\n');
    return [
      `${indent}${style.dim('expected:')} ${style.green(shownExpected)}`,
      `${indent}${style.dim('actual:  ')} ${style.red(shownActual[0])}`,
      ...shownActual.slice(1).map((line) => `${indent}          ${style.red(line)}`),
    ];
  }
  const lines = [`${indent}${style.green('- expected')} ${style.red('+ actual')}`];
  for (const line of withContext(diffLines(left, right))) {
    // Raw response text: its control characters must not reach the terminal.
    const text = printable(line.text);
    if (line.kind === 'removed') lines.push(`${indent}${style.green(`- ${text}`)}`);
    else if (line.kind === 'added') lines.push(`${indent}${style.red(`+ ${text}`)}`);
    else if (line.kind === 'gap') lines.push(`${indent}${style.dim(`  ${text}`)}`);
    else lines.push(`${indent}  ${text}`);
  }
  return lines.map((line) => line.trimEnd());
}

/** `{ eq: value }` is compared as `value`: diff what was meant, not the matcher's wrapper. */
function comparable(expected: unknown): unknown {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0] === 'eq') return (expected as { eq: unknown }).eq;
  }
  return expected;
}

function oneLine(text: string): string {
  return text.split('\n')[0];
}
