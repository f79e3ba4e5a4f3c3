import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { StepResult, SuiteResult, TestResult } from '../../../core/src/index.js';
import { ResultStore, withoutForeignSteps } from '../../../client/src/results/store.js';

const URI = 'file:///w/a.bluebook.yaml';

function stepAt(
  index: number,
  start: number,
  end: number,
  outcome: StepResult['outcome'] = 'passed',
): StepResult {
  return {
    phase: 'test',
    index,
    name: `step ${index}`,
    outcome,
    durationMs: 1,
    attempts: 1,
    expectations: [
      {
        kind: 'status',
        passed: outcome === 'passed',
        expected: 200,
        actual: 200,
        message: '',
        span: { start: start + 20, end: start + 30 },
      },
    ],
    span: { start, end },
    methodSpan: { start: start + 2, end: start + 5 },
  };
}

function suite(tests: TestResult[]): SuiteResult {
  return {
    file: '/w/a.bluebook.yaml',
    name: 'a',
    outcome: 'passed',
    durationMs: 1,
    before: [],
    tests,
    after: [],
  };
}

function testResult(id: string, steps: StepResult[]): TestResult {
  return {
    testId: id,
    instanceId: id,
    name: id,
    outcome: 'passed',
    durationMs: 1,
    steps,
    span: { start: 0, end: 0 },
  };
}

void test('a run of one test keeps the other tests’ results', () => {
  const store = new ResultStore();
  store.update(URI, suite([testResult('a', [stepAt(0, 100, 150)]), testResult('b', [stepAt(0, 200, 250)])]));
  store.update(URI, suite([testResult('b', [stepAt(0, 200, 250, 'failed')])]));
  assert.deepEqual(
    store.records(URI).map((r) => [r.key, r.result.outcome]),
    [
      ['a/0', 'passed'],
      ['b/0', 'failed'],
    ],
  );
});

void test('an edit inside a step drops its results; edits before it shift its spans; after it change nothing', () => {
  const store = new ResultStore();
  const fired: string[] = [];
  store.onDidChange((uri) => fired.push(uri));
  store.update(
    URI,
    suite([
      testResult('a', [stepAt(0, 100, 150), stepAt(1, 160, 210)]),
      testResult('b', [stepAt(0, 300, 350)]),
    ]),
  );
  // Type one character inside the second step of `a`.
  assert.equal(store.applyChanges(URI, [{ rangeOffset: 170, rangeLength: 0, text: 'x' }]), true);
  assert.deepEqual(
    store.records(URI).map((r) => r.key),
    ['a/0', 'b/0'],
  );
  assert.deepEqual(store.get(URI, 'b/0')?.span, { start: 301, end: 351 });
  assert.deepEqual(store.get(URI, 'b/0')?.methodSpan, { start: 303, end: 306 });
  assert.deepEqual(store.get(URI, 'a/0')?.span, { start: 100, end: 150 });
  // Delete 10 characters above everything: all records move up.
  store.applyChanges(URI, [{ rangeOffset: 0, rangeLength: 10, text: '' }]);
  assert.deepEqual(store.get(URI, 'a/0')?.span, { start: 90, end: 140 });
  assert.deepEqual(
    store.get(URI, 'a/0')?.expectationSpans,
    [undefined],
    'passed expectations have no span to decorate',
  );
  // An edit after the last step changes nothing.
  assert.equal(store.applyChanges(URI, [{ rangeOffset: 1000, rangeLength: 0, text: 'tail' }]), false);
  assert.equal(fired.length, 4);
});

void test('failed expectation spans move with the text; the method-line lookup finds the step', () => {
  const store = new ResultStore();
  store.update(URI, suite([testResult('a', [stepAt(0, 100, 150, 'failed')])]));
  store.applyChanges(URI, [{ rangeOffset: 0, rangeLength: 0, text: '# comment\n' }]);
  assert.deepEqual(store.get(URI, 'a/0')?.expectationSpans, [{ start: 130, end: 140 }]);
  assert.equal(store.atMethodLine(URI, 110, 120)?.key, 'a/0');
  assert.equal(store.atMethodLine(URI, 0, 50), undefined);
  store.rename(URI, 'file:///w/b.bluebook.yaml');
  assert.equal(store.records(URI).length, 0);
  assert.equal(store.records('file:///w/b.bluebook.yaml').length, 1);
});

