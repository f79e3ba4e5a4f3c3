import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { StepResult, SuiteResult, TestResult } from '../../../core/src/index.js';
import { ResultStore } from '../../../client/src/results/store.js';

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
