import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SuiteResult } from '../../../core/src/index.js';
import { LastRun } from '../../../client/src/report/lastRun.js';

const SPAN = { start: 0, end: 1 };
const suite = (name: string, outcomes: ('passed' | 'failed')[], phase?: 'setup'): SuiteResult => ({
  file: `/w/${name}.bluebook.yaml`,
  name,
  outcome: outcomes.includes('failed') ? 'failed' : 'passed',
  durationMs: 10,
  before: [],
  after: [],
  tests: outcomes.map((outcome, i) => ({
    testId: `t${i}`,
    instanceId: `t${i}`,
    name: `${name} ${i}`,
    outcome,
    durationMs: 5,
    steps: [],
    span: SPAN,
  })),
  ...(phase && { phase }),
});

void test('keeps the suites of the latest run only, counts their tests', () => {
  const last = new LastRun();
  last.add('file:///w/a', suite('a', ['passed']), 1);
  last.add('file:///w/b', suite('b', ['failed']), 1);
  assert.deepEqual(
    last.suites.map((s) => s.name),
    ['a', 'b'],
  );
  last.add('file:///w/c', suite('c', ['passed', 'failed', 'passed']), 2);
  last.add('file:///w/a', suite('a-late', ['failed']), 1);
  assert.deepEqual(
    last.suites.map((s) => s.name),
    ['c'],
  );
  assert.deepEqual(last.totals, { passed: 2, failed: 1, errored: 0, skipped: 0 });
  assert.equal(last.durationMs, 10);
});

void test("a config's setup result does not replace a suite of the same file", () => {
  const last = new LastRun();
  last.add('file:///w/bluebook.config.yaml', suite('setup', [], 'setup'), 1);
  last.add('file:///w/bluebook.config.yaml', suite('teardown', []), 1);
  assert.equal(last.suites.length, 2);
});