void test('badge spans: the located messages of the newest run only (all of them with showAllMessages), moving with the text', () => {
  const store = new ResultStore();
  const fired: string[] = [];
  store.onDidChange((uri) => fired.push(uri));
  const first = store.beginRun();
  store.update(URI, suite([testResult('a', [stepAt(0, 100, 150, 'failed')])]), first);
  assert.deepEqual(store.badgeSpans(URI), [{ start: 120, end: 130 }], 'the failed expectation');
  store.applyChanges(URI, [{ rangeOffset: 0, rangeLength: 0, text: '#\n' }]);
  assert.deepEqual(store.badgeSpans(URI), [{ start: 122, end: 132 }]);

  // A newer run (of another test) makes VS Code drop the older badges: our text comes back there.
  fired.length = 0;
  const second = store.beginRun();
  assert.deepEqual(fired, [URI], 'files with records re-render when a run begins');
  assert.deepEqual(store.badgeSpans(URI), []);
  assert.deepEqual(store.badgeSpans(URI, true), [{ start: 122, end: 132 }]);
  // An errored step's message is located on its method line.
  const errored = stepAt(0, 300, 350, 'errored');
  errored.expectations = [];
  errored.error = { message: 'connect ECONNREFUSED', span: errored.methodSpan };
  store.update(URI, suite([testResult('b', [errored])]), second);
  assert.deepEqual(store.badgeSpans(URI), [{ start: 302, end: 305 }]);
  assert.deepEqual(store.badgeSpans(URI, true), [
    { start: 122, end: 132 },
    { start: 302, end: 305 },
  ]);
});

void test('a step written in another file (a used or setup step) is kept under that file, apart from its own results', () => {
  const AUTH = 'file:///w/auth.bluebook.yaml';
  const store = new ResultStore();
  const fired: string[] = [];
  store.onDidChange((uri) => fired.push(uri));
  store.update(AUTH, {
    ...suite([testResult('login', [stepAt(0, 100, 150)])]),
    file: '/w/auth.bluebook.yaml',
  });
  const used = (outcome: StepResult['outcome']) => [
    { ...stepAt(0, 100, 150, outcome), name: 'login › step 0', file: '/w/auth.bluebook.yaml' },
    { ...stepAt(0, 400, 450), name: 'login › step 1', file: '/w/auth.bluebook.yaml' },
  ];
  store.update(URI, suite([testResult('profile', [...used('failed'), stepAt(1, 500, 550)])]));
  assert.deepEqual(
    store.records(URI).map((r) => r.key),
    ['profile/1'],
    'the using file keeps only its own steps',
  );
  assert.deepEqual(
    store.records(AUTH).map((r) => [r.key, r.result.outcome, r.span.start]),
    [
      ['login/0', 'passed', 100],
      [`${URI}#profile/0/0`, 'failed', 100],
      [`${URI}#profile/0/1`, 'passed', 400],
    ],
  );
  assert.deepEqual(
    store.badgeSpans(AUTH),
    [{ start: 120, end: 130 }],
    'the failure is badged in the used file',
  );
  assert.ok(fired.includes(AUTH), 'the used file re-renders');
  // Running the using test again replaces its records in the used file.
  store.update(URI, suite([testResult('profile', [...used('passed'), stepAt(1, 500, 550)])]));
  assert.deepEqual(
    store.records(AUTH).map((r) => [r.key, r.result.outcome]),
    [
      ['login/0', 'passed'],
      [`${URI}#profile/0/0`, 'passed'],
      [`${URI}#profile/0/1`, 'passed'],
    ],
  );
});

void test('the results sent to the language server keep only the steps written in the suite itself', () => {
  const used = { ...stepAt(0, 100, 150, 'failed'), file: '/w/auth.bluebook.yaml' };
  const own = stepAt(1, 500, 550, 'failed');
  const setup = { ...stepAt(0, 10, 20), phase: 'before' as const, file: '/w/bluebook.config.yaml' };
  const result = { ...suite([testResult('profile', [used, own])]), before: [setup] };
  const sent = withoutForeignSteps(result);
  assert.deepEqual(sent.tests[0].steps, [own], 'a used step’s spans are not positions in this suite');
  assert.deepEqual(sent.before, []);
  assert.equal(result.tests[0].steps.length, 2, 'the result itself is left as it is');
});

void test('a `finally` step keeps its own record beside the step of the same index', () => {
  const store = new ResultStore();
  const cleanup = { ...stepAt(0, 300, 350, 'failed'), phase: 'finally' as const };
  store.update(URI, suite([testResult('a', [stepAt(0, 100, 150), cleanup])]));
  assert.deepEqual(
    store.records(URI).map((r) => [r.key, r.result.outcome]),
    [
      ['a/0', 'passed'],
      ['a/finally/0', 'failed'],
    ],
  );
});
