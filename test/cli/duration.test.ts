/**
 * One number for a step's time: the step line shows the response time, the number a `duration:`
 * expectation judges (not the step's wall time, which adds building the request and checking
 * the response).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const args = (): string[] => ['run', 'duration', '--var', `baseUrl=${server.url}`];

void test('json: the duration expectation judged the response time the report gives the step', async () => {
  const result = await runCli([...args(), '-r', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const step = JSON.parse(result.stdout).suites[0].tests[0].steps[0];
  const duration = step.expectations.find((e: { kind: string }) => e.kind === 'duration');
  assert.equal(typeof step.response.durationMs, 'number');
  assert.equal(duration.actual, step.response.durationMs);
  assert.match(duration.message, new RegExp(`got ${step.response.durationMs}$`));
});

void test('pretty: the step line and the duration failure say the same number', async () => {
  const result = await runCli(args());
  assert.equal(result.code, 1, result.stderr);
  const line = /✗ GET \S+ {2}200 OK · (\d+) ms/.exec(result.stdout);
  const failure = /✗ duration {2}expected the duration \(ms\) to be less than 0, got (\d+)/.exec(
    result.stdout,
  );
  assert.ok(line && failure, result.stdout);
  assert.equal(line[1], failure[1]);
});
