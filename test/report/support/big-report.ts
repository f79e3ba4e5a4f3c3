/**
 * A synthesised run of many tests (no server: results shaped like the runner's, a tenth failing
 * with a request, a response body and a failed expectation) and the time a page of its HTML
 * report takes to become interactive: navigation start → `data-ready`, then a click on the
 * "Failed" filter → the list re-rendered.
 */
import type { Page } from 'playwright-core';
import type { StepResult, SuiteResult, TestResult } from '../../../core/src/index.js';
import type { ReportInput } from '../../../cli/src/reporters/html-model.js';

const SPAN = { start: 0, end: 1 };

export function syntheticRun(testCount: number, perSuite = 100): ReportInput {
  const suites: SuiteResult[] = [];
  let failed = 0;
  for (let s = 0; s * perSuite < testCount; s++) {
    const tests: TestResult[] = [];
    for (let t = 0; t < perSuite && s * perSuite + t < testCount; t++) {
      const fails = (s * perSuite + t) % 10 === 3;
      if (fails) failed++;
      tests.push({
        testId: `t${t}`,
        instanceId: `t${t}`,
        name: `Test ${s}.${t} reads item ${t}`,
        outcome: fails ? 'failed' : 'passed',
        durationMs: 5 + ((s * 7 + t * 13) % 90),
        steps: [step(t, fails)],
        span: SPAN,
      });
    }
    suites.push({
      file: `/work/suites/s${s}.bluebook.yaml`,
      name: `Suite ${s}`,
      outcome: tests.some((test) => test.outcome === 'failed') ? 'failed' : 'passed',
      durationMs: tests.reduce((sum, test) => sum + test.durationMs, 0),
      before: [],
      tests,
      after: [],
    });
  }
  return {
    suites,
    totals: { passed: testCount - failed, failed, errored: 0, skipped: 0 },
    durationMs: 12_345,
    version: 'bench',
    source: () => undefined,
  };
}

function step(t: number, fails: boolean): StepResult {
  const body = JSON.stringify({ id: t, name: `item ${t}`, tags: ['a', 'b'], nested: { value: t * 2 } });
  return {
    phase: 'test',
    index: 0,
    name: `GET /items/${t}`,
    outcome: fails ? 'failed' : 'passed',
    durationMs: 4,
    attempts: 1,
    request: {
      method: 'GET',
      url: `http://127.0.0.1:8080/items/${t}`,
      headers: fails ? { accept: '*/*' } : {},
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: fails ? { 'content-type': 'application/json' } : {},
      body: fails ? body : '',
      bodyTruncated: !fails,
      size: body.length,
      durationMs: 4,
    },
    expectations: fails
      ? [
          {
            kind: 'json',
            key: '$.name',
            passed: false,
            expected: `item ${t + 1}`,
            actual: `item ${t}`,
            message: `expected "item ${t + 1}", got "item ${t}"`,
            span: SPAN,
          },
        ]
      : [],
    ...(!fails && { recordsOmitted: true }),
    span: SPAN,
    methodSpan: SPAN,
  };
}

export interface Interactive {
  /** Navigation start → `data-ready` set by the report's script. */
  readyMs: number;
  /** A click on the "Failed" filter → the list shows only failed suites. */
  filterMs: number;
}

export async function timeToInteractive(page: Page, url: string): Promise<Interactive> {
  await page.goto(url);
  await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
  const readyMs = Number(await page.getAttribute('html', 'data-ready'));
  const started = Date.now();
  await page.click('button[data-status="failed"]');
  await page.waitForSelector('button[data-status="failed"][aria-pressed="true"]');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(undefined))));
  return { readyMs, filterMs: Date.now() - started };
}
