// Snapshots in the editor: a failed snapshot's message is a YAML diff marked for "Accept new
// snapshot", a recorded one shows in the output, and the failed snapshots at a place in a suite.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectationResult, StepResult, SuiteResult } from '../../../core/src/index.js';
import { formatExchange, stepMessages } from '../../../client/src/results/present.js';
import { ResultStore } from '../../../client/src/results/store.js';
import { failedSnapshotsAt, SNAPSHOT_MESSAGE, snapshotText } from '../../../client/src/snapshots/find.js';

const URI = 'file:///w/a.bluebook.yaml';
const FILE = '/w/__snapshots__/a.bluebook.yaml.snap.yaml';

function snapshotExpectation(overrides: Partial<ExpectationResult> = {}, test = 'user'): ExpectationResult {
  const value = { status: 200, body: { name: 'Bo', id: 1 } };
  return {
    kind: 'snapshot',
    passed: false,
    expected: { status: 200, body: { name: 'Ada', id: 1 } },
    actual: value,
    message: 'response differs from the snapshot at `$.body.name`',
    span: { start: 40, end: 54 },
    snapshot: { file: FILE, test, step: '1 GET /users/1', value },
    ...overrides,
  };
}

function step(expectations: ExpectationResult[], outcome: StepResult['outcome'] = 'failed'): StepResult {
  return {
    phase: 'test',
    index: 0,
    name: 'GET /users/1',
    outcome,
    durationMs: 3,
    attempts: 1,
    expectations,
    span: { start: 20, end: 60 },
    methodSpan: { start: 22, end: 25 },
    request: { method: 'GET', url: 'http://127.0.0.1:1/users/1', headers: {} },
  };
}

function suite(tests: [string, StepResult][]): SuiteResult {
  return {
    file: '/w/a.bluebook.yaml',
    name: 'a',
    outcome: 'failed',
    durationMs: 1,
    before: [],
    after: [],
    tests: tests.map(([id, s]) => ({
      testId: id.replace(/\[\d+\]$/, ''),
      instanceId: id,
      name: id,
      outcome: s.outcome,
      durationMs: 1,
      steps: [s],
      span: { start: 0, end: 100 },
    })),
  };
}

test('a failed snapshot message diffs the stored and the new value as YAML, sorted keys, marked for accepting', () => {
  const [message] = stepMessages(step([snapshotExpectation()]));
  assert.equal(message?.expected, 'body:\n  id: 1\n  name: Ada\nstatus: 200\n');
  assert.equal(message?.actual, 'body:\n  id: 1\n  name: Bo\nstatus: 200\n');
  assert.equal(message?.contextValue, SNAPSHOT_MESSAGE);
});

test('a missing snapshot (CI) diffs against nothing; other failures carry no context value', () => {
  const [missing] = stepMessages(step([snapshotExpectation({ expected: null })]));
  assert.equal(missing?.expected, '');
  const [status] = stepMessages(
    step([
      { kind: 'status', passed: false, expected: 200, actual: 404, message: 'x', span: { start: 0, end: 1 } },
    ]),
  );
  assert.equal(status?.contextValue, undefined);
  assert.equal(status?.expected, '200');
});

test('a recorded or updated snapshot is named in the output', () => {
  const recorded = snapshotExpectation({ passed: true, message: 'snapshot recorded' });
  recorded.snapshot = { ...recorded.snapshot!, note: 'recorded' };
  const text = formatExchange(step([recorded], 'passed'));
  assert.match(
    text,
    /^● snapshot recorded: user › 1 GET \/users\/1 in \/w\/__snapshots__\/a\.bluebook\.yaml\.snap\.yaml$/m,
  );
  const matched = formatExchange(step([snapshotExpectation({ passed: true })], 'passed'));
  assert.doesNotMatch(matched, /snapshot/);
});

test('snapshotText is YAML with sorted keys; strings stay plain', () => {
  assert.equal(snapshotText({ status: 200, body: 'hello' }), 'body: hello\nstatus: 200\n');
  assert.equal(snapshotText(null), '');
});

test('failedSnapshotsAt finds the failed snapshots whose expectation overlaps the range', () => {
  const store = new ResultStore();
  store.update(URI, suite([['user', step([snapshotExpectation()])]]));
  assert.deepEqual(
    failedSnapshotsAt(store.records(URI), 30, 45).map((found) => found.snapshot.test),
    ['user'],
  );
  assert.deepEqual(failedSnapshotsAt(store.records(URI), 55, 60), []);
  assert.deepEqual(failedSnapshotsAt(store.records(URI), 54, 54).length, 1, 'the end of the line counts');
});

test('failedSnapshotsAt ignores passed snapshots and other failures, and tells each rows apart', () => {
  const store = new ResultStore();
  store.update(
    URI,
    suite([
      ['rows[0]', step([snapshotExpectation({}, 'rows[0]')])],
      ['rows[1]', step([snapshotExpectation({ passed: true }, 'rows[1]')], 'passed')],
      ['rows[2]', step([snapshotExpectation({}, 'rows[2]')])],
      [
        'other',
        step([
          {
            kind: 'status',
            passed: false,
            expected: 1,
            actual: 2,
            message: '',
            span: { start: 40, end: 54 },
          },
        ]),
      ],
    ]),
  );
  assert.deepEqual(
    failedSnapshotsAt(store.records(URI), 40, 54).map((found) => found.snapshot.test),
    ['rows[0]', 'rows[2]'],
  );
});

test('package.json shows Accept New Snapshot on exactly the messages marked with SNAPSHOT_MESSAGE', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  for (const menu of ['testing/message/context', 'testing/message/content']) {
    assert.deepEqual(
      manifest.contributes.menus[menu]?.find((entry) => entry.command === 'bluebook.acceptSnapshot'),
      { command: 'bluebook.acceptSnapshot', when: `testMessage == ${SNAPSHOT_MESSAGE}` },
      menu,
    );
  }
});
