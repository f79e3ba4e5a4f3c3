/**
 * The data of the HTML report: plain JSON built from the run's results. Results are redacted by
 * core before they get here; this only shapes them, cuts each body to `MAX_BODY_CHARS` and turns
 * each failure into the same plain-text detail the other reporters print (source excerpt with a
 * caret, expected vs actual or a line diff). Pure, so the extension builds the same report.
 */
import type { StepResult, SuiteResult, TestResult, Totals } from '../../../core/src/index.js';
import { createStyle } from '../terminal.js';
import { errorDetail, stepDetail, stepSource } from './render.js';
import type { SourceFile } from './reporter.js';

/** A body longer than this is cut in the report (the report of a big run stays bounded). */
export const MAX_BODY_CHARS = 16_384;

export type ReportOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface ReportMessage {
  method?: string;
  url?: string;
  status?: string;
  headers: [string, string][];
  body?: string;
  /** Why the body is not all here (cut, or not kept for a passed step). */
  note?: string;
}

export interface ReportStep {
  /** Anchor id, unique in the page. */
  id: string;
  name: string;
  outcome: ReportOutcome;
  durationMs: number;
  summary: string;
  /** Failure detail: plain lines (location, excerpt with caret, expected/actual or diff). */
  detail: string[];
  request?: ReportMessage;
  response?: ReportMessage;
}

export interface ReportTest {
  name: string;
  outcome: ReportOutcome;
  durationMs: number;
  /** Set on an `each` row: the test it is a row of. */
  group?: string;
  note?: string;
  steps: ReportStep[];
}

export interface ReportSuite {
  name: string;
  file: string;
  outcome: ReportOutcome;
  durationMs: number;
  error?: string[];
  hooks: ReportStep[];
  tests: ReportTest[];
}

export interface ReportData {
  title: string;
  version: string;
  durationMs: number;
  totals: { tests: number; passed: number; failed: number; skipped: number };
  notRun: string[];
  suites: ReportSuite[];
}

export interface ReportInput {
  suites: readonly SuiteResult[];
  totals: Totals;
  durationMs: number;
  notRun?: readonly string[];
  version: string;
  title?: string;
  source(file: string): SourceFile | undefined;
}

const plain = createStyle(false);

export function buildReportData(input: ReportInput): ReportData {
  const { totals } = input;
  return {
    title: input.title ?? 'Bluebook report',
    version: input.version,
    durationMs: Math.round(input.durationMs),
    totals: {
      tests: totals.passed + totals.failed + totals.errored + totals.skipped,
      passed: totals.passed,
      failed: totals.failed + totals.errored,
      skipped: totals.skipped,
    },
    notRun: (input.notRun ?? []).map((file) => input.source(file)?.display ?? file),
    suites: input.suites.map((suite, index) => reportSuite(suite, index, input.source)),
  };
}

function reportSuite(
  suite: SuiteResult,
  index: number,
  sourceOf: (file: string) => SourceFile | undefined,
): ReportSuite {
  const source = sourceOf(suite.file);
  const file = source?.display ?? suite.file;
  const step = (result: StepResult, id: string): ReportStep => {
    const where = stepSource(result, source, file, sourceOf);
    return reportStep(result, id, where.source, where.file);
  };
  const hooks = [...suite.before, ...suite.after].map((result, i) => step(result, `s${index}-h${i}`));
  return {
    name: suite.name,
    file,
    outcome: suite.outcome,
    durationMs: Math.round(suite.durationMs),
    ...(suite.error && {
      error: [suite.error.message.split('\n')[0], ...errorDetail(suite.error, source, file, plain, '')],
    }),
    hooks,
    tests: suite.tests.map((test, t) =>
      reportTest(test, (result, s) => step(result, `s${index}-t${t}-${s}`)),
    ),
  };
}

function reportTest(test: TestResult, step: (result: StepResult, index: number) => ReportStep): ReportTest {
  const note = test.skipReason ?? test.error?.message.split('\n')[0];
  return {
    name: test.name,
    outcome: test.outcome,
    durationMs: Math.round(test.durationMs),
    ...(test.rowIndex !== undefined && { group: test.testId }),
    ...(note !== undefined && { note }),
    steps: test.steps.map(step),
  };
}

function reportStep(step: StepResult, id: string, source: SourceFile | undefined, file: string): ReportStep {
  const failed = step.outcome === 'failed' || step.outcome === 'errored';
  const summary =
    step.outcome === 'skipped'
      ? `skipped${step.skipReason ? `: ${step.skipReason}` : ''}`
      : step.error && step.outcome === 'errored'
        ? `error: ${step.error.message.split('\n')[0]}`
        : step.response
          ? statusLine(step.response.status, step.response.statusText)
          : '';
  return {
    id,
    name: step.phase === 'finally' ? `finally: ${step.name}` : step.name,
    outcome: step.outcome,
    durationMs: Math.round(step.response?.durationMs ?? step.durationMs),
    summary,
    detail: failed ? stepDetail({ ...step, response: undefined }, source, file, plain, '') : [],
    ...(step.request && { request: request(step) }),
    ...(step.response && { response: response(step) }),
  };
}

function request(step: StepResult): ReportMessage {
  const record = step.request!;
  return {
    method: record.method,
    url: record.url,
    headers: Object.entries(record.headers ?? {}),
    ...bounded(record.body),
    ...(step.recordsOmitted && { note: 'headers and body are kept for failed steps only' }),
  };
}

function response(step: StepResult): ReportMessage {
  const record = step.response!;
  const body = bounded(record.body === '' ? undefined : record.body);
  const cut = record.bodyTruncated && !step.recordsOmitted;
  return {
    status: statusLine(record.status, record.statusText),
    headers: Object.entries(record.headers ?? {}),
    ...body,
    ...(cut && { note: `the body is cut in reports (${record.size} bytes in all)` }),
    ...(step.recordsOmitted && { note: 'headers and body are kept for failed steps only' }),
  };
}

/** JSON pretty-printed, then cut to `MAX_BODY_CHARS` with a note saying so. */
function bounded(body: string | undefined): { body?: string; note?: string } {
  if (body === undefined || body === '') return {};
  const text = pretty(body);
  if (text.length <= MAX_BODY_CHARS) return { body: text };
  return {
    body: text.slice(0, MAX_BODY_CHARS),
    note: `cut at ${MAX_BODY_CHARS / 1024} KB in this report (${text.length} characters in all)`,
  };
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function statusLine(status: number, text: string): string {
  return text ? `${status} ${text}` : String(status);
}
