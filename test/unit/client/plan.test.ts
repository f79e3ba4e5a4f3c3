import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSuite } from '../../../core/src/index.js';
import { planRuns } from '../../../client/src/testing/plan.js';

const A = 'file:///w/a.bluebook.yaml';
const B = 'file:///w/b.bluebook.yaml';
const text =
  'tests:\n  one:\n    steps:\n      - GET: /1\n  two:\n    steps:\n      - GET: /2\n      - GET: /3\n';
const docs = new Map([
  [A, parseSuite(text, A)],
  [B, parseSuite(text, B)],
]);

void test('a file runs whole, minus excluded tests', () => {
  const plans = planRuns(
    [{ item: 'A', data: { kind: 'file', uri: A } }],
    [{ kind: 'test', uri: A, testId: 'two' }],
    (u) => docs.get(u),
  );
  assert.deepEqual(
    plans.map((p) => [p.uri, p.items, p.filter]),
    [[A, ['A'], { testIds: ['one'] }]],
  );
  const whole = planRuns([{ item: 'B', data: { kind: 'file', uri: B } }], [], (u) => docs.get(u));
  assert.equal(whole[0].filter, undefined);
});

void test('tests of one file share a run; rows and steps get their own; files are separate', () => {
  const plans = planRuns(
    [
      { item: 't1', data: { kind: 'test', uri: A, testId: 'one', instanceId: 'one' } },
      { item: 't2', data: { kind: 'test', uri: A, testId: 'two', instanceId: 'two' } },
      { item: 'r', data: { kind: 'row', uri: A, testId: 'rows', instanceId: 'rows[1]', rowIndex: 1 } },
      { item: 's', data: { kind: 'step', uri: B, testId: 'two', instanceId: 'two', stepIndex: 1 } },
      { item: 'rs', data: { kind: 'step', uri: B, testId: 'rows', instanceId: 'rows[0]', stepIndex: 0 } },
    ],
    [],
    (u) => docs.get(u),
  );
  assert.deepEqual(
    plans.map((p) => [p.uri, p.items, p.filter]),
    [
      [A, ['t1', 't2'], { testIds: ['one', 'two'] }],
      [A, ['r'], { instanceIds: ['rows[1]'] }],
      [B, ['s'], { untilStep: { testId: 'two', stepIndex: 1 } }],
      [B, ['rs'], { untilStep: { testId: 'rows', stepIndex: 0 }, instanceIds: ['rows[0]'] }],
    ],
  );
});

void test('a suite the tree no longer knows is not run', () => {
  assert.deepEqual(
    planRuns([{ item: 'x', data: { kind: 'file', uri: 'file:///gone.bluebook.yaml' } }], [], () => undefined),
    [],
  );
});
