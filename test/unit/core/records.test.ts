// What results keep of each step (RunOptions.keepRecords): full records for steps that did not
// pass, status and duration for the rest — a 10,000-step run keeps flat memory.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import type { StepResult } from '../../../core/src/results.js';
import { run, step } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const big = 'b'.repeat(5000);
const suite = `tests:
  t:
    steps:
      - name: passes
        POST: /users
        json: { name: "${big}" }
        expect: { status: 201, json: { $.name: "${big}" } }
      - name: fails
        POST: /users
        json: { name: "${big}" }
        expect: { status: 200 }
`;

function assertFull(result: StepResult): void {
  assert.equal(result.recordsOmitted, undefined);
  assert.equal(result.request?.method, 'POST');
  assert.match(result.request?.body ?? '', /"name":"b{5000}"/);
  assert.equal(result.request?.headers['content-type'], 'application/json');
  assert.equal(result.response?.status, 201);
  assert.match(result.response?.headers['content-type'] ?? '', /^application\/json/);
  assert.ok(result.response?.body.includes(big), 'the body excerpt is kept');
  assert.equal(result.response?.bodyTruncated, false);
}

void describe('records', () => {
  void test('by default passed steps drop their body excerpt and headers; failed ones keep them', async () => {
    const { result, events } = await run(suite, server.url, { keepRecords: undefined });
    const passed = step(result, 0);
    const failed = step(result, 1);
    assert.equal(passed.outcome, 'passed');
    assert.equal(failed.outcome, 'failed');

    assert.equal(passed.recordsOmitted, true);
    assert.deepEqual(passed.request, { method: 'POST', url: `${server.url}/users`, headers: {} });
    const size = passed.response?.size ?? 0;
    assert.ok(size > 5000);
    assert.deepEqual(passed.response, {
      status: 201,
      statusText: 'Created',
      headers: {},
      body: '',
      bodyTruncated: true,
      size,
      durationMs: passed.response?.durationMs,
    });
    assert.equal(typeof passed.response?.durationMs, 'number');
    assert.equal(typeof passed.durationMs, 'number');
    assert.equal(passed.attempts, 1);
    // Expectations stay, their values cut to a short excerpt.
    const json = passed.expectations[1];
    assert.equal(json.passed, true);
    assert.match(String(json.actual), /^b{1024}… \(3976 more characters\)$/);
    assert.match(String(json.expected), /^b{1024}… \(3976 more characters\)$/);

    assertFull(failed);
    assert.equal(failed.expectations[0].actual, 201);

    // Events carry the same results as the SuiteResult.
    const finished = events.flatMap((event) => (event.type === 'stepFinished' ? [event.result] : []));
    assert.deepEqual(finished, [passed, failed]);
  });

  void test("keepRecords 'all' keeps full records for passed steps too", async () => {
    const { result } = await run(suite, server.url, { keepRecords: 'all' });
    const passed = step(result, 0);
    assert.equal(passed.outcome, 'passed');
    assertFull(passed);
    assert.equal(passed.expectations[1].actual, big);
  });

  void test('errored steps keep the request they tried to send', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /slow?ms=5000\n        headers: { x-trace: abc }\n        timeout: 50ms\n`,
      server.url,
      { keepRecords: undefined },
    );
    const errored = step(result);
    assert.equal(errored.outcome, 'errored');
    assert.equal(errored.recordsOmitted, undefined);
    assert.equal(errored.request?.headers['x-trace'], 'abc');
  });
});
