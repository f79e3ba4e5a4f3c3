import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { StepResult } from '../../../core/src/index.js';
import {
  expectationSummary,
  formatExchange,
  formatLogs,
  formatResponseDocument,
  formatResponseHover,
  responseTitle,
  stepMessages,
  stepSummary,
  summaryMessages,
} from '../../../client/src/results/present.js';

function step(overrides: Partial<StepResult> = {}): StepResult {
  return {
    phase: 'test',
    index: 0,
    name: 'POST /users',
    outcome: 'passed',
    durationMs: 34.4,
    attempts: 1,
    expectations: [],
    span: { start: 10, end: 80 },
    methodSpan: { start: 12, end: 16 },
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/users',
      headers: { authorization: '•••' },
      body: '{"name":"Ada"}',
    },
    response: {
      status: 201,
      statusText: 'Created',
      headers: { 'content-type': 'application/json', 'x-other': '1' },
      body: '{"name":"Ada","id":1}',
      bodyTruncated: false,
      size: 21,
    },
    ...overrides,
  };
}

const failedStatus = {
  kind: 'status' as const,
  passed: false,
  expected: 200,
  actual: 404,
  message: 'expected status 200, got 404',
  span: { start: 40, end: 51 },
};
const failedJson = {
  kind: 'json' as const,
  key: '$.user',
  passed: false,
  expected: { name: 'Ada', id: 1 },
  actual: { id: 1, name: 'Bob' },
  message: '$.user differs',
  span: { start: 52, end: 70 },
};

void test('step lines read ✓/✗ status reason · duration', () => {
  assert.equal(stepSummary(step()), '✓ 201 Created · 34 ms');
  assert.equal(
    stepSummary(step({ outcome: 'failed', response: { ...step().response!, status: 404, statusText: '' } })),
    '✗ 404 Not Found · 34 ms',
    'a missing reason phrase comes from the status code',
  );
  assert.equal(stepSummary(step({ attempts: 3 })), '✓ 201 Created · 34 ms · 3 attempts');
  assert.equal(
    stepSummary(
      step({
        outcome: 'errored',
        response: undefined,
        error: { message: 'connect ECONNREFUSED 127.0.0.1:9', span: { start: 12, end: 16 } },
      }),
    ),
    '✗ connect ECONNREFUSED 127.0.0.1:9 · 34 ms',
  );
  assert.equal(stepSummary(step({ outcome: 'skipped' })), undefined, 'plain skips leave the line alone');
  assert.equal(stepSummary(step({ outcome: 'skipped', skipReason: 'flaky' })), '○ skipped: flaky');
});

void test('expectation lines read "expected X, got Y" on one line', () => {
  assert.equal(expectationSummary(failedStatus), 'expected 200, got 404');
  assert.equal(
    expectationSummary({ ...failedStatus, expected: 'a\nb', actual: undefined }),
    'expected "a\\nb", got (absent)',
  );
  const long = expectationSummary({ ...failedStatus, expected: 'x'.repeat(200), actual: 1 });
  assert.ok(long.length < 140 && long.includes('…'));
});

void test('one diff message per failed expectation, on its span; passed ones give none', () => {
  const messages = stepMessages(
    step({ outcome: 'failed', expectations: [{ ...failedStatus, passed: true }, failedStatus, failedJson] }),
  );
  assert.equal(messages.length, 2);
  assert.deepEqual(messages[0], {
    message: 'expected status 200, got 404',
    expected: '200',
    actual: '404',
    span: failedStatus.span,
  });
  assert.equal(
    messages[1].expected,
    '{\n  "id": 1,\n  "name": "Ada"\n}',
    'values are formatted with sorted keys',
  );
  assert.equal(messages[1].actual, '{\n  "id": 1,\n  "name": "Bob"\n}');
});

void test('an errored step gives one message on the error span; a failure is never silent', () => {
  const errored = stepMessages(
    step({ outcome: 'errored', error: { message: 'timeout after 2 s', span: { start: 12, end: 16 } } }),
  );
  assert.deepEqual(errored, [{ message: 'timeout after 2 s', span: { start: 12, end: 16 } }]);
  const silent = stepMessages(step({ outcome: 'failed' }));
  assert.deepEqual(silent, [{ message: 'POST /users failed', span: { start: 12, end: 16 } }]);
});

void test('the exchange log shows request and response (as redacted by core), with the chosen line ends', () => {
  const text = formatExchange(step({ outcome: 'failed', expectations: [failedStatus] }), '\r\n');
  assert.equal(
    text,
    [
      '→ POST http://127.0.0.1:1/users',
      '  authorization: •••',
      '  {"name":"Ada"}',
      '← 201 Created · 34 ms',
      '  content-type: application/json',
      '  x-other: 1',
      '  {"name":"Ada","id":1}',
      '✗ expected status 200, got 404',
      '',
    ].join('\r\n'),
  );
});

void test('the response document pretty-prints JSON bodies; the hover shows main headers and a command link', () => {
  const doc = formatResponseDocument(step());
  assert.ok(doc.startsWith('POST http://127.0.0.1:1/users\nauthorization: •••\n\n{\n  "name": "Ada"\n}'));
  assert.ok(
    doc.includes(
      'HTTP/1.1 201 Created\ncontent-type: application/json\nx-other: 1\n\n{\n  "id": 1,\n  "name": "Ada"\n}',
    ),
  );
  const hover = formatResponseHover(step(), 'command:bluebook.openLastResponse?x');
  assert.ok(hover.startsWith('**Last run** ✓ 201 Created · 34 ms'));
  assert.ok(hover.includes('`content-type: application/json`'));
  assert.ok(!hover.includes('x-other'), 'only the main headers');
  assert.ok(hover.includes('```json\n{\n  "id": 1,'));
  assert.ok(hover.endsWith('[Open full request/response](command:bluebook.openLastResponse?x)'));
});

void test('a step written in another file: its messages and summaries name that file (their spans point into it)', () => {
  const used = step({
    outcome: 'failed',
    file: '/w/auth.bluebook.yaml',
    expectations: [failedStatus],
    error: { message: 'boom', span: { start: 12, end: 16 } },
  });
  assert.deepEqual(
    stepMessages(used).map((m) => m.file),
    ['/w/auth.bluebook.yaml', '/w/auth.bluebook.yaml'],
  );
  assert.deepEqual(
    summaryMessages(used).map((m) => [m.file, m.span]),
    [['/w/auth.bluebook.yaml', failedStatus.span]],
  );
  assert.equal(stepMessages(step({ outcome: 'failed', expectations: [failedStatus] }))[0].file, undefined);
});

void test('console.log lines of a step follow its exchange, as the engine redacted them', () => {
  const text = formatExchange(step({ logs: ['token is •••', 'two\nlines'] }), '\r\n');
  assert.ok(
    text.endsWith(
      ['  {"name":"Ada","id":1}', 'log: token is •••', 'log: two', '     lines', ''].join('\r\n'),
    ),
    text,
  );
  assert.equal(formatLogs(step({ logs: [] })), '');
  assert.equal(formatLogs(step({ logs: ['a'] }), '\r\n'), 'log: a\r\n');
});

void test('the response document’s title names the suite, the test and the step (a used step’s record too)', () => {
  assert.equal(responseTitle('file:///w/users.bluebook.yaml', 'read-user/0'), 'users · read-user · step 1');
  assert.equal(
    responseTitle('file:///w/auth.bluebook.yaml', 'file:///w/profile.bluebook.yaml#reads-secure/0/1'),
    'auth · reads-secure 0 · step 2',
  );
  assert.equal(responseTitle('file:///w/a%20b.bluebook.yaml', 'before/0'), 'a b · before · step 1');
});
